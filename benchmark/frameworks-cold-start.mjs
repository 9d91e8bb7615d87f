// `npm run bench:frameworks`: the cold start of each framework app's dev server
// (__test__/frameworks) without and with the plugin. Each run is a fresh process, under
// `/usr/bin/time -v`, from its start until the first page has rendered; then it is stopped
// with Ctrl-C. Per app and mode, one warm-up run first (the deps optimizer rebuilds its
// cache when the plugin list changes), then the measured runs; medians are printed.
//
//   node benchmark/frameworks-cold-start.mjs [--runs 5] [--filter sveltekit,nuxt] [--json]
//
// wall: from spawning the server until the page's response has arrived.
// cpu: user + system time of the server's whole process tree, start to exit.
// peak RSS: the largest resident set of one process in that tree (time's "Maximum
// resident set size").
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { APPS, prepareApp } from '../__test__/frameworks/helpers/apps.mjs'
import { startDevServer } from '../__test__/frameworks/helpers/dev-server.mjs'

const { values: args } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, filter: { type: 'string' }, json: { type: 'boolean', default: false } },
})
const RUNS = Number(args.runs)
const apps = Object.values(APPS).filter((app) => !args.filter || args.filter.split(',').includes(app.name))

function timeReport(output, label) {
  const value = (name) => {
    const match = output.match(new RegExp(`${name}: ([\\d.]+)`))
    if (!match) throw new Error(`no "${name}" in /usr/bin/time's report of ${label}:\n${output}`)
    return Number(match[1])
  }
  return { cpuS: value('User time \\(seconds\\)') + value('System time \\(seconds\\)'), peakRssMb: value('Maximum resident set size \\(kbytes\\)') / 1024 }
}

async function coldStart(app, withPlugin) {
  // time's report goes to a file: on the server's stderr it came out cut short.
  const reportFile = join(reportDir, 'time.txt')
  const start = performance.now()
  const server = await startDevServer(app, { withPlugin, wrapper: ['/usr/bin/time', '-v', '-o', reportFile] })
  const wallS = (performance.now() - start) / 1000
  const { plugin, serverModules } = await server.report()
  await server.stop()
  const usage = timeReport(await readFile(reportFile, 'utf8'), app.name)
  return { wallS, ...usage, serverModules: serverModules.length, transformedNatively: plugin?.modules ?? 0 }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

const reportDir = await mkdtemp(join(tmpdir(), 'frameworks-cold-start-'))
const results = []
for (const app of apps) {
  await prepareApp(app)
  for (const withPlugin of [false, true]) {
    await coldStart(app, withPlugin)
    const runs = []
    for (let run = 0; run < RUNS; run++) runs.push(await coldStart(app, withPlugin))
    const summary = {
      app: app.name,
      plugin: withPlugin,
      runs: RUNS,
      wallS: median(runs.map((run) => run.wallS)),
      wallRangeS: [Math.min(...runs.map((run) => run.wallS)), Math.max(...runs.map((run) => run.wallS))],
      cpuS: median(runs.map((run) => run.cpuS)),
      peakRssMb: median(runs.map((run) => run.peakRssMb)),
      serverModules: runs[0].serverModules,
      transformedNatively: runs[0].transformedNatively,
    }
    results.push(summary)
    if (!args.json) {
      const range = summary.wallRangeS.map((wall) => wall.toFixed(2)).join('–')
      const figures = `wall ${summary.wallS.toFixed(2)} s (${range}), cpu ${summary.cpuS.toFixed(2)} s, peak RSS ${summary.peakRssMb.toFixed(0)} MB`
      console.log(`${app.name.padEnd(12)} ${withPlugin ? 'plugin ' : 'without'}  ${figures}  (${summary.serverModules} server modules, medians of ${RUNS})`)
    }
  }
}
await rm(reportDir, { recursive: true, force: true })
if (args.json) console.log(JSON.stringify(results, null, 2))
