#!/usr/bin/env node
// Memory over many calls in one process: ssrTransformSync, ssrTransform (in concurrent
// batches) and transformCjsImport on the hand-written cases (results and errors) and the
// small corpus modules. Prints RSS, RSS outside the V8 heap (the addon's memory) and the
// heap in use after a full GC at intervals, then the growth from the first interval (the
// warm-up: allocator arenas, the threadpool's stacks) and from half-way to the end.
// Flat means nothing is kept per call. RSS also holds V8's heap, which grows with the
// garbage made between two collections, so compare runs with the same --interval.
//
//   node benchmark/memory.mjs [--calls 100000] [--interval 10000]
import { parseArgs } from 'node:util'
import v8 from 'node:v8'
import vm from 'node:vm'
import { ssrTransform, ssrTransformSync, transformCjsImport } from '../index.mjs'
import { parityCases, parseErrorCases, viteBugCases } from '../__test__/cases/ssr-transform-cases.mjs'
import { corpusPaths, loadCorpusFile } from '../__test__/helpers/corpus.mjs'

const { values: args } = parseArgs({
  options: { calls: { type: 'string', default: '100000' }, interval: { type: 'string', default: '10000' } },
})
const calls = Number(args.calls)
const interval = Number(args.interval)
const ASYNC_BATCH = 100
const SMALL_CORPUS_FILE_BYTES = 64 * 1024

// A full GC before each reading, so that garbage not yet collected does not count.
v8.setFlagsFromString('--expose-gc')
const collectGarbage = vm.runInNewContext('gc')

const inputs = [
  ...[...parityCases, ...parseErrorCases, ...viteBugCases].map(({ code, url = '/src/case.js' }) => ({ code, url })),
  ...corpusPaths.map(loadCorpusFile).filter(({ bytes }) => bytes <= SMALL_CORPUS_FILE_BYTES),
]
const cjsImports = [`import React, { useState as s } from 'react'`, `export { a as default, b } from 'react'`, `import * as R from 'react'`]

/** Any of the three entry points; errors are part of the load. */
function syncCall(i) {
  const { code, url } = inputs[i % inputs.length]
  try {
    if (i % 3 === 2) transformCjsImport(cjsImports[i % cjsImports.length], '/deps/react.js', 'react', i % 7, url, i % 2 === 0)
    else ssrTransformSync(code, null, url, code)
  } catch {}
}

async function asyncBatch(first) {
  await Promise.all(
    Array.from({ length: ASYNC_BATCH }, (_, k) => {
      const { code, url } = inputs[(first + k) % inputs.length]
      return ssrTransform(code, null, url, code).catch(() => {})
    }),
  )
}

const MB = 1024 * 1024
function reading(done) {
  collectGarbage()
  const { rss, heapTotal, heapUsed } = process.memoryUsage()
  // What V8 has not reserved for its heap: the addon's allocations, code, stacks.
  return { done, rss: rss / MB, heapUsed: heapUsed / MB, outsideHeap: (rss - heapTotal) / MB }
}
const megabytes = (value, width = 7) => `${value.toFixed(1).padStart(width)} MB`
const print = ({ done, rss, heapUsed, outsideHeap }) =>
  console.log(`${String(done).padStart(8)} calls  rss ${megabytes(rss)}  rss outside the V8 heap ${megabytes(outsideHeap)}  heap used ${megabytes(heapUsed, 5)}`)
const signed = (value) => `${value >= 0 ? '+' : ''}${value.toFixed(1)} MB`

console.log(`${calls} calls over ${inputs.length} inputs: half sync (a third of them transformCjsImport), half async in batches of ${ASYNC_BATCH}`)
const readings = [reading(0)]
print(readings[0])
const started = performance.now()
let done = 0
while (done < calls) {
  const next = Math.min(done + interval, calls)
  while (done < next) {
    if ((done / ASYNC_BATCH) % 2 < 1) {
      await asyncBatch(done)
      done += ASYNC_BATCH
    } else {
      for (const end = done + ASYNC_BATCH; done < end; done++) syncCall(done)
    }
  }
  readings.push(reading(done))
  print(readings.at(-1))
}
const [warm, middle, last] = [readings[1], readings[Math.ceil(readings.length / 2)], readings.at(-1)]
const growth = (key, from) => signed(last[key] - from[key])
console.log(`\n${calls} calls in ${((performance.now() - started) / 1000).toFixed(1)} s; peak rss ${megabytes(Math.max(...readings.map((r) => r.rss)), 0)}`)
for (const from of [warm, middle]) {
  console.log(
    `from ${from.done} to ${last.done} calls: rss ${growth('rss', from)}, outside the V8 heap ${growth('outsideHeap', from)}, heap used ${growth('heapUsed', from)}`,
  )
}
