'use strict'
// The plugin's options, and where its messages go. This file requires nothing (see
// cjs-export-star.js).

const PLUGIN_NAME = 'native-ssr-transform'
const LOG_LEVELS = ['silent', 'warn', 'info']

/** Checks the user's options and fills in the defaults; `exportStyles` are the binding's. */
function resolveOptions(options = {}, exportStyles) {
  if (options === null || typeof options !== 'object') throw new TypeError(`${PLUGIN_NAME}: options must be an object`)
  const { exportStyle, fallback, logLevel, cjsExportStar, strictEsm } = options
  if (exportStyle !== undefined && !exportStyles.includes(exportStyle)) {
    throw new TypeError(`${PLUGIN_NAME}: exportStyle must be one of ${exportStyles.join(', ')}, got ${JSON.stringify(exportStyle)}`)
  }
  if (fallback !== undefined && fallback !== 'vite') {
    throw new TypeError(`${PLUGIN_NAME}: fallback must be 'vite' or left out, got ${JSON.stringify(fallback)}`)
  }
  if (logLevel !== undefined && !LOG_LEVELS.includes(logLevel)) {
    throw new TypeError(`${PLUGIN_NAME}: logLevel must be one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(logLevel)}`)
  }
  for (const [name, value] of Object.entries({ cjsExportStar, strictEsm })) {
    if (value !== undefined && typeof value !== 'boolean') {
      throw new TypeError(`${PLUGIN_NAME}: ${name} must be a boolean, got ${JSON.stringify(value)}`)
    }
  }
  return {
    exportStyle,
    cjsExportStar: cjsExportStar ?? true,
    strictEsm: strictEsm ?? false,
    fallbackToVite: fallback === 'vite',
    logLevel: debugNamespaceEnabled(PLUGIN_NAME, process.env.DEBUG) ? 'info' : (logLevel ?? 'warn'),
  }
}

/** Whether a `DEBUG` value in the `debug` package's syntax (`a,b:*,-c`) enables `namespace`. */
function debugNamespaceEnabled(namespace, debugValue) {
  const matches = (pattern) => new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(namespace)
  const patterns = (debugValue ?? '').split(/[\s,]+/).filter(Boolean)
  if (patterns.some((pattern) => pattern.startsWith('-') && matches(pattern.slice(1)))) return false
  return patterns.some((pattern) => !pattern.startsWith('-') && matches(pattern))
}

// Warnings go through Vite's logger, like Vite's own. The summary goes to the console:
// asked for with `logLevel` or DEBUG, it must not be dropped by Vite's level, which Vitest
// sets to 'warn'.
function createLog(logLevel) {
  const threshold = LOG_LEVELS.indexOf(logLevel)
  const enabled = (level) => LOG_LEVELS.indexOf(level) <= threshold
  let viteLogger
  return {
    useViteLogger(logger) {
      viteLogger = logger
    },
    warn(message) {
      if (!enabled('warn')) return
      if (viteLogger) viteLogger.warn(`[${PLUGIN_NAME}] ${message}`, { timestamp: true })
      else console.warn(`[${PLUGIN_NAME}] ${message}`)
    },
    info(message) {
      if (enabled('info')) console.info(`[${PLUGIN_NAME}] ${message}`)
    },
  }
}

function formatSummary(stats, exportStyle) {
  const fallbacks = stats.fallbacks ? `, ${stats.fallbacks} through Vite's JS transform (fallback: 'vite')` : ''
  const modules = `${stats.modules} module${stats.modules === 1 ? '' : 's'}`
  return `${modules} transformed natively in ${stats.transformMs.toFixed(1)} ms (export style ${exportStyle})${fallbacks}`
}

module.exports = { PLUGIN_NAME, resolveOptions, createLog, formatSummary }
