import { Boom } from '../lib/Boom'
import { caughtStack, summarize } from '../lib/shared/summary'

function tsxStack(): string {
  try {
    Boom()
  } catch (error) {
    return (error as Error).stack ?? ''
  }
  return ''
}

export async function loader(): Promise<Response> {
  return Response.json({ summary: await summarize(), stacks: { ts: caughtStack(), tsx: tsxStack() } })
}
