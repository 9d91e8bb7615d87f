import { caughtStack, summarize } from '../../lib/shared/summary'

export async function GET(): Promise<Response> {
  return Response.json({ summary: await summarize(), stacks: { ts: caughtStack() } })
}
