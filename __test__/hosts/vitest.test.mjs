// The plugin under Vitest 4 (helpers/describe-vitest.mjs).
import { startRuns } from './helpers/describe-host.mjs'
import { describeVitestHost } from './helpers/describe-vitest.mjs'

describeVitestHost('vitest4', startRuns('vitest4'))
