// Reading an export before its declaration has run: native ESM throws ReferenceError
// (the binding is in its temporal dead zone). Vite's export getters catch that and give
// undefined; strict mode's getters let it through. Enumerating the namespace is another
// matter: Node checks each binding (Object.keys throws), while the runner's namespace is a
// plain object whose enumeration calls no getter.
import { throws } from '../../helpers/fidelity.mjs'
import { cycle } from './programs.mjs'

// The cycle of programs.mjs: first.js holds `exporter`; second.js imports it with
// `importClause` and evaluates `probe` while first.js has not run.
const readBeforeInit = ({ probe, importClause = '* as ns', exporter = `export let x = 'x'` }) =>
  cycle({ first: exporter, second: `import ${importClause} from './first.js'\nexport const seen = ${probe}` })

const RUNNER_NAMESPACE_IS_A_PLAIN_OBJECT =
  "the runner's namespace is a plain object of accessors: enumerating or describing it calls no getter, so nothing can throw; " +
  'making it throw would also break `__vite_ssr_exportAll__`, Vitest mocking and `console.log(ns)`, which enumerate namespaces'

export const cases = [
  {
    name: 'let read through a named import',
    files: readBeforeInit({ probe: 'x', importClause: '{ x }' }),
    native: throws('ReferenceError'),
    vite: undefined,
  },
  {
    name: 'let read through the namespace',
    files: readBeforeInit({ probe: 'ns.x' }),
    native: throws('ReferenceError'),
    vite: undefined,
  },
  {
    name: 'const read through a named import',
    files: readBeforeInit({ probe: 'x', importClause: '{ x }', exporter: `export const x = 'x'` }),
    native: throws('ReferenceError'),
    vite: undefined,
  },
  {
    name: 'class read through a named import',
    files: readBeforeInit({ probe: 'x', importClause: '{ x }', exporter: `export class x {}` }),
    native: throws('ReferenceError'),
    vite: undefined,
  },
  {
    name: 'anonymous default class',
    files: readBeforeInit({ probe: 'ns.default', exporter: `export default class {}` }),
    native: throws('ReferenceError'),
    vite: undefined,
  },
  {
    name: 'default expression',
    files: readBeforeInit({ probe: 'ns.default', exporter: `export default 'value'` }),
    native: throws('ReferenceError'),
    vite: undefined,
  },
  {
    name: 'export { x as default } of a let',
    files: readBeforeInit({ probe: 'ns.default', exporter: `let x = 'x'\nexport { x as default }` }),
    native: throws('ReferenceError'),
    vite: undefined,
  },
  {
    name: 'typeof a named import',
    files: readBeforeInit({ probe: 'typeof x', importClause: '{ x }' }),
    native: throws('ReferenceError'),
    vite: 'undefined',
  },
  {
    name: 'typeof ns.x',
    files: readBeforeInit({ probe: 'typeof ns.x' }),
    native: throws('ReferenceError'),
    vite: 'undefined',
  },
  {
    name: "'x' in ns",
    files: readBeforeInit({ probe: `'x' in ns` }),
    native: true,
  },
  {
    name: 'Object.getOwnPropertyNames(ns)',
    files: readBeforeInit({ probe: 'Object.getOwnPropertyNames(ns)' }),
    native: ['x'],
  },
  {
    name: 'Reflect.ownKeys(ns)',
    files: readBeforeInit({ probe: 'Reflect.ownKeys(ns).map(String)' }),
    native: ['x', 'Symbol(Symbol.toStringTag)'],
  },
  {
    name: 'Object.keys(ns)',
    files: readBeforeInit({ probe: 'Object.keys(ns)' }),
    native: throws('ReferenceError'),
    vite: ['x'],
    strict: ['x'],
    unfixable: RUNNER_NAMESPACE_IS_A_PLAIN_OBJECT,
  },
  {
    name: 'for (key in ns)',
    files: readBeforeInit({ probe: '(() => { const keys = []; for (const key in ns) keys.push(key); return keys })()' }),
    native: throws('ReferenceError'),
    vite: ['x'],
    strict: ['x'],
    unfixable: RUNNER_NAMESPACE_IS_A_PLAIN_OBJECT,
  },
  {
    name: 'Object.getOwnPropertyDescriptor(ns, x)',
    files: readBeforeInit({ probe: `typeof Object.getOwnPropertyDescriptor(ns, 'x')` }),
    native: throws('ReferenceError'),
    vite: 'object',
    strict: 'object',
    unfixable: RUNNER_NAMESPACE_IS_A_PLAIN_OBJECT,
  },
  {
    name: 'util.inspect(ns), as console.log does, does not throw',
    files: readBeforeInit({ probe: `(await import('node:util')).inspect(ns).includes('x:')` }),
    native: true,
  },
  {
    name: 'JSON.stringify(ns) reads every export',
    files: readBeforeInit({ probe: 'JSON.stringify(ns)' }),
    native: throws('ReferenceError'),
    vite: '{}',
  },
  {
    name: 'spreading the namespace reads every export',
    files: readBeforeInit({ probe: 'Object.keys({ ...ns })' }),
    native: throws('ReferenceError'),
    vite: ['x'],
  },
  {
    name: 'Object.entries(ns) reads every export',
    files: readBeforeInit({ probe: 'Object.entries(ns).length' }),
    native: throws('ReferenceError'),
    vite: 1,
  },
  {
    name: 'export * of the uninitialised module, read once it has run',
    files: cycle({
      first: `export let x = 'x'`,
      second: `export * from './first.js'\nimport * as self from './second.js'\nexport const seen = () => self.x`,
      result: 'seen()',
    }),
    native: 'x',
  },
  {
    name: 'a read once the module has run succeeds',
    files: cycle({
      first: `export let x = 'x'`,
      second: `import * as ns from './first.js'\nimport { x } from './first.js'\nexport const seen = () => [x, ns.x]`,
      result: 'seen()',
    }),
    native: ['x', 'x'],
  },
  {
    name: 'a re-export of an uninitialised let, read through the re-exporting module',
    files: {
      '/main.js': `import './first.js'\nimport { seen } from './second.js'\nexport const result = seen`,
      '/first.js': `import './second.js'\nexport let x = 'x'`,
      '/reexport.js': `export { x } from './first.js'`,
      '/second.js': `import { x } from './reexport.js'\nexport const seen = x`,
    },
    native: throws('ReferenceError'),
    vite: undefined,
  },
  {
    name: "the entry's own export read by a dependency",
    files: {
      '/dependency.js': `import * as main from './main.js'\nexport const seen = main.result`,
      '/main.js': `import { seen } from './dependency.js'\nexport const result = seen`,
    },
    native: throws('ReferenceError'),
    vite: undefined,
  },
  {
    name: 'let read after a top-level await in the cycle',
    files: readBeforeInit({ probe: '(await null, x)', importClause: '{ x }' }),
    native: throws('ReferenceError'),
    vite: undefined,
  },
]
