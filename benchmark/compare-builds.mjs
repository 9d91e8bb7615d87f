// Two builds of this package side by side in one process, for a change's before and
// after (`npm run bench` compares a build with its peers): both transform the same inputs
// with `ssrTransformSync`, in rounds alternated A B B A, so that both meet the same
// machine; prints the median time of a round for each, and after ÷ before.
//
//   node benchmark/compare-builds.mjs <before> <after> [--rounds 11] [file ...]
//   node benchmark/compare-builds.mjs <before> <after> --apps [--min-bytes 0] [--max-bytes 2048]
//
// <before> and <after> are package roots holding index.js, binding.js, plugin/ and a
// built addon (copy them out of a checkout after `npm run build`). With --apps, the
// inputs are the modules two apps hand the transform (recorded from Vite at start, as
// `npm run bench` does), of the given UTF-8 sizes.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { APPS, recordAppModules } from './app-modules.mjs'

const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    rounds: { type: 'string', default: '11' },
    apps: { type: 'boolean', default: false },
    'min-bytes': { type: 'string', default: '0' },
    'max-bytes': { type: 'string', default: String(Number.MAX_SAFE_INTEGER) },
  },
})
const [before, after, ...files] = positionals
const filesGiven = files.length > 0
if (!after || flags.apps === filesGiven) {
  throw new Error('usage: compare-builds.mjs <before> <after> (--apps | file ...) [--rounds N]')
}

const load = (root) => createRequire(path.resolve(root, 'index.js'))('./index.js')
const builds = { before: load(before), after: load(after) }
// `pgo` or `plain` (scripts/pgo.mjs); builds older than that function say nothing.
const buildKind = (root) => createRequire(path.resolve(root, 'index.js'))('./binding.js').addonBuildForBenchmark?.() ?? 'unknown'

async function inputs() {
  if (!flags.apps) return files.map((file) => ({ code: readFileSync(file, 'utf8'), url: `/${path.basename(file)}` }))
  const [min, max] = [Number(flags['min-bytes']), Number(flags['max-bytes'])]
  const modules = []
  for (const app of APPS) modules.push(...(await recordAppModules(app)))
  return modules.filter(({ code }) => {
    const bytes = Buffer.byteLength(code)
    return bytes > min && bytes <= max
  })
}

const modules = await inputs()
const bytes = modules.reduce((sum, { code }) => sum + Buffer.byteLength(code), 0)
// Enough passes over the inputs that a round takes tens of milliseconds.
const passes = Math.max(1, Math.round(2e6 / bytes))
const round = (build) => {
  const start = process.hrtime.bigint()
  for (let pass = 0; pass < passes; pass++) for (const { code, url } of modules) build.ssrTransformSync(code, null, url)
  return Number(process.hrtime.bigint() - start) / 1e6 / passes
}
const times = { before: [], after: [] }
for (let warmup = 0; warmup < 2; warmup++) for (const id of ['before', 'after']) round(builds[id])
for (let i = 0; i < Number(flags.rounds); i++) {
  for (const id of i % 2 === 0 ? ['before', 'after'] : ['after', 'before']) times[id].push(round(builds[id]))
}
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1]
const [b, a] = [median(times.before), median(times.after)]
console.log(
  `${modules.length} inputs, ${(bytes / 1024).toFixed(0)} KB, ${flags.rounds} rounds of ${passes} passes: ` +
    `before (${buildKind(before)}) ${b.toFixed(3)} ms, after (${buildKind(after)}) ${a.toFixed(3)} ms a pass; after ÷ before ${(a / b).toFixed(3)}`,
)
