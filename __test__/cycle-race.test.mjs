// The cyclic-import race (vitest-dev/vitest#7797). When export definitions are emitted
// at each `export` statement (Vite 2.5-6.2), a module that is part of a cycle and still
// awaiting at top level looks empty to the other members of the cycle. Native ESM
// creates all bindings before any code runs, so the importer sees every name at once.
import { describeProgram } from './helpers/program-tests.mjs'

const exporterThatAwaitsBeforeExporting = `
import './b.js'
await new Promise((resolve) => setTimeout(resolve, 100))
export const a = 1
export function hello() {}
`

// An expression, evaluated inside b.js, describing what b can see of a's namespace `A`.
const observeNamespaceA = `({ stringKeys: Reflect.ownKeys(A).filter((key) => typeof key === 'string'), helloType: typeof A.hello })`

describeProgram('importer in the cycle reads the namespace while the exporter awaits', {
  files: {
    '/main.js': `
import './a.js'
import { observed } from './b.js'
export const result = await observed
`,
    '/a.js': exporterThatAwaitsBeforeExporting,
    // Not awaited at b's top level, so that a continues to its own await meanwhile.
    '/b.js': `
import * as A from './a.js'
export const observed = new Promise((resolve) => setTimeout(() => resolve(${observeNamespaceA}), 30))
`,
  },
  expected: { stringKeys: ['a', 'hello'], helloType: 'function' },
})

describeProgram('importer in the cycle reads the namespace during its own evaluation', {
  files: {
    '/main.js': `
import './a.js'
import { observed } from './b.js'
export const result = observed
`,
    '/a.js': exporterThatAwaitsBeforeExporting,
    '/b.js': `
import * as A from './a.js'
export const observed = ${observeNamespaceA}
`,
  },
  expected: { stringKeys: ['a', 'hello'], helloType: 'function' },
})
