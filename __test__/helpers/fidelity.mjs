// ESM-fidelity cases (issue 5): a small multi-module program ({ '/main.js': source, … },
// the entry exporting `result`, see runner.mjs) run six ways, each giving an outcome:
//
//   native  Node's own ESM loader (the ground truth)
//   vite    Vite's ModuleRunner fed by Vite's moduleRunnerTransform
//   ours    the same runner fed by our default mode, in both export styles
//   strict  the same runner fed by ours with strictEsm: true, in both export styles
//
// A case states what native gives and, only where they differ, what the others give:
//
//   native                   the ground truth
//   vite                     Vite's outcome, where it is not native's
//   ours                     the default mode's outcome, where it is not Vite's: allowed only
//                            where Vite is wrong (disagrees with native, or lets a SyntaxError
//                            through to the runner), and it must then agree with native
//   strict                   strict mode's outcome, where it is not native's; needs
//   unfixable                the reason no transform can give native's outcome
//
// so the acceptance rules of issue 5 hold by construction: strict agrees with native except
// where a case says why it cannot, and the default mode agrees with Vite except where Vite
// is wrong. This module has no test-framework dependency: the suite
// (__test__/esm-fidelity/*.test.mjs) and the table printer (table.mjs) share it.
import { inspect, isDeepStrictEqual } from 'node:util'
import { moduleRunnerTransform } from 'vite'
import { EXPORT_STYLES, ourTransform } from './ours.mjs'
import { runModules, runNative } from './runner.mjs'

const ENTRY = '/main.js'

/** The `throws` of a parse error thrown by a transform in Vite's shape. */
const PARSE_FAILURE = 'Parse failure'

class ExpectedThrow {
  constructor(outcome) {
    this.outcome = outcome
  }
}

/** An expected outcome: the run throws an error of this class (its `name`). */
export const throws = (errorName) => new ExpectedThrow({ throws: errorName })

/** An expected outcome: the transform rejects `file` with a Vite-shaped parse error at line:column. */
export const parseFailure = (file, line, column) => new ExpectedThrow({ throws: PARSE_FAILURE, at: `${file}:${line}:${column}` })

/** Normalises what a case states (a plain value or throws(…)/parseFailure(…)) to an outcome. */
const toOutcome = (stated) => (stated instanceof ExpectedThrow ? stated.outcome : { value: stated })

function outcomeOfError(error) {
  const message = String(error?.message ?? error)
  if (!message.startsWith(`${PARSE_FAILURE}:`)) return { throws: error?.name ?? typeof error }
  const { file, line, column } = error.loc ?? {}
  const at = `${file}:${line}:${column}`
  // A parse error must carry its location both in `loc` and at the end of the message.
  if (!message.endsWith(`At file: ${at}`)) return { throws: 'malformed parse error', message }
  return { throws: PARSE_FAILURE, at }
}

async function outcomeOf(run) {
  try {
    return { value: await run() }
  } catch (error) {
    return outcomeOfError(error)
  }
}

// Without it Node would load a `.js` file with no import or export as CommonJS (syntax
// detection), where `<!--`, top-level `return` or `var await` are allowed.
const asEsmPackage = (files) => ({ ...files, '/package.json': '{ "type": "module" }' })

const runThroughModuleRunner = (transform) => (files) => runModules(files, ENTRY, { transform })

/** The six ways of running a program; `column` names the case field stating its outcome. */
export const CONFIGURATIONS = [
  { column: 'native', label: 'native Node ESM (ground truth)', run: (files) => runNative(asEsmPackage(files), ENTRY) },
  { column: 'vite', label: 'ModuleRunner + Vite moduleRunnerTransform', run: runThroughModuleRunner(moduleRunnerTransform) },
  ...EXPORT_STYLES.map((exportStyle) => ({
    column: 'ours',
    exportStyle,
    label: `ModuleRunner + ours default mode, exportStyle ${exportStyle}`,
    run: runThroughModuleRunner(ourTransform({ exportStyle })),
  })),
  ...EXPORT_STYLES.map((exportStyle) => ({
    column: 'strict',
    exportStyle,
    label: `ModuleRunner + ours strictEsm, exportStyle ${exportStyle}`,
    run: runThroughModuleRunner(ourTransform({ exportStyle, strictEsm: true })),
  })),
]

export const runConfiguration = (configuration, fidelityCase) => outcomeOf(() => configuration.run(fidelityCase.files))

/** Whether `outcome` is what native ESM does: the same, or a parse error where Node has a SyntaxError. */
export function agreesWithNative(outcome, native) {
  return isDeepStrictEqual(outcome, native) || (native.throws === 'SyntaxError' && outcome.throws === PARSE_FAILURE)
}

/**
 * The outcome each column of `fidelityCase` must give, after checking that the case only
 * departs from native and Vite where the acceptance rules allow it.
 */
export function expectedOutcomes(fidelityCase) {
  const stated = (column, fallback) => (Object.hasOwn(fidelityCase, column) ? toOutcome(fidelityCase[column]) : fallback)
  const native = toOutcome(fidelityCase.native)
  const vite = stated('vite', native)
  const ours = stated('ours', vite)
  const strict = stated('strict', native)

  const problems = []
  if (!isDeepStrictEqual(ours, vite)) {
    const viteDisagrees = !agreesWithNative(vite, native)
    // Rejecting at transform time a module that Node rejects (and Vite's runner too, later).
    const rejectsEarlier = native.throws === 'SyntaxError' && ours.throws === PARSE_FAILURE
    if (!viteDisagrees && !rejectsEarlier) problems.push('the default mode may leave Vite only where Vite disagrees with native')
    if (!agreesWithNative(ours, native)) problems.push('where the default mode leaves Vite it must agree with native')
  }
  const strictDeparts = !agreesWithNative(strict, native)
  if (strictDeparts && typeof fidelityCase.unfixable !== 'string') problems.push('strict departs from native: say why in `unfixable`')
  if (!strictDeparts && Object.hasOwn(fidelityCase, 'unfixable')) problems.push('`unfixable` is given but strict agrees with native')
  if (problems.length > 0) throw new Error(`ESM-fidelity case "${fidelityCase.name}": ${problems.join('; ')}`)

  return { native, vite, ours, strict }
}

/** A short, one-line rendering of an outcome for the table. */
export function formatOutcome(outcome) {
  if ('value' in outcome) return inspect(outcome.value, { breakLength: Infinity, depth: 3 })
  if (outcome.throws === PARSE_FAILURE) return `${PARSE_FAILURE} ${outcome.at}`
  return outcome.throws
}
