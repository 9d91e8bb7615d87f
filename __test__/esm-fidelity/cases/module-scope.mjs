// What module code sees of its own scope: `this`, `arguments`, `import.meta`, direct
// eval, strictness, dynamic import(), string export names. The runner evaluates a module
// as the body of an async function, which a module is not.
import { parseFailure, throws } from '../../helpers/fidelity.mjs'
import { ATTEMPT, entryReportingGlobalProbe, LOG_MODULE } from './programs.mjs'

// A single-module program: the entry reports `report`, after `setup`.
const entryReporting = (report, setup = '') => ({ '/main.js': `${ATTEMPT}${setup}\nexport const result = ${report}` })

const RUNNER_IMPORT_META = "`import.meta` is the runner's object (createDefaultImportMeta)"

// A module without import or export whose top-level await reads like script code: Vite
// parses such a file as a script and rejects it where `await` is not a keyword (D6).
const scriptLikeTopLevelAwait = ({ name, code, viteRejectsAt: [line, column], expected }) => ({
  name,
  files: { '/script.js': code, ...entryReportingGlobalProbe('./script.js') },
  native: expected,
  vite: parseFailure('/script.js', line, column),
  ours: expected,
})

export const cases = [
  {
    name: 'top-level this is undefined, also in a top-level arrow function',
    files: entryReporting('[this, (() => this)()]'),
    native: [undefined, undefined],
  },
  {
    name: 'module code is strict: a plain call has no this, assigning an undeclared name throws',
    files: entryReporting('[(function () { return this })(), attempt(() => { undeclaredFidelityName = 1 })]'),
    native: [undefined, 'ReferenceError'],
  },
  {
    name: 'typeof arguments at the top level',
    files: entryReporting('typeof arguments'),
    native: 'undefined',
    vite: 'object',
  },
  {
    name: 'arguments read at the top level',
    files: entryReporting('attempt(() => arguments.length)'),
    native: 'ReferenceError',
    vite: 6,
  },
  {
    name: 'arguments inside a function is its own',
    files: entryReporting('(function () { return arguments.length })(1, 2)'),
    native: 2,
  },
  {
    name: 'top-level var and function declarations are not globals',
    files: entryReporting(`['fidelityVar' in globalThis, 'fidelityFunction' in globalThis]`, 'var fidelityVar = 1\nfunction fidelityFunction() {}'),
    native: [false, false],
  },
  {
    name: 'direct eval sees module locals, and its var stays in the eval',
    files: entryReporting(`[eval('local'), (eval('var declaredByEval = 1'), typeof declaredByEval)]`, 'const local = 5'),
    native: [5, 'undefined'],
  },
  {
    name: 'direct eval of an imported name',
    files: { '/lib.js': `export const a = 'imported'`, '/main.js': `import { a } from './lib.js'\n${ATTEMPT}export const result = attempt(() => eval('a'))` },
    native: 'imported',
    vite: 'ReferenceError',
    strict: 'ReferenceError',
    unfixable: 'the eval code is a run-time string: the transform cannot rewrite the import references inside it',
  },
  {
    name: 'import.meta.url is the file URL of the module',
    files: {
      '/dir/module.js': 'export const url = import.meta.url',
      '/main.js': `
import { url } from './dir/module.js'
const sibling = new URL('./data.txt', url)
export const result = [url.startsWith('file:///'), url.endsWith('/dir/module.js'), sibling.pathname.endsWith('/dir/data.txt')]`,
    },
    native: [true, true, true],
  },
  {
    name: 'import.meta is one object per module, the same in nested functions',
    files: {
      '/other.js': 'export const meta = import.meta',
      '/main.js': `import { meta } from './other.js'\nexport const result = [import.meta === (() => import.meta)(), import.meta === meta]`,
    },
    native: [true, false],
  },
  {
    name: 'import.meta.filename and import.meta.dirname',
    files: {
      '/dir/module.js': 'export const paths = [import.meta.filename, import.meta.dirname]',
      '/main.js': `import { paths } from './dir/module.js'\nexport const result = [paths[0].endsWith('/dir/module.js'), paths[1].endsWith('/dir')]`,
    },
    native: [true, true],
  },
  {
    name: 'import.meta has a null prototype',
    files: entryReporting('Object.getPrototypeOf(import.meta) === null'),
    native: true,
    vite: false,
    strict: false,
    unfixable: RUNNER_IMPORT_META,
  },
  {
    name: 'import.meta.resolve',
    files: entryReporting(`attempt(() => import.meta.resolve('./other.js').endsWith('/other.js'))`),
    native: true,
    vite: 'Error',
    strict: 'Error',
    unfixable: `${RUNNER_IMPORT_META}; its resolve throws "not supported" unless the runner is given a resolver`,
  },
  {
    name: 'dynamic import() gives the namespace, the same as the static one',
    files: {
      '/lib.js': `export const a = 'a'\nexport default 'default'`,
      '/main.js': `import * as ns from './lib.js'\nconst dynamic = await import('./lib.js')\nexport const result = [dynamic === ns, dynamic.a, dynamic.default]`,
    },
    native: [true, 'a', 'default'],
  },
  {
    name: 'dynamic import() with a computed specifier, relative to the importer',
    files: {
      '/dir/lib.js': `export const a = 'found'`,
      '/dir/importer.js': `const name = 'lib'\nexport const load = () => import('./' + name + '.js')`,
      '/main.js': `import { load } from './dir/importer.js'\nexport const result = (await load()).a`,
    },
    native: 'found',
  },
  {
    name: 'dynamic import() runs the module when called, not before',
    files: {
      ...LOG_MODULE,
      '/lazy.js': `import { log } from './log.js'\nlog.push('lazy')`,
      '/main.js': `import { log } from './log.js'\nlog.push('before')\nawait import('./lazy.js')\nlog.push('after')\nexport const result = log`,
    },
    native: ['before', 'lazy', 'after'],
  },
  {
    name: 'dynamic import() of a Node builtin',
    files: entryReporting(`typeof (await import('node:path')).join`),
    native: 'function',
  },
  {
    name: 'string export and import names',
    files: {
      '/lib.js': `const value = 'value'\nexport { value as "a-b", value as "😀" }`,
      '/main.js': `
import { "a-b" as dashed, "😀" as emoji } from './lib.js'
import * as ns from './lib.js'
export const result = [dashed, emoji, ns['a-b'], Object.keys(ns)]`,
    },
    native: ['value', 'value', 'value', ['a-b', '😀']],
  },
  {
    name: 'string names re-exported, to a string name and to default',
    files: {
      '/lib.js': `const value = 'value'\nexport { value as "a-b" }`,
      '/reexport.js': `export { "a-b" as "c d", "a-b" as default } from './lib.js'\nexport * as "the namespace" from './lib.js'`,
      '/main.js': `import fromDefault, { "c d" as spaced, "the namespace" as ns } from './reexport.js'\nexport const result = [spaced, fromDefault, ns['a-b']]`,
    },
    native: ['value', 'value', 'value'],
  },
  {
    name: 'a local named like a generated binding',
    files: {
      '/lib.js': `export const a = 'import'`,
      '/main.js': `import { a } from './lib.js'\nconst __vite_ssr_import_0__ = 'local'\nexport const result = [a, __vite_ssr_import_0__]`,
    },
    native: ['import', 'local'],
    vite: throws('SyntaxError'),
    ours: ['import', 'local'],
  },
  scriptLikeTopLevelAwait({
    name: 'top-level await [] in a module without import or export',
    code: 'globalThis.fidelityProbe = (await []).length',
    viteRejectsAt: [1, 35],
    expected: 0,
  }),
  scriptLikeTopLevelAwait({
    name: 'top-level await /regex/ in a module without import or export',
    code: 'globalThis.fidelityProbe = (await /x/).source',
    viteRejectsAt: [1, 37],
    expected: 'x',
  }),
  scriptLikeTopLevelAwait({
    name: 'top-level for await in a module without import or export',
    code: 'globalThis.fidelityProbe = []\nfor await (const item of [1, 2]) globalThis.fidelityProbe.push(item)',
    viteRejectsAt: [2, 4],
    expected: [1, 2],
  }),
]
