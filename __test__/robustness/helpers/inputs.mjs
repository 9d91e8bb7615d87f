// Generated inputs for the robustness tests.

export const MODULE_URL = '/src/robust.js'

const NESTINGS = {
  parens: ['(', ')'],
  arrays: ['[', ']'],
  functions: ['function f(){', '}'],
  templates: ['`${', '}`'],
}
export const NESTING_KINDS = Object.keys(NESTINGS)

/** An import read `depth` levels deep: `x = ((((a))))`. */
export function nestedModule(kind, depth) {
  const [open, close] = NESTINGS[kind]
  return `import { a } from 'a'\nx = ${open.repeat(depth)}a${close.repeat(depth)}\n`
}

/** What `nestedModule(kind, depth)` becomes: the import hoisted, the read rewritten, the nesting kept. */
export function expectedNestedOutput(kind, depth) {
  const [open, close] = NESTINGS[kind]
  return `const __vite_ssr_import_0__ = await __vite_ssr_import__("a", {"importedNames":["a"]});\n\nx = ${open.repeat(depth)}__vite_ssr_import_0__.a${close.repeat(depth)}\n`
}

// A module made of one header and many copies of one block. A block's declarations are
// its own, so the copies never clash, and a block never takes the `;` that the
// transform adds between statements: each copy is transformed the same way, and the
// output of n copies is the header's output followed by n copies of one block's.
const REPEATED_HEADER = `import { a, b as c } from 'a'
import * as ns from 'ns'
import def from 'def'
export const answer = 42
export default function main() { return a }
`
const REPEATED_BLOCK = `{
  const value = a(c.key, ns.value, def)
  function f(x = a) { return x + c + \`\${ns.value}\` + import.meta.url }
  class K extends c { m() { return { a, def, [ns.key]: value } } }
  for (const item of [a, c]) if (item === def) break
  const { a: renamed = a } = ns /* 'é' — "ü" 😀 */
  label: while (value) { new K().m(f(renamed)); break label }
  // Most of a real module does not touch its imports.
  const table = new Map()
  for (let index = 0; index < 16; index++) table.set(\`key\${index}\`, { index, square: index * index })
  const total = [...table.values()].reduce((sum, { square }) => sum + square, 0)
  if (total > 1000 && typeof window !== 'undefined') console.log('total', total, table.size)
}
`

export function repeatedModule(copies) {
  return REPEATED_HEADER + REPEATED_BLOCK.repeat(copies)
}

/** Copies of the block needed for at least `bytes` UTF-8 bytes. */
export function copiesFor(bytes) {
  return Math.ceil(bytes / Buffer.byteLength(REPEATED_BLOCK))
}

/** A minified-looking module on one line of at least `bytes` bytes. */
export function singleLineModule(bytes) {
  const statement = 'x=a(x,c.k,{a,[c]:`${a}`}),y=new c(a?.b??d);'
  return `import{a,b as c}from'a';import d from'd';export let x,y;${statement.repeat(Math.ceil(bytes / statement.length))}export default x`
}
