// Import cycles: what a module sees of a module that is linked but has not run yet
// (function declarations are instantiated at link time), and the order modules run in,
// with and without top-level await.
import { throws } from '../../helpers/fidelity.mjs'
import { cycle, LOG_MODULE } from './programs.mjs'

// Modules that log when they run; `imports` are the modules each one imports first.
function loggingModules(modules) {
  const files = { ...LOG_MODULE }
  for (const [name, { imports = [], body = `log.push('${name}')` }] of Object.entries(modules)) {
    const importLines = imports.map((dependency) => `import './${dependency}.js'\n`).join('')
    files[`/${name}.js`] = `import { log } from './log.js'\n${importLines}${body}`
  }
  files['/main.js'] += '\nexport const result = log'
  return files
}

export const cases = [
  {
    name: 'a function declaration is callable before its module runs',
    files: cycle({
      first: `export function greet() { return 'hello' }`,
      second: `import { greet } from './first.js'\nexport const seen = greet()`,
    }),
    native: 'hello',
  },
  {
    name: 'a named default function is callable before its module runs',
    files: cycle({
      first: `export default function named() { return named.name }`,
      second: `import named from './first.js'\nexport const seen = named()`,
    }),
    native: 'named',
  },
  {
    name: 'an anonymous default function is callable before its module runs',
    files: cycle({
      first: `export default function () { return 'called' }`,
      second: `import anonymous from './first.js'\nexport const seen = anonymous()`,
    }),
    native: 'called',
    // Vite writes it as `const __vite_ssr_export_default__ = function () {}`, not yet run:
    // the export getter gives undefined. The default mode keeps that; strict hoists it.
    vite: throws('TypeError'),
  },
  {
    name: 'an anonymous default function is named default before its module runs',
    files: cycle({
      first: `export default function () {}`,
      second: `import anonymous from './first.js'\nexport const seen = anonymous.name`,
    }),
    native: 'default',
    vite: throws('TypeError'),
  },
  {
    name: 'an anonymous default async function is callable before its module runs',
    files: cycle({
      first: `export default async function () { return 'awaited' }`,
      second: `import anonymous from './first.js'\nexport const seen = await anonymous()`,
    }),
    native: 'awaited',
    vite: throws('TypeError'),
  },
  {
    name: 'an anonymous default generator is callable before its module runs',
    files: cycle({
      first: `export default function* () { yield 'yielded' }`,
      second: `import anonymous from './first.js'\nexport const seen = [...anonymous()]`,
    }),
    native: ['yielded'],
    vite: throws('TypeError'),
  },
  {
    name: 'a parenthesized anonymous default function is an expression: not hoisted',
    files: cycle({
      first: `export default (function () { return 'called' })`,
      second: `import anonymous from './first.js'\nexport const seen = anonymous()`,
    }),
    native: throws('ReferenceError'),
    vite: throws('TypeError'),
  },
  {
    name: 'export { f as default } of a function is callable before its module runs',
    files: cycle({
      first: `function f() { return 'f' }\nexport { f as default }`,
      second: `import f from './first.js'\nexport const seen = f()`,
    }),
    native: 'f',
  },
  {
    name: 'a module calls its own anonymous default function through a self-import',
    files: {
      '/lib.js': `import self from './lib.js'\nexport const early = self()\nexport default function () { return 'hoisted' }`,
      '/main.js': `import { early } from './lib.js'\nexport const result = early`,
    },
    native: 'hoisted',
    vite: throws('TypeError'),
  },
  {
    name: 'a hoisted function that reads an uninitialised let of its module',
    files: cycle({
      first: `let ready = 'ready'\nexport function read() { return ready }`,
      second: `import { read } from './first.js'\nexport const seen = read()`,
    }),
    native: throws('ReferenceError'),
  },
  {
    name: 'a var export read before its module runs is undefined',
    files: cycle({
      first: `export var value = 'set'`,
      second: `import { value } from './first.js'\nexport const seen = [typeof value, value]`,
    }),
    native: ['undefined', undefined],
  },
  {
    name: 'a read deferred until the cycle has run sees the value',
    files: cycle({
      first: `export const value = 'ready'`,
      second: `import { value } from './first.js'\nexport const seen = () => value`,
      result: 'seen()',
    }),
    native: 'ready',
  },
  {
    name: 'a function captured during the cycle sees later reassignments',
    files: cycle({
      first: `export function current() { return 'first' }\ncurrent = () => 'second'`,
      second: `import * as first from './first.js'\nconst early = first.current()\nexport const seen = () => [early, first.current()]`,
      result: 'seen()',
    }),
    native: ['first', 'second'],
  },
  {
    name: 'modules of a cycle run in post-order',
    files: loggingModules({
      main: { imports: ['first'] },
      first: { imports: ['second'] },
      second: { imports: ['first'] },
    }),
    native: ['second', 'first', 'main'],
  },
  {
    name: 'a module shared by two importers runs once, before both',
    files: loggingModules({
      main: { imports: ['left', 'right'] },
      left: { imports: ['shared'] },
      right: { imports: ['shared'] },
      shared: {},
    }),
    native: ['shared', 'left', 'right', 'main'],
  },
  {
    name: 'top-level await in a module of a cycle: its importer waits for it',
    files: loggingModules({
      main: { imports: ['first'] },
      first: { imports: ['second'] },
      second: { imports: ['first'], body: `log.push('second start')\nawait new Promise((resolve) => setTimeout(resolve, 5))\nlog.push('second end')` },
    }),
    native: ['second start', 'second end', 'first', 'main'],
  },
  {
    name: 'top-level await at the root of a cycle',
    files: loggingModules({
      main: { imports: ['first'] },
      first: { imports: ['second'], body: `log.push('first start')\nawait null\nlog.push('first end')` },
      second: { imports: ['first'] },
    }),
    native: ['second', 'first start', 'first end', 'main'],
  },
  {
    name: 'top-level await in one import does not hold back an independent sibling',
    files: loggingModules({
      main: { imports: ['slow', 'fast'] },
      slow: { body: `log.push('slow start')\nawait new Promise((resolve) => setTimeout(resolve, 5))\nlog.push('slow end')` },
      fast: {},
    }),
    native: ['slow start', 'fast', 'slow end', 'main'],
    vite: ['slow start', 'slow end', 'fast', 'main'],
    strict: ['slow start', 'slow end', 'fast', 'main'],
    unfixable:
      'the ModuleRunner evaluates the imports of a module one after the other (each `await __vite_ssr_import__`); ' +
      'only the module graph, not one file, tells which dependency is async',
  },
  {
    name: 'two modules of a cycle with top-level await call each other',
    files: {
      '/a.js': `import { fromB } from './b.js'\nexport function a() { return 'a' }\nawait null\nexport const fromBAfterAwait = fromB()`,
      '/b.js': `import { a } from './a.js'\nexport function fromB() { return 'b' }\nexport const fromA = a()`,
      '/main.js': `import { fromBAfterAwait } from './a.js'\nimport { fromA } from './b.js'\nexport const result = [fromA, fromBAfterAwait]`,
    },
    native: ['a', 'b'],
  },
  {
    name: 'a dynamic import of a module of the cycle resolves once that module has run',
    files: cycle({
      first: `export const value = 'ready'`,
      second: `export const seen = import('./first.js').then((first) => first.value)`,
      result: 'await seen',
    }),
    native: 'ready',
  },
]
