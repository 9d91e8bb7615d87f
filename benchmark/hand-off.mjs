// What handing a module to a transform thread costs, against transforming it on the JS
// thread: the figures behind `TRANSFORMED_IN_PLACE_MAX_LENGTH` in index.js. The inputs
// are the app modules of a size range (recorded from Vite, as `npm run bench` does), each
// transformed through the binding in three ways, in a fresh process per way and run:
// - in place: `ssrTransformSync` on each in turn;
// - awaited in turn: `ssrTransformAsync` on each, awaiting one before the next, as Vite's
//   module runner imports a module's dependencies;
// - all in flight: `ssrTransformAsync` on all at once.
// Prints wall time, and the CPU time of the JS thread and of the transform threads
// (Linux: /proc/self/task/*/schedstat), medians of the runs.
//
//   node benchmark/hand-off.mjs [--min-chars 4096] [--max-chars 131072] [--runs 5] [--warm 0]
//
// --warm N: N untimed passes first in each process, for the cost once the threads,
// arenas and caches are warm; by default the first pass of a fresh process is timed.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { threadCpuMs } from './thread-cpu.mjs'

const { values: flags } = parseArgs({
  options: {
    'min-chars': { type: 'string', default: '4096' },
    'max-chars': { type: 'string', default: '131072' },
    runs: { type: 'string', default: '5' },
    warm: { type: 'string', default: '0' },
    child: { type: 'string' },
    inputs: { type: 'string' },
  },
})
const WAYS = { 'in place': 'sync', 'awaited in turn': 'awaited', 'all in flight': 'concurrent' }

/** One way, timed in this process, on the modules in the file `inputs`. */
async function child(way, inputs) {
  const modules = JSON.parse(readFileSync(inputs, 'utf8'))
  const binding = createRequire(import.meta.url)('../binding.js')
  const pass = {
    sync: async () => {
      for (const { code, url } of modules) binding.ssrTransformSync(code, undefined, url, undefined, 0)
    },
    awaited: async () => {
      for (const { code, url } of modules) await binding.ssrTransformAsync(code, undefined, url, undefined, 0)
    },
    concurrent: () =>
      Promise.all(modules.map(({ code, url }) => binding.ssrTransformAsync(code, undefined, url, undefined, 0))),
  }[way]
  for (let i = 0; i < Number(flags.warm); i++) await pass()
  const before = threadCpuMs()
  const start = process.hrtime.bigint()
  await pass()
  const wall = Number(process.hrtime.bigint() - start) / 1e6
  const after = threadCpuMs()
  const js = after.jsThread - before.jsThread
  const transformThreads = after.transformThreads - before.transformThreads
  process.stdout.write(JSON.stringify({ wall, js, transformThreads }))
}

if (flags.child) {
  await child(flags.child, flags.inputs)
} else {
  const { APPS, recordAppModules } = await import('./app-modules.mjs')
  const [min, max] = [Number(flags['min-chars']), Number(flags['max-chars'])]
  const modules = []
  for (const app of APPS) modules.push(...(await recordAppModules(app)))
  const chosen = modules.filter(({ code }) => code.length >= min && code.length <= max)
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hand-off-'))
  const inputs = path.join(dir, 'modules.json')
  writeFileSync(inputs, JSON.stringify(chosen.map(({ code, url }) => ({ code, url }))))
  const chars = chosen.reduce((sum, { code }) => sum + code.length, 0)
  console.log(`${chosen.length} app modules of ${min}–${max} characters (${(chars / 1024).toFixed(0)} K characters in all)`)
  console.log(`median of ${flags.runs} fresh processes a way, ${flags.warm} untimed passes first; ms\n`)
  console.log(`${'way'.padEnd(18)}${'wall'.padStart(8)}${'JS thread'.padStart(12)}${'transform threads'.padStart(20)}${'CPU in all'.padStart(13)}`)
  const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1]
  try {
    for (const [name, way] of Object.entries(WAYS)) {
      const runs = []
      for (let run = 0; run < Number(flags.runs); run++) {
        const args = [fileURLToPath(import.meta.url), '--child', way, '--inputs', inputs, '--warm', flags.warm]
        runs.push(JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8' })))
      }
      const [wall, js, threads] = ['wall', 'js', 'transformThreads'].map((key) => median(runs.map((run) => run[key])))
      const all = median(runs.map((run) => run.js + run.transformThreads))
      const cells = [wall, js, threads, all].map((ms, i) => ms.toFixed(1).padStart([8, 12, 20, 13][i]))
      console.log(`${name.padEnd(18)}${cells.join('')}`)
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
