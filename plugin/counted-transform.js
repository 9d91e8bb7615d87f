'use strict'
// The native transform as the plugin runs it: counted and timed for `plugin.api.stats`,
// with `fallback: 'vite'` handing a rejected module to Vite's JS transform, and a summary
// for when a server closes. Like its siblings, it requires no Node module (see
// cjs-export-star.js).

const { PLUGIN_NAME, formatSummary } = require('./options.js')

/**
 * `ssrTransform` is the package's; `exportStyle()` is asked on every call, because the host
 * is known only once its hooks have run.
 */
function createCountedTransform({ ssrTransform, options, log, exportStyle }) {
  const stats = { modules: 0, transformMs: 0, fallbacks: 0 }
  let transformsAtLastSummary = 0
  let warnedAboutFallback = false

  async function transform(code, inMap, url, originalCode, { json, viteJsTransform }) {
    const start = performance.now()
    let result
    try {
      result = await ssrTransform(code, inMap, url, originalCode, { exportStyle: exportStyle(), json, strictEsm: options.strictEsm })
    } catch (error) {
      if (!options.fallbackToVite) throw error
      if (!viteJsTransform) throw new Error(`${PLUGIN_NAME}: fallback: 'vite' has no Vite transform to use for ${url}`, { cause: error })
      stats.fallbacks++
      if (!warnedAboutFallback) {
        warnedAboutFallback = true
        log.warn(`the native transform rejected ${url}, so Vite's JS transform handled it (fallback: 'vite'; later fallbacks are only counted): ${error.message}`)
      }
      return viteJsTransform(code, inMap, url, originalCode)
    }
    stats.modules++
    stats.transformMs += performance.now() - start
    return result
  }

  // Called when a server closes (on Vite >= 6, by the client environment, and by the others
  // only with `perEnvironmentStartEndDuringDev`): report once per server.
  function reportSummary() {
    const transforms = stats.modules + stats.fallbacks
    if (transforms === transformsAtLastSummary) return
    transformsAtLastSummary = transforms
    log.info(formatSummary(stats, exportStyle()))
  }

  return { stats, transform, reportSummary }
}

module.exports = { createCountedTransform }
