// `npm run bench`: throughput of Vite's, oxc-transform's and our module-runner
// transform on two corpora, against the floor of parsing alone: the parity corpus (big
// and mid-sized package files), then the modules two apps hand the transform when Vite
// renders a page (recorded at start, see app-modules.mjs), by size class. All numbers
// come from one process and one run, after warm-up, as the median of repeated rounds.
//
//   npm run bench -- [--rounds 7] [--warmup 2] [--filter vue,three] [--only sync,floor] [--json]
//   npm run bench -- --corpus apps          one corpus only (parity or apps; default both)
//   npm run bench -- --memory [--memory-rounds 200]   RSS growth over repeated corpus rounds
//   npm run bench -- --scaling [--sizes 0.1,1,10,50]  per-MB time against input size
//   npm run bench -- --per-call                         µs per call on a 19-byte and a 1.35 KB module
//   any of these with --live-heap 300: a 300 MB JS heap kept alive during the run
//   npm run --silent bench -- --json                   (--silent: npm prints nothing else)
//
// MB is 10^6 bytes of UTF-8 source. Run through npm, node gets --expose-gc: each
// contender is timed after a collection, so it does not pay for its predecessor's garbage.
import os from 'node:os'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { corpusPaths, loadCorpusFile } from '../__test__/helpers/corpus.mjs'
import { APPS, recordAppModules } from './app-modules.mjs'
import {
  addonBuild,
  CONTENDER_IDS,
  CONTENDERS,
  countIdenticalToVite,
  transformWithOxc,
  transformWithOursAsync,
  transformWithOursSync,
} from './contenders.mjs'
import { syntheticInputFactory } from './synthetic-input.mjs'

const EVENT_LOOP_LAG_INPUT_BYTES = 3e6
const EVENT_LOOP_LAG_TRANSFORMS = 5
const MEMORY_FIRST_SAMPLE_ROUND = 20
const MEMORY_SAMPLE_EVERY = 20
// Vite and oxc-transform take tens of seconds on the largest inputs; the question
// there is only whether our cost stays linear.
const SCALING_CONTENDER_IDS = ['sync', 'floor']
const KB = 1024
// The app corpus's figures are given per class of module size, upper bounds inclusive.
const SIZE_CLASSES = [
  { name: '<= 2 KB', maxBytes: 2 * KB },
  { name: '2-10 KB', maxBytes: 10 * KB },
  { name: '10-100 KB', maxBytes: 100 * KB },
  { name: '> 100 KB', maxBytes: Infinity },
]
const CORPORA = ['parity', 'apps']

const { values: flags } = parseArgs({
  options: {
    rounds: { type: 'string', default: '7' },
    warmup: { type: 'string', default: '2' },
    filter: { type: 'string', default: '' },
    corpus: { type: 'string', default: CORPORA.join(',') },
    only: { type: 'string', default: CONTENDER_IDS.join(',') },
    json: { type: 'boolean', default: false },
    memory: { type: 'boolean', default: false },
    'memory-rounds': { type: 'string', default: '200' },
    scaling: { type: 'boolean', default: false },
    sizes: { type: 'string', default: '0.1,1,10,50' },
    'live-heap': { type: 'string', default: '0' },
    'per-call': { type: 'boolean', default: false },
  },
})

// Between rounds each contender starts from a collected heap, except with a live heap:
// there collections are left to V8, as in a real process, and are part of the cost.
const collectGarbage = (Number(flags['live-heap']) === 0 && globalThis.gc) || (() => {})
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1]
const megabytesPerSecond = (bytes, ms) => bytes / 1e3 / ms
const megabytes = (bytes) => bytes / 1e6
const totalBytes = (inputs) => inputs.reduce((sum, input) => sum + input.bytes, 0)

function parseCount(name, minimum) {
  const count = Number(flags[name])
  if (!Number.isInteger(count) || count < minimum) {
    throw new Error(`--${name} must be a whole number >= ${minimum}, got ${flags[name]}`)
  }
  return count
}

const timingSettings = () => ({ rounds: parseCount('rounds', 1), warmup: parseCount('warmup', 0) })

/**
 * Keeps objects alive until the JS heap holds `megabytes`, as a test runner's or dev
 * server's heap does: the cost of garbage collection, and so of the strings every
 * transform hands back, grows with it.
 */
function retainHeap(megabytes) {
  const kept = []
  while (process.memoryUsage().heapUsed < megabytes * 1e6) {
    for (let i = 0; i < 1e5; i++) kept.push({ i, text: `kept ${i}`, list: [i] })
  }
  return kept
}

function selectedContenders(ids) {
  const unknown = ids.filter((id) => !CONTENDER_IDS.includes(id))
  if (unknown.length > 0) throw new Error(`unknown contender ${unknown.join(', ')}; known: ${CONTENDER_IDS.join(', ')}`)
  return CONTENDERS.filter((contender) => ids.includes(contender.id))
}

/** The modules each app of `APPS` hands the SSR transform, recorded now from Vite's own run. */
async function loadAppCorpus() {
  const files = []
  for (const app of APPS) {
    for (const input of await recordAppModules(app)) files.push({ ...input, relativePath: `${app.name}:${input.url}` })
  }
  return files
}

function loadCorpus() {
  const patterns = flags.filter.split(',').filter(Boolean)
  const selected = (path) => patterns.length === 0 || patterns.some((pattern) => path.includes(pattern))
  const paths = corpusPaths.filter(selected)
  if (paths.length === 0) throw new Error(`--filter ${flags.filter} matches no corpus file`)
  return paths.map(loadCorpusFile)
}

/**
 * Runs `warmup` unrecorded rounds, then `rounds` recorded ones; in each round every
 * contender transforms every input. Returns, per contender, the median time of each
 * input (null for contenders that only have a round time) and the median round time.
 *
 * Each round starts with the next contender: on this machine a contender runs up to 10%
 * slower right after seconds of heavy work (Vite's round, or a JS loop of the same
 * length), so a fixed order would always slow the same ones.
 */
async function timeRounds(inputs, contenders, { rounds, warmup }) {
  const samples = contenders.map(() => ({ perInput: inputs.map(() => []), totals: [] }))
  for (let roundIndex = -warmup; roundIndex < rounds; roundIndex++) {
    const first = (roundIndex + warmup) % contenders.length
    const order = [...contenders.keys()].map((k) => (first + k) % contenders.length)
    for (const i of order) {
      const contender = contenders[i]
      collectGarbage()
      const { perFileMs, totalMs } = await contender.timeRound(inputs)
      if (roundIndex < 0) continue
      perFileMs?.forEach((ms, inputIndex) => samples[i].perInput[inputIndex].push(ms))
      samples[i].totals.push(totalMs)
    }
  }
  return Object.fromEntries(
    contenders.map((contender, i) => [
      contender.id,
      {
        perInputMs: contender.timesEachInput ? samples[i].perInput.map(median) : null,
        totalMs: median(samples[i].totals),
      },
    ]),
  )
}

/** Our ratios to the other contenders for one set of times (missing contenders give null). */
function ratios(ms) {
  const ratio = (numerator, denominator) => (numerator && denominator ? numerator / denominator : null)
  return {
    syncSpeedupOverVite: ratio(ms.vite, ms.sync),
    syncSpeedupOverOxc: ratio(ms.oxc, ms.sync),
    syncCostOverFloor: ratio(ms.sync, ms.floor),
    asyncSpeedupOverSync: ratio(ms.sync, ms.async),
    wasiSpeedupOverVite: ratio(ms.vite, ms.wasi),
    syncSpeedupOverWasi: ratio(ms.wasi, ms.sync),
  }
}

/** Times a few async transforms of one large input while sampling the event loop's delay. */
async function measureEventLoopLag(input) {
  const resolutionMs = 1
  const histogram = monitorEventLoopDelay({ resolution: resolutionMs })
  transformWithOursSync(input)
  collectGarbage()
  const syncStart = performance.now()
  transformWithOursSync(input)
  const syncMs = performance.now() - syncStart
  collectGarbage()
  histogram.enable()
  const asyncStart = performance.now()
  for (let i = 0; i < EVENT_LOOP_LAG_TRANSFORMS; i++) await transformWithOursAsync(input)
  const asyncMs = (performance.now() - asyncStart) / EVENT_LOOP_LAG_TRANSFORMS
  histogram.disable()
  // The histogram records whole timer periods; the lag is what exceeds the period.
  const lagMs = (nanoseconds) => Math.max(0, nanoseconds / 1e6 - resolutionMs)
  return {
    inputBytes: input.bytes,
    asyncTransformMs: asyncMs,
    syncTransformMs: syncMs,
    maxLagMs: lagMs(histogram.max),
    p99LagMs: lagMs(histogram.percentile(99)),
    meanLagMs: lagMs(histogram.mean),
  }
}

/** Times every contender on `files`; per-file and total times, with our ratios. */
async function timeCorpus(files, contenders, settings) {
  const ids = contenders.map((contender) => contender.id)
  const identicalToVite = ids.includes('vite') ? await countIdenticalToVite(files) : null
  const times = await timeRounds(files, contenders, settings)
  const timesOf = (select) => Object.fromEntries(ids.map((id) => [id, select(times[id])]))
  const fileResults = files.map((file, i) => {
    const ms = timesOf(({ perInputMs }) => perInputMs?.[i] ?? null)
    return { path: file.relativePath, bytes: file.bytes, ms, ratios: ratios(ms) }
  })
  const totalMs = timesOf(({ totalMs }) => totalMs)
  return {
    corpus: { files: files.length, bytes: totalBytes(files) },
    files: fileResults,
    total: { ms: totalMs, ratios: ratios(totalMs) },
    parity: identicalToVite === null ? null : { identicalToVite, files: files.length },
  }
}

/** Sums per-file times by size class (and over all), for a set of file results. */
function bySizeClass(fileResults, ids) {
  const sum = (files) => {
    const ms = Object.fromEntries(
      ids.map((id) => [id, files.some((file) => file.ms[id] == null) ? null : files.reduce((total, file) => total + file.ms[id], 0)]),
    )
    return { files: files.length, bytes: totalBytes(files), ms, ratios: ratios(ms) }
  }
  const classes = SIZE_CLASSES.map(({ name, maxBytes }, i) => {
    const minBytes = i === 0 ? 0 : SIZE_CLASSES[i - 1].maxBytes
    return { name, ...sum(fileResults.filter((file) => file.bytes > minBytes && file.bytes <= maxBytes)) }
  })
  return { classes, all: sum(fileResults) }
}

async function runCorpusMode() {
  const corpora = flags.corpus.split(',').filter(Boolean)
  const unknown = corpora.filter((name) => !CORPORA.includes(name))
  if (unknown.length > 0) throw new Error(`unknown corpus ${unknown.join(', ')}; known: ${CORPORA.join(', ')}`)
  const contenders = selectedContenders(flags.only.split(','))
  const settings = timingSettings()
  const ids = contenders.map((contender) => contender.id)
  const files = corpora.includes('parity') ? loadCorpus() : []
  // Recorded first: the recording runs Vite's whole dev server, whose garbage and
  // compiled code would otherwise land in a timed round.
  const appFiles = corpora.includes('apps') ? await loadAppCorpus() : []
  // First, while the heap holds no other contender's leftovers, whose collection would
  // count as lag.
  const eventLoopLag =
    ids.includes('async') && files.length > 0
      ? await measureEventLoopLag(syntheticInputFactory(files)(EVENT_LOOP_LAG_INPUT_BYTES))
      : null
  const parity = files.length > 0 ? await timeCorpus(files, contenders, settings) : null
  let apps = null
  if (appFiles.length > 0) {
    const timed = await timeCorpus(appFiles, contenders, settings)
    const appsByName = APPS.map(({ name, description }) => {
      const ofApp = timed.files.filter((_, i) => appFiles[i].app === name)
      return { name, description, ...bySizeClass(ofApp, ids) }
    })
    apps = { ...timed, files: undefined, apps: appsByName, combined: bySizeClass(timed.files, ids) }
  }
  return {
    mode: 'corpus',
    settings,
    contenders: Object.fromEntries(contenders.map(({ id, label }) => [id, label])),
    ...parity,
    apps,
    eventLoopLag,
    // Read last: the peak of the whole run, Vite and oxc-transform included.
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  }
}

async function runMemoryMode() {
  const files = loadCorpus()
  const rounds = parseCount('memory-rounds', MEMORY_FIRST_SAMPLE_ROUND)
  const samples = []
  for (let roundNumber = 1; roundNumber <= rounds; roundNumber++) {
    for (const file of files) transformWithOursSync(file)
    await Promise.all(files.map(transformWithOursAsync))
    if (roundNumber >= MEMORY_FIRST_SAMPLE_ROUND && roundNumber % MEMORY_SAMPLE_EVERY === 0) {
      // Collect first, so the samples show what is retained, not what awaits collection.
      collectGarbage()
      const { rss, heapUsed, external } = process.memoryUsage()
      samples.push({ round: roundNumber, rssBytes: rss, heapUsedBytes: heapUsed, externalBytes: external })
    }
  }
  const first = samples[0]
  const last = samples.at(-1)
  return {
    mode: 'memory',
    corpus: { files: files.length, bytes: totalBytes(files) },
    roundWork: 'every corpus file through ssrTransformSync, then all through ssrTransform at once',
    samples,
    rssGrowthBytes: last && first ? last.rssBytes - first.rssBytes : null,
  }
}

async function runScalingMode() {
  const settings = timingSettings()
  const contenders = selectedContenders(SCALING_CONTENDER_IDS)
  const syntheticInput = syntheticInputFactory(loadCorpus())
  const sizes = []
  for (const sizeMb of flags.sizes.split(',').map(Number)) {
    const input = syntheticInput(sizeMb * 1e6)
    const times = await timeRounds([input], contenders, settings)
    const msPerMb = Object.fromEntries(
      SCALING_CONTENDER_IDS.map((id) => [id, times[id].totalMs / megabytes(input.bytes)]),
    )
    sizes.push({ targetMb: sizeMb, bytes: input.bytes, msPerMb })
  }
  return { mode: 'scaling', settings, sizes }
}

function environment() {
  const cpus = os.cpus()
  return {
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpus: cpus.length,
    cpuModel: cpus[0]?.model,
    // Other work on the machine skews every timing; callgrind.sh is the stable measure.
    loadAverage1m: os.loadavg()[0],
    gcExposed: globalThis.gc !== undefined,
    addonBuild,
  }
}

// ---- text output ----

function formatTable(header, rows) {
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => String(row[column]).length)))
  // Names left-aligned, numbers right-aligned.
  const align = (cell, column) => (column === 0 ? String(cell).padEnd(widths[0]) : String(cell).padStart(widths[column]))
  const line = (row) => row.map(align).join('  ')
  return [line(header), ...rows.map(line)].join('\n')
}

const fixed = (value, digits = 1) => (value == null ? '-' : value.toFixed(digits))
const describeBuild = (build) =>
  build === 'pgo' ? 'our addon built with PGO (npm run build:pgo, as shipped for Linux x64)' : 'our addon built without PGO (npm run build; npm run build:pgo builds the shipped one)'
const describeTiming = ({ rounds, warmup }) => `median of ${rounds} rounds after ${warmup} warm-up rounds`

function printEnvironment(env) {
  console.log(
    `Node ${env.node}, ${env.platform}, ${env.cpus} × ${env.cpuModel}, ` +
      `load average ${fixed(env.loadAverage1m, 2)} at start, ${describeBuild(env.addonBuild)}` +
      (env.gcExposed ? '' : '; without --expose-gc, garbage of one contender may be collected in the next'),
  )
}

/** One row of a corpus table: MB/s of each contender timed per file, and our ratios. */
function throughputRow(name, bytes, ms, ratio, ids) {
  return [
    name,
    fixed(bytes / 1e3, 0),
    ...ids.map((id) => fixed(ms[id] && megabytesPerSecond(bytes, ms[id]))),
    fixed(ratio.syncSpeedupOverVite),
    fixed(ratio.syncSpeedupOverOxc),
    fixed(ratio.syncCostOverFloor, 2),
  ]
}

const throughputHeader = (first, ids) => [first, 'KB', ...ids.map((id) => `${id} MB/s`), '× vite', '× oxc', '÷ floor']

function printAsyncAndParity({ corpus, total, parity }) {
  if (total.ms.async != null) {
    console.log(
      `async, all ${corpus.files} calls in flight: ${fixed(megabytesPerSecond(corpus.bytes, total.ms.async))} MB/s` +
        ` (${fixed(total.ms.async, 0)} ms a round), ${fixed(total.ratios.asyncSpeedupOverSync, 2)}× sync`,
    )
  }
  if (total.ms.wasi != null) {
    console.log(
      `WebAssembly (wasm32-wasi), sync: ${fixed(megabytesPerSecond(corpus.bytes, total.ms.wasi))} MB/s, ` +
        `${fixed(total.ratios.wasiSpeedupOverVite)}× Vite's speed; native sync is ${fixed(total.ratios.syncSpeedupOverWasi)}× it`,
    )
  }
  if (parity) {
    console.log(`parity: ${parity.identicalToVite}/${parity.files} files identical to Vite (code, deps, mappings; sync and async)`)
  }
}

function printAppsReport(apps, ids) {
  console.log(
    `\nApp modules: ${apps.corpus.files} modules, ${fixed(megabytes(apps.corpus.bytes), 2)} MB, recorded from Vite's SSR ` +
      'render of each app; times summed over modules (per-module medians), by size class (KB = 1024 bytes)',
  )
  const classRow = ({ name, files, bytes, ms, ratios: ratio }) => {
    const row = throughputRow(name, bytes, ms, ratio, ids)
    row.splice(1, 0, files)
    return row
  }
  const header = throughputHeader('size class', ids)
  header.splice(1, 0, 'modules')
  for (const group of [...apps.apps, { description: 'both apps', ...apps.combined }]) {
    console.log(`\n${group.description}`)
    const rows = group.classes.filter((sizeClass) => sizeClass.files > 0).map(classRow)
    rows.push(classRow({ name: 'all', ...group.all }))
    console.log(formatTable(header, rows))
  }
  console.log()
  printAsyncAndParity(apps)
}

function printCorpusReport(report) {
  const { settings, corpus, total } = report
  console.log(describeTiming(settings))
  for (const [id, label] of Object.entries(report.contenders)) console.log(`  ${id.padEnd(5)} ${label}`)
  console.log('MB/s (higher is better); "× vite" and "× oxc" are speed-ups of sync, "÷ floor" is sync time over parse-only time')
  if (report.files) {
    const perFileIds = Object.keys(report.contenders).filter((id) => report.files.some((file) => file.ms[id] != null))
    console.log(`\nParity corpus: ${corpus.files} files, ${fixed(megabytes(corpus.bytes), 2)} MB\n`)
    const rows = report.files.map((file) => throughputRow(file.path, file.bytes, file.ms, file.ratios, perFileIds))
    rows.push(throughputRow('total', corpus.bytes, total.ms, total.ratios, perFileIds))
    console.log(formatTable(throughputHeader('file', perFileIds), rows))
    console.log()
    printAsyncAndParity(report)
  }
  if (report.apps) {
    const ids = Object.keys(report.contenders).filter((id) => report.apps.combined.all.ms[id] != null)
    printAppsReport(report.apps, ids)
  }
  const lag = report.eventLoopLag
  if (lag) {
    console.log(
      `event-loop lag during a ${fixed(megabytes(lag.inputBytes), 2)} MB async transform ` +
        `(${fixed(lag.asyncTransformMs, 0)} ms; sync blocks ${fixed(lag.syncTransformMs, 0)} ms): ` +
        `max ${fixed(lag.maxLagMs)} ms, p99 ${fixed(lag.p99LagMs)} ms, mean ${fixed(lag.meanLagMs, 2)} ms`,
    )
  }
  console.log(`peak RSS: ${fixed(megabytes(report.peakRssBytes), 0)} MB`)
}

function printMemoryReport(report) {
  const { corpus } = report
  console.log(`${corpus.files} files, ${fixed(megabytes(corpus.bytes), 2)} MB a round: ${report.roundWork}\n`)
  const rows = report.samples.map((sample) => [
    sample.round,
    fixed(megabytes(sample.rssBytes)),
    fixed(megabytes(sample.heapUsedBytes)),
    fixed(megabytes(sample.externalBytes)),
  ])
  console.log(formatTable(['round', 'RSS MB', 'JS heap MB', 'external MB'], rows))
  const first = report.samples[0]
  const last = report.samples.at(-1)
  if (first && last) {
    console.log(
      `\nRSS growth from round ${first.round} to round ${last.round}: ${fixed(megabytes(report.rssGrowthBytes))} MB ` +
        `(${fixed((100 * report.rssGrowthBytes) / first.rssBytes)}%)`,
    )
  }
}

function printScalingReport(report) {
  console.log(`${describeTiming(report.settings)}\n`)
  const rows = report.sizes.map(({ targetMb, bytes, msPerMb }) => [
    `${targetMb} MB`,
    fixed(megabytes(bytes), 3),
    ...SCALING_CONTENDER_IDS.map((id) => fixed(msPerMb[id], 2)),
    fixed(msPerMb.sync / msPerMb.floor, 2),
  ])
  const header = ['input', 'actual MB', ...SCALING_CONTENDER_IDS.map((id) => `${id} ms/MB`), '÷ floor']
  console.log(formatTable(header, rows))
}

// The fixed cost of a call: a module of almost nothing, and one of the demo app's median
// size (lodash-es/_baseMerge.js, 1,326 bytes).
const PER_CALL_INPUTS = [
  { name: '19-byte module', code: 'export const a = 1\n', url: '/a.js' },
  { name: 'lodash-es/_baseMerge.js', ...loadCorpusFile('lodash-es/_baseMerge.js') },
]
const PER_CALL_SAMPLES = 9

/** µs per call of `transform` (awaited when it returns a promise), over one batch of `calls`. */
async function timeBatch(transform, input, calls) {
  collectGarbage()
  const start = performance.now()
  for (let i = 0; i < calls; i++) {
    const result = transform(input)
    if (result instanceof Promise) await result
  }
  return ((performance.now() - start) * 1e3) / calls
}

const spreadOf = (values) => ({ median: median(values), min: Math.min(...values), max: Math.max(...values) })

async function runPerCallMode() {
  const transforms = { sync: transformWithOursSync, async: transformWithOursAsync, oxc: transformWithOxc }
  const inputs = []
  for (const input of PER_CALL_INPUTS) {
    const calls = Math.max(200, Math.round(2e5 / (input.code.length + 100)))
    const samples = Object.fromEntries(Object.keys(transforms).map((id) => [id, []]))
    // Batches alternate between the transforms, so that the machine's load falls on each
    // alike; the first is a warm-up.
    for (let batch = -1; batch < PER_CALL_SAMPLES; batch++) {
      for (const [id, transform] of Object.entries(transforms)) {
        const us = await timeBatch(transform, input, calls)
        if (batch >= 0) samples[id].push(us)
      }
    }
    const us = Object.fromEntries(Object.entries(samples).map(([id, values]) => [id, spreadOf(values)]))
    inputs.push({ name: input.name, bytes: input.code.length, us })
  }
  return { mode: 'per-call', samples: PER_CALL_SAMPLES, inputs }
}

function printPerCallReport(report) {
  console.log(`µs per call, median (min–max) of ${report.samples} batches; source maps on\n`)
  const cell = ({ median: m, min, max }) => `${fixed(m, 2)} (${fixed(min, 2)}–${fixed(max, 2)})`
  const rows = report.inputs.map(({ name, bytes, us }) => [
    `${name}, ${bytes} B`,
    cell(us.sync),
    cell(us.async),
    fixed(us.async.median / us.sync.median, 2),
    cell(us.oxc),
    fixed(us.oxc.median / us.sync.median, 2),
  ])
  console.log(formatTable(['module', 'ours sync', 'ours async, awaited', 'async ÷ sync', 'oxc-transform', '× oxc'], rows))
}

const MODES = {
  'per-call': [runPerCallMode, printPerCallReport],
  corpus: [runCorpusMode, printCorpusReport],
  memory: [runMemoryMode, printMemoryReport],
  scaling: [runScalingMode, printScalingReport],
}

const chosenModes = ['memory', 'scaling', 'per-call'].filter((mode) => flags[mode])
if (chosenModes.length > 1) throw new Error('choose one of --memory, --scaling and --per-call')
const [run, print] = MODES[chosenModes[0] ?? 'corpus']
// Read before the run, which loads the machine itself.
const startEnvironment = environment()
const liveHeap = retainHeap(parseCount('live-heap', 0))
const report = { ...(await run()), environment: startEnvironment, liveHeapMb: Number(flags['live-heap']) }
// Used after the run, so that the objects stay alive through it.
if (liveHeap.length > 0 && !flags.json) console.log(`(${liveHeap.length} objects kept alive: a ${flags['live-heap']} MB heap)`)
if (flags.json) {
  console.log(JSON.stringify(report, null, 2))
} else {
  printEnvironment(report.environment)
  print(report)
}
