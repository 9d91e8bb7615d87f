// CPU time of this process's threads, by kind, for the benchmarks that run a child
// process and ask it where its CPU went (host-render.mjs, hand-off.mjs).
import { pbkdf2 } from 'node:crypto'
import { existsSync, readFileSync, readdirSync } from 'node:fs'

const TASK_DIR = '/proc/self/task'

/** CPU milliseconds of each thread of this process, by thread id (schedstat, in ns). */
function cpuMsByThread() {
  return new Map(
    readdirSync(TASK_DIR).map((tid) => [tid, Number(readFileSync(`${TASK_DIR}/${tid}/schedstat`, 'utf8').split(' ')[0]) / 1e6]),
  )
}

/**
 * CPU milliseconds by kind: the JS thread, our transform threads (`ssr-transform-*`),
 * rolldown's workers, libuv's thread pool (the threads in `pool`), and the rest.
 */
function byKind(cpu, pool) {
  const kinds = { jsThread: 0, transformThreads: 0, rolldownWorkers: 0, libuvPool: 0, otherThreads: 0 }
  for (const [tid, ms] of cpu) {
    const name = readFileSync(`${TASK_DIR}/${tid}/comm`, 'utf8').trim()
    const kind =
      Number(tid) === process.pid
        ? 'jsThread'
        : name.startsWith('ssr-transform-')
          ? 'transformThreads'
          : name.startsWith('rolldown')
            ? 'rolldownWorkers'
            : pool.has(tid)
              ? 'libuvPool'
              : 'otherThreads'
    kinds[kind] += ms
  }
  return kinds
}

/** `byKind` of this process now, with libuv's pool among the other threads. Linux only; null elsewhere. */
export function threadCpuMs() {
  return existsSync(TASK_DIR) ? byKind(cpuMsByThread(), new Set()) : null
}

/**
 * `byKind` of this process now, with libuv's thread pool told apart: Vite 8's transform
 * parses there (rolldown's `parseAstAsync` is a napi task on the pool), and file reads
 * run there too. The pool's threads are named "node", as V8's are, so they are found by
 * what they run once counted: jobs only the pool runs (PBKDF2), sent in rounds of one a
 * thread until every thread of the pool has taken one.
 */
export async function threadCpuMsWithLibuvPool() {
  if (!existsSync(TASK_DIR)) return null
  const cpu = cpuMsByThread()
  const poolSize = Number(process.env.UV_THREADPOOL_SIZE) || 4
  const pool = new Set()
  const job = () => new Promise((resolve) => pbkdf2('password', 'salt', 20_000, 32, 'sha256', resolve))
  for (let round = 0; round < 50 && pool.size < poolSize; round++) {
    const before = cpuMsByThread()
    await Promise.all(Array.from({ length: poolSize }, job))
    for (const [tid, ms] of cpuMsByThread()) if (tid !== String(process.pid) && ms - (before.get(tid) ?? 0) > 1) pool.add(tid)
  }
  return byKind(cpu, pool)
}
