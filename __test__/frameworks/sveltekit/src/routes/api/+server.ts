import { json } from '@sveltejs/kit'
import { boomInSvelte } from '../../lib/Boom.svelte'
import { caughtStack, summarize } from '../../lib/shared/summary'

function svelteStack(): string {
  try {
    boomInSvelte()
  } catch (error) {
    return (error as Error).stack ?? ''
  }
  return ''
}

export async function GET() {
  return json({ summary: await summarize(), stacks: { ts: caughtStack(), svelte: svelteStack() } })
}
