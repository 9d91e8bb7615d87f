// The transforms the benchmark compares. Every one gets the arguments a dev server
// would pass for a module that no earlier plugin touched: no input map, source maps on.
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { isDeepStrictEqual } from 'node:util'
import { moduleRunnerTransformSync as oxcModuleRunnerTransformSync } from 'oxc-transform'
import { moduleRunnerTransform as viteModuleRunnerTransform } from 'vite'
import { ssrTransform, ssrTransformSync } from 'native-ssr-transform'

// The parse-only floor and the kind of build are deliberately absent from the package's JS
// API, so they are taken from the generated binding itself.
const require = createRequire(import.meta.url)
const { addonBuildForBenchmark, parseOnlyForBenchmark } = require('../binding.js')

/** `pgo` for `npm run build:pgo`'s build (the shipped Linux x64 one), `plain` for `npm run build`'s. */
export const addonBuild = addonBuildForBenchmark()

const WASI_LOADER = new URL('../npm/wasm32-wasi/native-ssr-transform.wasi.cjs', import.meta.url)

/**
 * The package a second time, its binding taken from the WebAssembly build (`npm run
 * build:platforms -- wasm32-wasip1-threads`) through napi-rs's override, or null when that
 * is not built. The first instance stays in the module cache for the other contenders.
 */
function loadOursOnWasi() {
  if (!existsSync(WASI_LOADER)) return null
  const modules = ['../index.js', '../binding.js'].map((path) => require.resolve(path))
  const nativeInstances = modules.map((path) => require.cache[path])
  for (const path of modules) delete require.cache[path]
  process.env.NAPI_RS_NATIVE_LIBRARY_PATH = WASI_LOADER.pathname
  try {
    return require('../index.js')
  } finally {
    delete process.env.NAPI_RS_NATIVE_LIBRARY_PATH
    modules.forEach((path, i) => (require.cache[path] = nativeInstances[i]))
  }
}
const oursOnWasi = loadOursOnWasi()

/**
 * A contender that is timed one call at a time, so that it has a per-file time.
 * `transform` may return a promise (Vite's transform is an async function).
 */
function oneCallAtATime(id, label, transform) {
  return {
    id,
    label,
    timesEachInput: true,
    async timeRound(inputs) {
      // A round starts after a collection, which leaves the caches cold: the first input
      // timed would pay for that (`vue.esm-bundler.js`, 2 KB, took 5 times its time), so
      // one untimed call comes first.
      await transform(inputs.at(-1))
      const perFileMs = []
      for (const input of inputs) {
        const start = performance.now()
        const result = transform(input)
        // Awaiting only real promises keeps a microtask hop out of the sync timings.
        if (result instanceof Promise) await result
        perFileMs.push(performance.now() - start)
      }
      return { perFileMs, totalMs: perFileMs.reduce((sum, ms) => sum + ms, 0) }
    },
  }
}

const transformWithVite = ({ code, url }) => viteModuleRunnerTransform(code, null, url, code)
export const transformWithOxc = ({ code, url }) => oxcModuleRunnerTransformSync(url, code, { sourcemap: true })
export const transformWithOursSync = ({ code, url }) => ssrTransformSync(code, null, url, code)
export const transformWithOursAsync = ({ code, url }) => ssrTransform(code, null, url, code)

export const CONTENDERS = [
  oneCallAtATime('vite', 'Vite 8 moduleRunnerTransform', transformWithVite),
  oneCallAtATime('oxc', 'oxc-transform moduleRunnerTransformSync', transformWithOxc),
  oneCallAtATime('sync', 'ours: ssrTransformSync', transformWithOursSync),
  {
    id: 'async',
    label: 'ours: ssrTransform, all calls of a round in flight at once',
    // Only a round has a time: the calls overlap on the libuv threadpool.
    timesEachInput: false,
    async timeRound(inputs) {
      const start = performance.now()
      await Promise.all(inputs.map(transformWithOursAsync))
      return { perFileMs: null, totalMs: performance.now() - start }
    },
  },
  ...(oursOnWasi
    ? [oneCallAtATime('wasi', 'ours on WebAssembly (wasm32-wasi): ssrTransformSync', ({ code, url }) => oursOnWasi.ssrTransformSync(code, null, url, code))]
    : []),
  oneCallAtATime('floor', "parse only: the transform's string conversion and parse entry point", ({ code }) =>
    parseOnlyForBenchmark(code),
  ),
]

export const CONTENDER_IDS = CONTENDERS.map((contender) => contender.id)

/**
 * Counts the inputs on which our sync and async results equal Vite's (code, deps and
 * mappings), so a fast but wrong build cannot pass for a fast one.
 */
export async function countIdenticalToVite(inputs) {
  const comparable = ({ code, deps, dynamicDeps, map }) => ({ code, deps, dynamicDeps, mappings: map?.mappings })
  let identical = 0
  for (const input of inputs) {
    const expected = comparable(await transformWithVite(input))
    const sync = comparable(transformWithOursSync(input))
    const async = comparable(await transformWithOursAsync(input))
    if (isDeepStrictEqual(expected, sync) && isDeepStrictEqual(expected, async)) identical++
  }
  return identical
}
