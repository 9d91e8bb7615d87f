// Module hooks that count Vite's own JS ssrTransform runs. Each run starts with one
// `parseAstAsync(code)` call on the module (rollup's parser in Vite 5 and 6, rolldown's in
// Vite 8), and nothing else in Vite's dev server calls it for plain modules without
// `import.meta.glob` or workers, as the host fixtures are. So Vite's chunks get a
// `parseAstAsync` that counts its calls in a global, and otherwise the real parser module.
const PARSER_SPECIFIERS = new Set(['rollup/parseAst', 'rolldown/parseAst'])
// vite, the vite5/vite6 aliases, and vite-node3's own nested Vite 5.
const VITE_NODE_DIST = /\/node_modules\/(?:[^/]+\/node_modules\/)?vite\d*\/dist\/node\//
const SPY_PREFIX = 'count-vite-parses:'

export const PARSE_COUNT_KEY = 'nativeSsrTransform.viteJsTransformParses'

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context)
  if (PARSER_SPECIFIERS.has(specifier) && VITE_NODE_DIST.test(context.parentURL ?? '')) {
    return { url: SPY_PREFIX + resolved.url, format: 'module', shortCircuit: true }
  }
  return resolved
}

export async function load(url, context, nextLoad) {
  if (!url.startsWith(SPY_PREFIX)) return nextLoad(url, context)
  const parserUrl = JSON.stringify(url.slice(SPY_PREFIX.length))
  const countKey = JSON.stringify(PARSE_COUNT_KEY)
  const source = `import * as parser from ${parserUrl}
export * from ${parserUrl}
export function parseAstAsync(...args) {
  globalThis[Symbol.for(${countKey})] = (globalThis[Symbol.for(${countKey})] ?? 0) + 1
  return parser.parseAstAsync(...args)
}
`
  return { format: 'module', source, shortCircuit: true }
}
