// The plugin under Vitest 5 (installed on demand in hosts/vitest5), on Node 22 from npm:
// the tests every Vitest host gets, with Vitest's module cache off, then runs that share one
// cache directory, to show what the plugin's part of the cache key does.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { installOnDemand, node22 } from '../frameworks/helpers/install.mjs'
import { FIXTURE_MODULES, describeVitestHost } from './helpers/describe-vitest.mjs'
import { runHost } from './helpers/run-host.mjs'

const vitest5Dir = fileURLToPath(new URL('./vitest5/', import.meta.url))
const INSTALL_AND_RUNS_TIMEOUT_MS = 15 * 60_000

const runs = {}
let fsModuleCachePath
beforeAll(async () => {
  const execPath = await node22()
  await installOnDemand(vitest5Dir)
  const run = (mode, runOptions) => runHost('vitest5', mode, { execPath, runOptions })
  runs.plugin = await run('plugin')
  runs.control = await run('control')
  fsModuleCachePath = await mkdtemp(join(tmpdir(), 'native-ssr-transform-vitest5-cache-'))
  runs.cacheCold = await run('plugin', { fsModuleCachePath })
  runs.cacheWarm = await run('plugin', { fsModuleCachePath })
  runs.cacheOtherExportStyle = await run('plugin', { fsModuleCachePath, pluginOptions: { exportStyle: 'defineProperty' } })
  runs.cacheControl = await run('control', { fsModuleCachePath })
}, INSTALL_AND_RUNS_TIMEOUT_MS)
afterAll(async () => {
  if (fsModuleCachePath) await rm(fsModuleCachePath, { recursive: true, force: true })
})

describeVitestHost('vitest5', runs)

describe("vitest5 with its module cache on disk (fsModuleCache), all runs sharing one directory", () => {
  const states = ({ tests }) => Object.fromEntries(Object.entries(tests).map(([name, { state }]) => [name, state]))

  test('every run gives the test results of the run without the plugin and without the cache', () => {
    for (const name of ['cacheCold', 'cacheWarm', 'cacheOtherExportStyle', 'cacheControl']) expect(states(runs[name]), name).toEqual(states(runs.control))
  })

  test('the first run transforms every module natively and fills the cache', () => {
    expect(runs.cacheCold.stats).toMatchObject({ modules: FIXTURE_MODULES, fallbacks: 0, exportStyle: 'exportName' })
    expect(runs.cacheCold.viteJsTransforms).toBe(0)
  })

  test('the same plugin again: every module comes from the cache, nothing is transformed', () => {
    expect(runs.cacheWarm.stats).toMatchObject({ modules: 0, fallbacks: 0 })
    expect(runs.cacheWarm.viteJsTransforms).toBe(0)
  })

  test('another export style changes the key: nothing cached is reused', () => {
    expect(runs.cacheOtherExportStyle.stats).toMatchObject({ modules: FIXTURE_MODULES, exportStyle: 'defineProperty' })
  })

  test("without the plugin the key differs too: Vite's own transform runs for every module", () => {
    expect(runs.cacheControl.viteJsTransforms).toBe(FIXTURE_MODULES)
  })
})
