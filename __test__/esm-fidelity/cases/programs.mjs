// Building blocks for the source of ESM-fidelity programs.

/**
 * Source of `attempt(() => expression)`: the expression's value, or the class name of what
 * it threw. For programs that report several probes, some of which throw.
 */
export const ATTEMPT = 'const attempt = (probe) => { try { return probe() } catch (error) { return error.constructor.name } }\n'

/**
 * A cycle entered through first.js: the entry imports first.js, whose first import is
 * second.js, which imports first.js back and therefore runs before first.js's body. So
 * second.js sees first.js linked but not evaluated. second.js exports `seen`; the entry
 * reports `result` (an expression over `seen`, evaluated once every module has run).
 */
export function cycle({ first, second, result = 'seen' }) {
  return {
    '/main.js': `import './first.js'\nimport { seen } from './second.js'\nexport const result = ${result}`,
    '/first.js': `import './second.js'\n${first}`,
    '/second.js': second,
  }
}

/** A module that records evaluation order: `log.push(…)` from anywhere, the entry reports `log`. */
export const LOG_MODULE = { '/log.js': 'export const log = []' }

/**
 * An entry for a module without import or export (`module`), which reports through
 * `globalThis.fidelityProbe`: the entry imports it, reports the probe and removes it.
 */
export const entryReportingGlobalProbe = (module) => ({
  '/main.js': `import '${module}'\nexport const result = globalThis.fidelityProbe\ndelete globalThis.fidelityProbe`,
})
