// The standard tests for one host running the cycle fixture (fixtures/cycle), each run
// once with the plugin and once without (the control), in child processes.
import { beforeAll, describe, expect, test } from 'vitest'
import { runHost } from './run-host.mjs'

export const EVERY_EXPORT = { keys: ['a', 'hello'], helloType: 'function' }
export const EMPTY_MODULE = { keys: [], helloType: 'undefined' }
const CYCLE_FIXTURE_MODULES = 3

/** Starts both runs at once and hands out their promises. */
export function startRuns(host) {
  const runs = {}
  beforeAll(() => {
    runs.plugin = runHost(host, 'plugin')
    runs.control = runHost(host, 'control')
    // Each test awaits the run it needs; this keeps a failed run from also being reported
    // as an unhandled rejection.
    for (const run of Object.values(runs)) run.catch(() => {})
  })
  return runs
}

/**
 * `controlGives`: what b sees of a without the plugin (EMPTY_MODULE where the host emits
 * exports inline, EVERY_EXPORT where it already hoists them). `storesGraph`: whether the
 * host keeps the SSR result in the module graph.
 */
export function describeHost(host, { exportStyle, controlGives, storesGraph = true }) {
  describe(host, () => {
    const runs = startRuns(host)

    test('with the plugin, the importer in the cycle sees every export of the awaiting module', async () => {
      expect((await runs.plugin).observed).toEqual(EVERY_EXPORT)
    })

    test(`without the plugin (control), it sees ${controlGives === EMPTY_MODULE ? 'an empty module' : 'every export: this host already hoists'}`, async () => {
      expect((await runs.control).observed).toEqual(controlGives)
    })

    test(`every loaded module went through the native transform (${exportStyle}) and none through Vite's`, async () => {
      const { modulesLoaded, stats, viteJsTransforms } = await runs.plugin
      expect(modulesLoaded).toBe(CYCLE_FIXTURE_MODULES)
      expect(stats).toMatchObject({ modules: modulesLoaded, fallbacks: 0, exportStyle })
      expect(viteJsTransforms).toBe(0)
    })

    test("the control counts one Vite transform per loaded module (the counter works)", async () => {
      const { modulesLoaded, viteJsTransforms } = await runs.control
      expect(modulesLoaded).toBe(CYCLE_FIXTURE_MODULES)
      expect(viteJsTransforms).toBe(modulesLoaded)
    })

    if (storesGraph) {
      test("the module graph stores ssr: true and the deps Vite's transform stores", async () => {
        const [withPlugin, control] = await Promise.all([runs.plugin, runs.control])
        expect(withPlugin.graph).toHaveLength(CYCLE_FIXTURE_MODULES)
        for (const stored of withPlugin.graph) expect(stored.ssr).toBe(true)
        const deps = (graph) => graph.map(({ url, deps, dynamicDeps }) => ({ url, deps, dynamicDeps }))
        expect(deps(withPlugin.graph)).toEqual(deps(control.graph))
      })
    }
  })
}
