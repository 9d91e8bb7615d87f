// CPU time of this process's threads, by kind, for the benchmarks that run a child
// process and ask it where its CPU went (host-render.mjs, hand-off.mjs).
import { existsSync, readFileSync, readdirSync } from 'node:fs'

/**
 * CPU milliseconds of this process's threads by kind: the JS thread, our transform
 * threads (`ssr-transform-*`), rolldown's workers (Vite 8 parses for its transform there)
 * and the rest (V8's and libuv's). Linux only (schedstat, in ns); null elsewhere.
 */
export function threadCpuMs() {
  const taskDir = '/proc/self/task'
  if (!existsSync(taskDir)) return null
  const kinds = { jsThread: 0, transformThreads: 0, rolldownWorkers: 0, otherThreads: 0 }
  for (const tid of readdirSync(taskDir)) {
    const name = readFileSync(`${taskDir}/${tid}/comm`, 'utf8').trim()
    const ms = Number(readFileSync(`${taskDir}/${tid}/schedstat`, 'utf8').split(' ')[0]) / 1e6
    const kind =
      Number(tid) === process.pid
        ? 'jsThread'
        : name.startsWith('ssr-transform-')
          ? 'transformThreads'
          : name.startsWith('rolldown')
            ? 'rolldownWorkers'
            : 'otherThreads'
    kinds[kind] += ms
  }
  return kinds
}
