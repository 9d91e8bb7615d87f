// The transform where it runs: a cold first render of the demo app (demo/app) through
// Vite 8's module runner, in a fresh Node process each time, with the native plugin and
// without it (Vite's own JS transform), alternating. Prints, for each way, the median
// and range of the process's wall time, CPU time and peak RSS, as `/usr/bin/time -v`
// reports them, then splits the CPU of the SSR transform step out of `node --cpu-prof`
// profiles of further runs.
//
//   npm run bench:host -- [--pairs 7] [--profiled-pairs 7] [--json]
//
// The profiler samples once a millisecond, and the step's 400 calls take tens of
// microseconds each: with 3 profiled pairs, the step's median moved by half between runs.
//
// A CPU profile sees only the main thread; the CPU of the other threads is read from
// /proc when the child exits. The SSR transform step is:
// - without the plugin, Vite's `ssrTransform` on the main thread, with the reading of
//   the AST that rolldown's `parseAstAsync` hands back (run from the event loop, outside
//   `ssrTransform`'s frames), and the parse itself: a napi task on libuv's thread pool.
//   The pool also reads the files, for both ways, and nothing else of ours or Vite's uses
//   it, so the parse is taken as the pool's CPU beyond its median with the plugin;
// - with it, the plugin's JS (vite.js, index.js), the native call on the main thread
//   (small modules are transformed there, see index.js), and our transform threads.
// "Vite's handling of the result" is what Vite does with a transform hook's result that
// its own path skips: combining the plugins' source maps and computing an etag (a SHA-1
// of the code, which Vite computes whenever its own transform is off).
// The profiler samples the main thread at intervals of wall time: on a busy machine, a
// descheduled thread's wait counts as CPU of whatever it was running.
import { execFileSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { threadCpuMsWithLibuvPool } from './thread-cpu.mjs'

const WAYS = ['plugin', 'vite']
const scriptPath = fileURLToPath(import.meta.url)
const packageRoot = path.resolve(path.dirname(scriptPath), '..')

const { values: flags } = parseArgs({
  options: {
    pairs: { type: 'string', default: '7' },
    'profiled-pairs': { type: 'string', default: '7' },
    json: { type: 'boolean', default: false },
    child: { type: 'string' },
  },
})

// ---- the child: one cold render, then what the parent cannot see from outside ----

async function renderOnce(way) {
  const { createServer } = await import('vite')
  const { APPS, renderApp } = await import('./app-modules.mjs')
  const demoApp = APPS.find((app) => app.name === 'demo')
  const plugins = []
  let stats = null
  if (way === 'plugin') {
    const { default: nativeSsrTransform } = await import('native-ssr-transform/vite')
    const plugin = nativeSsrTransform({ logLevel: 'silent' })
    stats = plugin.api.stats
    plugins.push(plugin)
  }
  const vite = await createServer(demoApp.serverOptions(plugins))
  const html = await renderApp(vite, demoApp)
  await vite.close()
  if (!html.includes('<table')) throw new Error(`the demo app rendered no table:\n${html}`)
  console.log(JSON.stringify({ modules: stats?.modules ?? null, threadCpuMs: await threadCpuMsWithLibuvPool() }))
}

// ---- the parent ----

const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1]
const spread = (values) => ({ median: median(values), min: Math.min(...values), max: Math.max(...values) })

/** `/usr/bin/time -v`'s figures of one child run; `nodeFlags` go to node. */
function timedRun(way, nodeFlags = []) {
  const timeFile = path.join(os.tmpdir(), `host-render-time-${process.pid}.txt`)
  const stdout = execFileSync('/usr/bin/time', ['-v', '-o', timeFile, process.execPath, ...nodeFlags, scriptPath, '--child', way], {
    cwd: packageRoot,
    encoding: 'utf8',
  })
  const report = readFileSync(timeFile, 'utf8')
  rmSync(timeFile)
  const field = (label) => report.match(new RegExp(`${label}: (.*)`))?.[1]
  const seconds = (clock) => clock.split(':').reduce((total, part) => total * 60 + Number(part), 0)
  return {
    wallS: seconds(field('Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\)')),
    cpuS: Number(field('User time \\(seconds\\)')) + Number(field('System time \\(seconds\\)')),
    peakRssMiB: Number(field('Maximum resident set size \\(kbytes\\)')) / 1024,
    ...JSON.parse(stdout.trim().split('\n').at(-1)),
  }
}

/** Self time (ms) of each sample's stack, as [frames from the root, ms] pairs. */
function profileStacks(profile) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const parent = new Map()
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id)
  const selfMs = new Map()
  profile.samples.forEach((id, i) => selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000))
  return [...selfMs].map(([id, ms]) => {
    const frames = []
    for (let at = id; at !== undefined; at = parent.get(at)) frames.unshift(byId.get(at).callFrame)
    return [frames, ms]
  })
}

const isVite = (frame) => frame.url.includes('/node_modules/vite/')
const ourFiles = ['index.js', 'vite.js', 'plugin/'].map((file) => `file://${packageRoot}/${file}`)
const isOurs = (frame) => ourFiles.some((prefix) => frame.url.startsWith(prefix))
const indexJs = ourFiles[0]
const BINDING_CALLERS = new Set(['ssrTransform', 'ssrTransformSync', 'sendMidSized'])
// Vite's transform is async: after an `await`, it resumes from the microtask queue
// in whichever of these functions awaited.
const VITE_TRANSFORM = new Set(['ssrTransform', 'ssrTransformScript', 'ssrTransformJSON'])
const isRolldown = (frame) => frame.url.includes('/node_modules/rolldown/')
const VITE_RESULT_HANDLING = new Set(['_getCombinedSourcemap', 'combineSourcemaps', 'etag', 'entitytag'])

/** Splits one profile's CPU time into the parts the report names. */
function splitProfile(profile) {
  const parts = { total: 0, viteTransform: 0, pluginJs: 0, nativeMainThread: 0, viteResultHandling: 0 }
  for (const [frames, ms] of profileStacks(profile)) {
    const real = frames.filter((frame) => !frame.functionName.startsWith('('))
    parts.total += real.length > 0 || frames.at(-1)?.functionName === '(garbage collector)' ? ms : 0
    const inViteTransform = (frame) =>
      (isVite(frame) && VITE_TRANSFORM.has(frame.functionName)) || (isRolldown(frame) && frame.functionName === 'parseAstAsync')
    if (frames.some(inViteTransform)) {
      parts.viteTransform += ms
    } else if (frames.some((frame) => isVite(frame) && VITE_RESULT_HANDLING.has(frame.functionName))) {
      parts.viteResultHandling += ms
    } else if (frames.some(isOurs)) {
      // V8's profiler shows no frame for a native function: the binding call's time is
      // the self time of the index.js function that makes it (which does little else).
      const leaf = frames.at(-1)
      if (leaf.url === indexJs && BINDING_CALLERS.has(leaf.functionName)) parts.nativeMainThread += ms
      else parts.pluginJs += ms
    }
  }
  return parts
}

function profiledRun(way) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'host-render-profile-'))
  try {
    const run = timedRun(way, ['--cpu-prof', `--cpu-prof-dir=${dir}`])
    const [file] = readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'))
    return { ...run, profile: splitProfile(JSON.parse(readFileSync(path.join(dir, file), 'utf8'))) }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Runs `run` for both ways `pairs` times, each pair starting with the other way. */
function alternate(pairs, run) {
  const runs = { plugin: [], vite: [] }
  for (let pair = 0; pair < pairs; pair++) {
    const order = pair % 2 === 0 ? WAYS : [...WAYS].reverse()
    for (const way of order) runs[way].push(run(way))
  }
  return runs
}

/** Median and range of each of `fields` (name: run => number), per way. */
function summarize(runs, fields) {
  return Object.fromEntries(
    WAYS.map((way) => [way, Object.fromEntries(Object.entries(fields).map(([name, of]) => [name, spread(runs[way].map(of))]))]),
  )
}

async function main() {
  const pairs = Number(flags.pairs)
  const profiledPairs = Number(flags['profiled-pairs'])
  // One unrecorded run of each, so that both start with the files in the page cache.
  for (const way of WAYS) timedRun(way)
  const timed = alternate(pairs, timedRun)
  const profiled = alternate(profiledPairs, profiledRun)
  const inStep = ({ profile }) => profile.viteTransform + profile.pluginJs + profile.nativeMainThread
  const threads = (kind) => (run) => run.threadCpuMs?.[kind] ?? 0
  const report = {
    addonBuild: createRequire(import.meta.url)('../binding.js').addonBuildForBenchmark(),
    pairs,
    profiledPairs,
    modules: timed.plugin[0].modules,
    process: summarize(timed, {
      wallS: (run) => run.wallS,
      cpuS: (run) => run.cpuS,
      peakRssMiB: (run) => run.peakRssMiB,
      libuvPoolMs: (run) => run.threadCpuMs?.libuvPool ?? 0,
    }),
    profile: summarize(profiled, {
      mainThreadStepMs: inStep,
      viteTransformMs: (run) => run.profile.viteTransform,
      pluginJsMs: (run) => run.profile.pluginJs,
      nativeMainThreadMs: (run) => run.profile.nativeMainThread,
      transformThreadsMs: threads('transformThreads'),
      libuvPoolMs: threads('libuvPool'),
      rolldownWorkersMs: threads('rolldownWorkers'),
      otherThreadsMs: threads('otherThreads'),
      viteResultHandlingMs: (run) => run.profile.viteResultHandling,
      mainThreadOutsideStepMs: (run) => run.profile.total - inStep(run) - run.profile.viteResultHandling,
      mainThreadProfiledMs: (run) => run.profile.total,
    }),
  }
  const { plugin, vite } = report.profile
  // Vite's parse: what its pool used beyond what the pool does for both ways (file reads),
  // from the runs without the profiler, which are more.
  const pool = report.process
  const viteParseMs = Math.max(0, pool.vite.libuvPoolMs.median - pool.plugin.libuvPoolMs.median)
  report.transformStepMs = {
    plugin: plugin.mainThreadStepMs.median + plugin.transformThreadsMs.median,
    viteMainThread: vite.mainThreadStepMs.median,
    viteParse: viteParseMs,
    vite: vite.mainThreadStepMs.median + viteParseMs,
  }
  report.transformStepSaving = 1 - report.transformStepMs.plugin / report.transformStepMs.vite
  report.transformStepSavingMainThreadOnly = 1 - report.transformStepMs.plugin / report.transformStepMs.viteMainThread
  if (flags.json) console.log(JSON.stringify(report, null, 2))
  else print(report)
}

function print(report) {
  const cell = ({ median: m, min, max }, digits) => `${m.toFixed(digits)} (${min.toFixed(digits)}–${max.toFixed(digits)})`
  const table = (rows) => {
    const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)))
    for (const row of rows) console.log(row.map((value, column) => (column === 0 ? value.padEnd(widths[0]) : value.padStart(widths[column]))).join('   '))
  }
  console.log(`Cold first render of demo/app through Vite's module runner, one fresh node process a run (${report.modules} modules transformed; our addon: ${report.addonBuild} build)`)
  console.log(`\n${report.pairs} pairs, alternating; median (min–max), from /usr/bin/time -v (the pool's CPU from /proc):\n`)
  table([
    ['', 'with the plugin', "Vite's own transform"],
    ...[['wall s', 'wallS', 2], ['CPU s (user + sys)', 'cpuS', 2], ['peak RSS MiB', 'peakRssMiB', 0], ["libuv's thread pool, CPU ms", 'libuvPoolMs', 1]].map(([label, key, digits]) => [
      label,
      cell(report.process.plugin[key], digits),
      cell(report.process.vite[key], digits),
    ]),
  ])
  console.log(`\n${report.profiledPairs} more pairs under node --cpu-prof; CPU ms, median (min–max):\n`)
  const rows = [
    ['main thread: SSR transform step', 'mainThreadStepMs'],
    ["  Vite's ssrTransform (with reading parseAstAsync's AST)", 'viteTransformMs'],
    ["  the plugin's JS (vite.js, index.js)", 'pluginJsMs'],
    ['  the native call', 'nativeMainThreadMs'],
    ["main thread: Vite's handling of a hook's result (maps, etag)", 'viteResultHandlingMs'],
    ['main thread: everything else', 'mainThreadOutsideStepMs'],
    ['main thread: whole profile', 'mainThreadProfiledMs'],
    ['our transform threads', 'transformThreadsMs'],
    ["libuv's thread pool (file reads; Vite's parse)", 'libuvPoolMs'],
    ["rolldown's workers", 'rolldownWorkersMs'],
    ["other threads (V8's)", 'otherThreadsMs'],
  ]
  table([['', 'with the plugin', "Vite's own transform"], ...rows.map(([label, key]) => [label, cell(report.profile.plugin[key], 1), cell(report.profile.vite[key], 1)])])
  const { plugin, viteMainThread, viteParse, vite } = report.transformStepMs
  const percent = (share) => `${(100 * share).toFixed(1)}%`
  console.log(
    `\nSSR transform step, medians: ${plugin.toFixed(1)} ms with the plugin (main thread + transform threads), ` +
      `${vite.toFixed(1)} ms without (main thread ${viteMainThread.toFixed(1)} + its parse on libuv's pool ${viteParse.toFixed(1)}, ` +
      `the pool's CPU beyond its median with the plugin, in the runs without the profiler): ${percent(report.transformStepSaving)} less CPU ` +
      `(${percent(report.transformStepSavingMainThreadOnly)} against Vite's main thread alone)`,
  )
}

if (flags.child) await renderOnce(flags.child)
else await main()
