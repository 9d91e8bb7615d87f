// Imports are live views of the exporter's bindings, whatever path the export takes.
import { ATTEMPT } from './programs.mjs'

const COUNTER = `export let count = 0\nexport function increment() { count++ }`

// The entry reads `count` before and after `increment()`, through `importFrom`.
const counterThrough = (importFrom, extraFiles = {}) => ({
  '/counter.js': COUNTER,
  ...extraFiles,
  '/main.js': `import { count, increment } from '${importFrom}'\nconst before = count\nincrement()\nexport const result = [before, count]`,
})

export const cases = [
  {
    name: 'let reassigned by a function of its module',
    files: counterThrough('./counter.js'),
    native: [0, 1],
  },
  {
    name: 'var reassigned by a function of its module',
    files: {
      '/total.js': `export var total = 1\nexport function double() { total *= 2 }`,
      '/main.js': `import { total, double } from './total.js'\nconst before = total\ndouble()\nexport const result = [before, total]`,
    },
    native: [1, 2],
  },
  {
    name: 'function declaration reassigned by its module',
    files: {
      '/lib.js': `export function current() { return 'first' }\nexport function replace() { current = () => 'second' }`,
      '/main.js': `import { current, replace } from './lib.js'\nconst before = current()\nreplace()\nexport const result = [before, current()]`,
    },
    native: ['first', 'second'],
  },
  {
    name: 'class declaration reassigned by its module',
    files: {
      '/lib.js': `export class Shape { static kind = 'first' }\nexport function replace() { Shape = class { static kind = 'second' } }`,
      '/main.js': `import { Shape, replace } from './lib.js'\nconst before = Shape.kind\nreplace()\nexport const result = [before, Shape.kind]`,
    },
    native: ['first', 'second'],
  },
  {
    name: 'export { x as y } is live',
    files: {
      '/lib.js': `let value = 'first'\nexport { value as renamed }\nexport const update = () => { value = 'second' }`,
      '/main.js': `import { renamed, update } from './lib.js'\nconst before = renamed\nupdate()\nexport const result = [before, renamed]`,
    },
    native: ['first', 'second'],
  },
  {
    name: 'one binding exported under two names',
    files: {
      '/lib.js': `let value = 1\nexport { value, value as alias }\nexport const bump = () => { value++ }`,
      '/main.js': `import { value, alias, bump } from './lib.js'\nbump()\nexport const result = [value, alias]`,
    },
    native: [2, 2],
  },
  {
    name: 'export { x as default } is live, export default x is a snapshot',
    files: {
      '/live.js': `let value = 'first'\nexport { value as default }\nexport const update = () => { value = 'second' }`,
      '/snapshot.js': `let value = 'first'\nexport default value\nexport const update = () => { value = 'second' }`,
      '/main.js': `
import live, { update as updateLive } from './live.js'
import snapshot, { update as updateSnapshot } from './snapshot.js'
updateLive()
updateSnapshot()
export const result = [live, snapshot]`,
    },
    native: ['second', 'first'],
  },
  {
    name: 'export default function f reassigned: the default export follows f',
    files: {
      '/lib.js': `export default function f() { return 'declared' }\nexport const replace = () => { f = () => 'replaced' }`,
      '/main.js': `import f, { replace } from './lib.js'\nconst before = f()\nreplace()\nexport const result = [before, f()]`,
    },
    native: ['declared', 'replaced'],
  },
  {
    name: 're-export export { x } from is live',
    files: counterThrough('./reexport.js', { '/reexport.js': `export { count, increment } from './counter.js'` }),
    native: [0, 1],
  },
  {
    name: 'renamed re-export export { x as y } from is live',
    files: {
      '/counter.js': COUNTER,
      '/reexport.js': `export { count as total, increment as add } from './counter.js'`,
      '/main.js': `import { total, add } from './reexport.js'\nconst before = total\nadd()\nexport const result = [before, total]`,
    },
    native: [0, 1],
  },
  {
    name: 'an import exported again with export { x } is live',
    files: counterThrough('./reexport.js', { '/reexport.js': `import { count, increment } from './counter.js'\nexport { count, increment }` }),
    native: [0, 1],
  },
  {
    name: 'export * is live',
    files: counterThrough('./reexport.js', { '/reexport.js': `export * from './counter.js'` }),
    native: [0, 1],
  },
  {
    name: 'export * as ns is live',
    files: {
      '/counter.js': COUNTER,
      '/reexport.js': `export * as counter from './counter.js'`,
      '/main.js': `import { counter } from './reexport.js'\nconst before = counter.count\ncounter.increment()\nexport const result = [before, counter.count]`,
    },
    native: [0, 1],
  },
  {
    name: 'a namespace member is live',
    files: {
      '/counter.js': COUNTER,
      '/main.js': `import * as counter from './counter.js'\nconst before = counter.count\ncounter.increment()\nexport const result = [before, counter.count]`,
    },
    native: [0, 1],
  },
  {
    name: 'a closure over an import reads the current value',
    files: {
      '/counter.js': COUNTER,
      '/main.js': `import { count, increment } from './counter.js'\nconst read = () => count\nincrement()\nincrement()\nexport const result = read()`,
    },
    native: 2,
  },
  {
    name: 'destructuring a namespace copies the values',
    files: {
      '/counter.js': COUNTER,
      '/main.js': `import * as counter from './counter.js'\nconst { count: copied } = counter\ncounter.increment()\nexport const result = [copied, counter.count]`,
    },
    native: [0, 1],
  },
  {
    name: 'export let with a destructuring pattern is live',
    files: {
      '/lib.js': `export let { a, b: [c] } = { a: 1, b: [2] }\nexport function swap() { [a, c] = [c, a] }`,
      '/main.js': `import { a, c, swap } from './lib.js'\nswap()\nexport const result = [a, c]`,
    },
    native: [2, 1],
  },
  {
    name: 'an exported var declared again by a later var',
    files: {
      '/lib.js': `export var value = 'first'\nvar value = 'second'`,
      '/main.js': `import { value } from './lib.js'\nexport const result = value`,
    },
    native: 'second',
  },
  {
    name: 'a timer updates a binding while the importer awaits',
    files: {
      '/lib.js': `export let status = 'initial'\nsetTimeout(() => { status = 'updated' }, 5)`,
      '/main.js': `
import { status } from './lib.js'
const before = status
await new Promise((resolve) => setTimeout(resolve, 50))
export const result = [before, status]`,
    },
    native: ['initial', 'updated'],
  },
  {
    name: 'assigning, incrementing or destructuring into an import throws TypeError',
    files: {
      '/counter.js': COUNTER,
      '/main.js': `
import { count } from './counter.js'
${ATTEMPT}
export const result = [attempt(() => { count = 5 }), attempt(() => { count++ }), attempt(() => { [count] = [5] })]`,
    },
    native: ['TypeError', 'TypeError', 'TypeError'],
  },
  {
    name: 'an import read by an exported function of the importer',
    files: {
      '/counter.js': COUNTER,
      '/reader.js': `import { count } from './counter.js'\nexport const read = () => count`,
      '/main.js': `import { increment } from './counter.js'\nimport { read } from './reader.js'\nincrement()\nexport const result = read()`,
    },
    native: 1,
  },
]
