// The plugin under Vitest 3.2 (installed on demand in hosts/vitest3), whose vite-node
// runs on Vite 7 here and also loads Vite's client/env.mjs as code.
import { fileURLToPath } from 'node:url'
import { beforeAll } from 'vitest'
import { installOnDemand } from '../frameworks/helpers/install.mjs'
import { describeVitestHost } from './helpers/describe-vitest.mjs'
import { runHost } from './helpers/run-host.mjs'

const INSTALL_AND_RUNS_TIMEOUT_MS = 10 * 60_000

const runs = {}
beforeAll(async () => {
  await installOnDemand(fileURLToPath(new URL('./vitest3/', import.meta.url)))
  ;[runs.plugin, runs.control] = await Promise.all([runHost('vitest3', 'plugin'), runHost('vitest3', 'control')])
}, INSTALL_AND_RUNS_TIMEOUT_MS)

describeVitestHost('vitest3', runs, { modulesOutsideFixture: 1 })
