// Module namespace objects, and how `export *` fills them. Native namespaces are exotic
// objects: keys sorted, data properties, ambiguous star names left out. The runner's are
// plain null-prototype objects of accessors, sealed once the module has run, that
// `__vite_ssr_exportAll__` fills with the names it finds in the star module at run time.
import { throws } from '../../helpers/fidelity.mjs'
import { ATTEMPT } from './programs.mjs'

// The entry reports `report`, an expression over `ns`, the namespace of /lib.js.
const namespaceOf = (files, report) => ({ ...files, '/main.js': `import * as ns from './lib.js'\n${ATTEMPT}export const result = ${report}` })

const RUNNER_NAMESPACE_OBJECT = "the namespace is the runner's object (`Object.create(null)` with accessors, sealed after evaluation), not the transform's"
const STAR_NAMES_KNOWN_AT_RUN_TIME =
  'the transform sees one file: which names an `export *` brings, and from which module, is known only to the runner, once the star module has run'

// Two star modules that both export `x` (different bindings): natively ambiguous.
const CONFLICTING_STARS = {
  '/first.js': `export const x = 'first'`,
  '/second.js': `export const x = 'second'`,
  '/lib.js': `export * from './first.js'\nexport * from './second.js'\nexport const own = 'own'`,
}

export const cases = [
  {
    name: 'Object.keys of a namespace is sorted',
    files: namespaceOf({ '/lib.js': `export const b = 1\nexport const a = 2\nexport function C() {}` }, 'Object.keys(ns)'),
    native: ['C', 'a', 'b'],
    vite: ['b', 'a', 'C'],
  },
  {
    name: 'Object.keys of a namespace with export * is sorted',
    files: namespaceOf({ '/star.js': 'export const a = 1', '/lib.js': `export const b = 2\nexport * from './star.js'` }, 'Object.keys(ns)'),
    native: ['a', 'b'],
    vite: ['b', 'a'],
    strict: ['b', 'a'],
    unfixable: `${STAR_NAMES_KNOWN_AT_RUN_TIME}; \`__vite_ssr_exportAll__\` appends them after the local exports`,
  },
  {
    name: 'a namespace has a null prototype and the tag Module',
    files: namespaceOf({ '/lib.js': 'export const a = 1' }, '[Object.getPrototypeOf(ns), Object.prototype.toString.call(ns)]'),
    native: [null, '[object Module]'],
  },
  {
    name: 'a namespace is sealed and not extensible, but not frozen',
    files: namespaceOf({ '/lib.js': 'export const a = 1' }, '[Object.isSealed(ns), Object.isExtensible(ns), Object.isFrozen(ns)]'),
    native: [true, false, false],
    vite: [true, false, true],
    strict: [true, false, true],
    unfixable: `${RUNNER_NAMESPACE_OBJECT}; sealed accessor properties count as frozen`,
  },
  {
    name: 'a namespace member is a writable data property',
    files: namespaceOf({ '/lib.js': 'export const a = 1' }, `Object.keys(Object.getOwnPropertyDescriptor(ns, 'a'))`),
    native: ['value', 'writable', 'enumerable', 'configurable'],
    vite: ['get', 'set', 'enumerable', 'configurable'],
    strict: ['get', 'set', 'enumerable', 'configurable'],
    unfixable: RUNNER_NAMESPACE_OBJECT,
  },
  {
    name: 'assigning, deleting or defining a namespace member throws TypeError',
    files: namespaceOf(
      { '/lib.js': 'export const a = 1' },
      `[attempt(() => { ns.a = 2 }), attempt(() => delete ns.a), attempt(() => Object.defineProperty(ns, 'a', { value: 2 })), attempt(() => { ns.added = 1 })]`,
    ),
    native: ['TypeError', 'TypeError', 'TypeError', 'TypeError'],
  },
  {
    name: 'console.log of a namespace shows its values',
    files: namespaceOf({ '/lib.js': 'export const a = 1' }, `(await import('node:util')).inspect(ns).includes('a: 1')`),
    native: true,
    vite: false,
    strict: false,
    unfixable: `${RUNNER_NAMESPACE_OBJECT}: util.inspect shows accessors as [Getter]`,
  },
  {
    name: 'one namespace object per module, shared by every importer and export * as',
    files: {
      '/lib.js': 'export const a = 1',
      '/other.js': `import * as ns from './lib.js'\nexport { ns }\nexport * as reexported from './lib.js'`,
      '/main.js': `
import * as ns from './lib.js'
import { ns as other, reexported } from './other.js'
export const result = [ns === other, ns === reexported, ns === await import('./lib.js')]`,
    },
    native: [true, true, true],
  },
  {
    name: 'a module without exports has an empty namespace',
    files: namespaceOf({ '/lib.js': 'const local = 1' }, '[Object.keys(ns), ns.default]'),
    native: [[], undefined],
  },
  {
    name: 'importing a name the module does not export',
    files: { '/lib.js': 'export const a = 1', '/main.js': `import { missing } from './lib.js'\nexport const result = missing` },
    native: throws('SyntaxError'),
    vite: undefined,
    strict: undefined,
    unfixable:
      'a link-time error needs the exports of the imported module, which the transform of the importer does not have (the runner does, once the module has run)',
  },
  {
    name: 'a namespace member the module does not export is undefined',
    files: namespaceOf({ '/lib.js': 'export const a = 1' }, `[ns.missing, 'missing' in ns]`),
    native: [undefined, false],
  },
  {
    name: 'export * leaves out default',
    files: namespaceOf({ '/star.js': `export default 'star default'\nexport const a = 1`, '/lib.js': `export * from './star.js'` }, `['default' in ns, Object.keys(ns)]`),
    native: [false, ['a']],
  },
  {
    name: 'a local export wins over export *',
    files: namespaceOf({ '/star.js': `export const x = 'star'`, '/lib.js': `export * from './star.js'\nexport const x = 'local'` }, 'ns.x'),
    native: 'local',
  },
  {
    name: 'an explicit re-export wins over export *',
    files: namespaceOf(
      { '/star.js': `export const x = 'star'`, '/explicit.js': `export const x = 'explicit'`, '/lib.js': `export * from './star.js'\nexport { x } from './explicit.js'` },
      'ns.x',
    ),
    native: 'explicit',
  },
  {
    name: 'two export * providing one name leave it out of the namespace',
    files: namespaceOf(CONFLICTING_STARS, `['x' in ns, ns.x, Object.keys(ns)]`),
    native: [false, undefined, ['own']],
    vite: [true, 'first', ['own', 'x']],
    strict: [true, 'first', ['own', 'x']],
    unfixable: `${STAR_NAMES_KNOWN_AT_RUN_TIME}, and only the runner could tell two bindings of one name apart from two paths to one binding (no conflict)`,
  },
  {
    name: 'importing a name two export * provide is a link error',
    files: { ...CONFLICTING_STARS, '/main.js': `import { x } from './lib.js'\nexport const result = x` },
    native: throws('SyntaxError'),
    vite: 'first',
    strict: 'first',
    unfixable: STAR_NAMES_KNOWN_AT_RUN_TIME,
  },
  {
    name: 'two export * reaching one binding are not in conflict',
    files: namespaceOf(
      {
        '/origin.js': `export const x = 'origin'`,
        '/first.js': `export * from './origin.js'`,
        '/second.js': `export { x } from './origin.js'`,
        '/lib.js': `export * from './first.js'\nexport * from './second.js'`,
      },
      `[ns.x, Object.keys(ns)]`,
    ),
    native: ['origin', ['x']],
  },
  {
    name: 'export * of export *',
    files: namespaceOf(
      { '/deep.js': `export const deep = 'deep'`, '/middle.js': `export * from './deep.js'\nexport const middle = 'middle'`, '/lib.js': `export * from './middle.js'` },
      '[ns.deep, ns.middle]',
    ),
    native: ['deep', 'middle'],
  },
  {
    name: 'export * in both directions of a cycle',
    files: namespaceOf(
      { '/other.js': `export * from './lib.js'\nexport const fromOther = 'other'`, '/lib.js': `export * from './other.js'\nexport const fromLib = 'lib'` },
      '[ns.fromLib, ns.fromOther, Object.keys(ns)]',
    ),
    native: ['lib', 'other', ['fromLib', 'fromOther']],
  },
  {
    name: 'an export * name read before the star module has run',
    files: {
      '/star.js': `export function helper() { return 'helper' }`,
      '/lib.js': `import './reader.js'\nexport * from './star.js'`,
      '/reader.js': `import * as lib from './lib.js'\nexport const seen = typeof lib.helper`,
      '/main.js': `import './lib.js'\nimport { seen } from './reader.js'\nexport const result = seen`,
    },
    native: 'function',
    vite: 'undefined',
    strict: 'undefined',
    unfixable: `${STAR_NAMES_KNOWN_AT_RUN_TIME}: natively linked before anything runs, in the runner installed after the star module has run, later than this read`,
  },
  {
    name: 'a string export name through export *',
    files: namespaceOf({ '/star.js': `const value = 'value'\nexport { value as "a-b" }`, '/lib.js': `export * from './star.js'` }, `ns['a-b']`),
    native: 'value',
  },
  {
    name: 'the namespace of a Node builtin',
    files: {
      '/main.js': `
import * as path from 'node:path'
import { join } from 'node:path'
export const result = [typeof path.join, join === path.join, typeof path.default]`,
    },
    native: ['function', true, 'object'],
  },
]
