// The tests of a Vitest host run on fixtures/vitest-project: the cycle race, the counters,
// and stack traces through a TypeScript module (oxc strips the types, the plugin hoists
// the exports: both maps must compose back to the original position).
import { describe, expect, test } from 'vitest'
import { EVERY_EXPORT } from './describe-host.mjs'

export const FIXTURE_MODULES = ['race.test.js', 'a.js', 'b.js', 'stack.test.ts', 'thrower.ts'].length
const CAUGHT = 'the stack of an error thrown in a transformed TS module'
const REPORTED = 'an error Vitest reports'
// `throw new Error(…)` in thrower.ts: line 8, after `const label: Label = options.label; `.
const THROW_SITE = { line: 8, column: 45 }

/**
 * `runs`: { plugin, control }, each an outcome of run-host.mjs or a promise of one.
 * `modulesOutsideFixture`: modules the host's runner loads as code besides the fixture's.
 */
export function describeVitestHost(host, runs, { modulesOutsideFixture = 0 } = {}) {
  describe(host, () => {
    test('with the plugin, the importer in the cycle sees every export of the awaiting module', async () => {
      const { observed, tests } = await runs.plugin
      expect(observed).toEqual(EVERY_EXPORT)
      expect(tests['the importer in the cycle sees every export of the awaiting module'].state).toBe('pass')
    })

    test('without the plugin (control), it sees every export too: its Vite (7 or 8) hoists', async () => {
      expect((await runs.control).observed).toEqual(EVERY_EXPORT)
    })

    test("every loaded module went through the native transform and none through Vite's", async () => {
      const { modulesLoaded, stats, viteJsTransforms } = await runs.plugin
      expect(modulesLoaded).toBe(FIXTURE_MODULES)
      expect(stats).toMatchObject({ modules: modulesLoaded + modulesOutsideFixture, fallbacks: 0, exportStyle: 'exportName' })
      expect(viteJsTransforms).toBe(0)
      expect((await runs.control).viteJsTransforms).toBe(FIXTURE_MODULES + modulesOutsideFixture)
    })

    for (const mode of ['plugin', 'control']) {
      test(`${mode}: error.stack maps to the original TS file, line and column`, async () => {
        const { tests } = await runs[mode]
        const topFrame = tests[CAUGHT].meta.stack.split('\n')[1]
        expect(topFrame).toMatch(new RegExp(`^ {4}at explode \\(.*/vitest-project/thrower\\.ts:${THROW_SITE.line}:${THROW_SITE.column}\\)$`))
      })

      test(`${mode}: Vitest's report of a failing test points at the original TS position`, async () => {
        const { tests } = await runs[mode]
        expect(tests[REPORTED].state).toBe('fail')
        const [topFrame, callerFrame] = tests[REPORTED].errors[0].stacks
        expect(topFrame).toMatchObject({ method: 'explode', ...THROW_SITE })
        expect(topFrame.file).toMatch(/\/vitest-project\/thrower\.ts$/)
        expect(callerFrame).toMatchObject({ line: 14, column: 3 })
        expect(callerFrame.file).toMatch(/\/vitest-project\/stack\.test\.ts$/)
      })
    }
  })
}
