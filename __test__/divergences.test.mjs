// One program per entry of docs/divergences.md: where Vite 8.3's transform gives code
// that fails or misbehaves under its own ModuleRunner, ours behaves like native ESM.
// Each program runs natively (the ground truth), through ModuleRunner with Vite's
// transform (the control, which must show the bug), and with ours in both export styles.
import { moduleRunnerTransform } from 'vite'
import { expect, test } from 'vitest'
import { loadOurPackage } from './helpers/ours.mjs'
import { describeProgram } from './helpers/program-tests.mjs'
import { runModules, runNative } from './helpers/runner.mjs'

// D1
describeProgram('D1: a comment between export and default of a named function', {
  files: {
    '/lib.js': `export /* c */ default function f() { return 'f' }`,
    '/main.js': `import f from './lib.js'\nexport const result = f()`,
  },
  expected: 'f',
  viteFailsWith: SyntaxError,
})

describeProgram('D1: a comment between export and default of an expression', {
  files: {
    '/lib.js': `export /**/ default { kind: 'object' }`,
    '/main.js': `import o from './lib.js'\nexport const result = o.kind`,
  },
  expected: 'object',
  viteFailsWith: SyntaxError,
})

describeProgram('D1: two spaces, or a line break, between export and default', {
  files: {
    '/spaces.js': `export  default 1`,
    '/crlf.js': `export\r\ndefault 2`,
    '/main.js': `import a from './spaces.js'\nimport b from './crlf.js'\nexport const result = [a, b]`,
  },
  expected: [1, 2],
  viteFailsWith: SyntaxError,
})

describeProgram('D1: a comment right after default', {
  files: {
    '/lib.js': `export default/**/class C { static kind = 'C' }`,
    '/main.js': `import C from './lib.js'\nexport const result = C.kind`,
  },
  expected: 'C',
  viteFailsWith: SyntaxError,
})

// D2
describeProgram('D2: destructuring assignment to an import throws TypeError', {
  files: {
    '/lib.js': `export let a = 1\nexport let b = 2`,
    '/main.js': `
import { a, b } from './lib.js'
const outcome = (assign) => { try { assign(); return 'assigned' } catch (error) { return error.constructor.name } }
export const result = [
  outcome(() => { ({ a } = { a: 5 }) }),
  outcome(() => { ({ x: b } = { x: 5 }) }),
  outcome(() => { for ({ a } of [{ a: 5 }]); }),
]
`,
  },
  expected: ['TypeError', 'TypeError', 'TypeError'],
  // Vite leaves the targets unrewritten: they assign to undeclared globals.
  viteGives: ['ReferenceError', 'ReferenceError', 'ReferenceError'],
})

describeProgram('D2: destructuring assignment with a default to an import', {
  files: {
    '/lib.js': `export let a = 1`,
    '/main.js': `
import { a } from './lib.js'
let outcome
try { ({ a = 1 } = {}); outcome = 'assigned' } catch (error) { outcome = error.constructor.name }
export const result = outcome
`,
  },
  expected: 'TypeError',
  viteFailsWith: SyntaxError,
})

// D3
describeProgram('D3: a parameter default reads the import, not a var of the body', {
  files: {
    '/lib.js': `export const a = 'import'`,
    '/main.js': `
import { a } from './lib.js'
function f(x = a) { var a = 'local'; return [x, a] }
export const result = f()
`,
  },
  expected: ['import', 'local'],
  viteFailsWith: ReferenceError,
})

describeProgram('D3: declarations in class static blocks shadow imports', {
  files: {
    '/lib.js': `export const a = 'import'\nexport function b() { return 'import' }`,
    '/main.js': `
import { a, b } from './lib.js'
const seen = []
class C {
  static { var a = 'var'; seen.push(a) }
  static { let a = 'let'; seen.push(a) }
  static { function b() { return 'function' } seen.push(b()) }
}
export const result = [...seen, a, b()]
`,
  },
  expected: ['var', 'let', 'function', 'import', 'import'],
  viteGives: ['import', 'import', 'import', 'import', 'import'],
})

// D4
describeProgram('D4: a module binding named like a generated import', {
  files: {
    '/lib.js': `export const a = () => 'import'`,
    '/main.js': `
import { a } from './lib.js'
const __vite_ssr_import_0__ = 'user'
function f(__vite_ssr_import_1__) { return a() }
export const result = [__vite_ssr_import_0__, f('param')]
`,
  },
  expected: ['user', 'import'],
  viteFailsWith: SyntaxError,
})

describeProgram('D4: a module binding named like the generated default export', {
  files: {
    '/lib.js': `const __vite_ssr_export_default__ = 'user'\nexport default 'default'\nexport const user = __vite_ssr_export_default__`,
    '/main.js': `import d, { user } from './lib.js'\nexport const result = [d, user]`,
  },
  expected: ['default', 'user'],
  viteFailsWith: SyntaxError,
})

// D5
test('D5: re-exports with import attributes whose key is named like an import', async () => {
  const { ssrTransformSync } = await loadOurPackage()
  const code = [
    `import { type } from './lib.js'`,
    `export * from './data.json' with { type: 'json' }`,
    `export { x } from './data.json' with { type: 'json' }`,
    `type()`,
  ].join('\n')
  // Vite walks into the attributes of a statement it already replaced, and magic-string throws.
  await expect(moduleRunnerTransform(code, null, '/a.js', code)).rejects.toThrow(/cannot split a chunk/)
  const { code: output, deps } = ssrTransformSync(code, null, '/a.js', code)
  expect(deps).toEqual(['./lib.js', './data.json'])
  expect(output).toContain('__vite_ssr_exportAll__(__vite_ssr_import_1__)')
  expect(output).toContain('__vite_ssr_exportName__("x", () => { try { return __vite_ssr_import_2__.x } catch {} })')
  expect(output).toContain('(0,__vite_ssr_import_0__.type)()')
})

// D6
test('D6: top-level await that reads like script code is transformed', async () => {
  const { ssrTransformSync } = await loadOurPackage()
  const AsyncFunction = (async () => {}).constructor
  for (const code of ['await []', 'await /x/.source', 'for await (const x of []) {}']) {
    await expect(moduleRunnerTransform(code, null, '/a.js', code)).rejects.toThrow(/Parse failure/)
    const { code: output } = ssrTransformSync(code, null, '/a.js', code)
    expect(output).toBe(code)
    await new AsyncFunction('"use strict";' + output)()
  }
})

test('D6: HTML-like comments are a syntax error in a module, as in Node', async () => {
  const { ssrTransformSync } = await loadOurPackage()
  const code = '<!-- x\nconsole.log(1)'
  expect((await moduleRunnerTransform(code, null, '/a.js', code)).code).toContain('<!--')
  expect(() => ssrTransformSync(code, null, '/a.js', code)).toThrow(/^Parse failure:/)
})

// D8
test('D8: a class declaration without a name is a parse error, as in Node', async () => {
  const { ssrTransformSync } = await loadOurPackage()
  await expect(moduleRunnerTransform('export class {}', null, '/a.js')).rejects.toThrow()
  for (const code of ['export class {}', '{ class {} }']) {
    expect(() => ssrTransformSync(code, null, '/a.js', code)).toThrow(/^Parse failure: (.|\n)*A class declaration needs a name(.|\n)*At file: \/a\.js:1:\d+$/)
  }
})

// D9
test.each([
  ['a reference', 'function f() { await }'],
  ['a variable', 'function f() { var await = 1 }'],
  ['a label', 'function f() { await: 1 }'],
  ['a class field initializer', 'const f = async () => class { x = await }'],
  ['a shorthand property', 'function f() { return { await } }'],
  ['a parameter', 'function f(await) {}'],
])('D9: await as %s inside a function is a parse error, as in Node', async (_, code) => {
  const { ssrTransformSync } = await loadOurPackage()
  const files = { '/main.js': `${code}\nexport const result = 'ran'` }
  await expect(runNative(files, '/main.js')).rejects.toMatchObject({ name: 'SyntaxError' })
  // Vite transforms it, and the runner's function body accepts it.
  expect(await runModules(files, '/main.js', { transform: moduleRunnerTransform })).toBe('ran')
  expect(() => ssrTransformSync(files['/main.js'], null, '/main.js')).toThrow(
    /^Parse failure: (.|\n)*Unexpected reserved word `await`(.|\n)*At file: \/main\.js:1:\d+$/,
  )
})
