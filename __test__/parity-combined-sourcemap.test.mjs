// Vite combines the transform's map with the map of the earlier plugins (here
// a TypeScript compile by oxc-transform), keeping the original sources.
import { transform } from 'oxc-transform'
import { describe, expect, test } from 'vitest'
import { lines } from './cases/ssr-transform-cases.mjs'
import { expectNativeMatchesVite, transformWithVite } from './helpers/parity.mjs'

const typeScriptSources = [
  {
    url: '/src/greeter.ts',
    source: lines(
      `import { format, type Options } from './format'`,
      `import type { User } from './user'`,
      `import * as log from './log'`,
      ``,
      `export interface Greeting { text: string }`,
      `export enum Tone { Formal, Casual }`,
      ``,
      `export function greet(user: User, options?: Options): Greeting {`,
      `  log.debug(user)`,
      `  return { text: format(user.name as string, options) }`,
      `}`,
      ``,
      `export default greet`,
      ``,
    ),
  },
  {
    url: '/src/unicode.ts',
    source: lines(
      `import { t } from './i18n'`,
      `// Grüße aus 日本 😀`,
      `const 名前: string = 'ñandú 🦤'`,
      `export const message = (count: number): string => t(\`\${名前} × \${count} 👍🏽\`)`,
      `export const emoji: Record<string, string> = { '🎉': t('party'), 'é': t(名前) }`,
    ),
  },
  {
    url: '/src/store.ts',
    source: lines(
      `import { Base, type Listener } from './base'`,
      `import { reactive } from './reactive'`,
      ``,
      `export class Store<T extends object> extends Base {`,
      `  private listeners: Listener<T>[] = []`,
      `  constructor(private readonly state: T, public name = 'store') {`,
      `    super()`,
      `    reactive(state)`,
      `  }`,
      `  subscribe(listener: Listener<T>): () => void {`,
      `    this.listeners.push(listener)`,
      `    return () => { this.listeners = this.listeners.filter((l) => l !== listener) }`,
      `  }`,
      `}`,
      `export const load = async <T,>(url: string) => (await import('./fetch')).get<T>(url)`,
    ),
  },
  {
    url: '/src/Button.tsx',
    source: lines(
      `import { useState } from 'preact/hooks'`,
      `export function Button({ label }: { label: string }) {`,
      `  const [count, setCount] = useState<number>(0)`,
      `  return <button onClick={() => setCount(count + 1)}>{label} {count}</button>`,
      `}`,
    ),
  },
]

async function compileTypeScript({ url, source }) {
  const { code, map, errors } = await transform(url, source, { sourcemap: true })
  if (errors.length > 0) throw new Error(`oxc-transform failed on ${url}: ${errors.map((error) => error.message).join('; ')}`)
  return { code, inMap: map, url, originalCode: source }
}

describe('combined source maps after a TypeScript compile', () => {
  for (const typeScriptSource of typeScriptSources) {
    test(typeScriptSource.url, async () => {
      const input = await compileTypeScript(typeScriptSource)
      // Guard against a vacuous test: Vite must really have combined the maps.
      const { map } = await transformWithVite(input)
      expect(map.sources).toEqual(input.inMap.sources)
      await expectNativeMatchesVite(input)
    })
  }
})
