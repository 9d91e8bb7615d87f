// What every framework app renders on its page and returns from its server route: named,
// default and namespace imports, a re-export, import.meta.env, a dynamic import() and a
// CommonJS dependency (ms), all in TypeScript.
import ms from 'ms'
import { describeCycle, greeting, math } from './index'
import * as thrower from './thrower'

export interface Summary {
  greeting: string
  sum: number
  duration: string
  mode: string
  ssr: boolean
  lazy: string
  cycle: string
}

export async function summarize(): Promise<Summary> {
  const { lazyValue } = await import('./lazy')
  return {
    greeting,
    sum: math.add(2, 3) + math.PI_ROUNDED,
    duration: ms(90_000),
    mode: import.meta.env.MODE,
    ssr: import.meta.env.SSR,
    lazy: lazyValue,
    cycle: describeCycle(),
  }
}

/** The stack of an error thrown in thrower.ts, as the server's runtime reports it. */
export function caughtStack(): string {
  try {
    thrower.explode('on purpose')
  } catch (error) {
    return (error as Error).stack ?? ''
  }
  return ''
}
