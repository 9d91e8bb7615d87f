'use strict'
// `native-ssr-transform/vite`: a Vite plugin that sends every server-side module through
// the native ssrTransform instead of Vite's JS one. Where it hooks in depends on the host
// (docs/vite-plugin.md):
// - Vite >= 6 (also Vitest >= 4 and vite-node in ssr mode) runs its own transform inside
//   `loadAndTransform` when an environment has `dev.moduleRunnerTransform`. The plugin turns
//   that off wherever it would be on and transforms in the last `post` transform hook.
// - Vite 5 (`ssrLoadModule`) and vite-node's web mode call `server.ssrTransform`, which the
//   plugin replaces.
// In the browser pipeline (Vite >= 6) it also expands `export * from '<CommonJS dependency>'`
// into the dependency's names before Vite's import analysis, which otherwise drops them all.

const { createRequire } = require('node:module')
const { performance } = require('node:perf_hooks')
const { version: PACKAGE_VERSION } = require('./package.json')

// Vite bundles a config file together with what it imports from outside node_modules (a
// linked checkout of this package, or this repo's own configs), and a bundler cannot take
// in the native addon. A require made by `createRequire` is left alone by the bundler and
// runs at load time from this file's real path, which Vite injects as `__filename`.
const { cjsExportNames, expandCjsExportStar, ssrTransform } = createRequire(__filename)('./index.js')

const PLUGIN_NAME = 'native-ssr-transform'
const EXPORT_STYLES = ['exportName', 'defineProperty']
const LOG_LEVELS = ['silent', 'warn', 'info']

function resolveOptions(options = {}) {
  if (options === null || typeof options !== 'object') throw new TypeError(`${PLUGIN_NAME}: options must be an object`)
  const { exportStyle, fallback, logLevel, cjsExportStar, strictEsm } = options
  if (exportStyle !== undefined && !EXPORT_STYLES.includes(exportStyle)) {
    throw new TypeError(`${PLUGIN_NAME}: exportStyle must be one of ${EXPORT_STYLES.join(', ')}, got ${JSON.stringify(exportStyle)}`)
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

// Vite's ModuleRunner has `__vite_ssr_exportName__` from Vite 7 on, and so does every other
// runner that works with Vite 7+ (vite-node >= 3.2, Vitest >= 3.2). On Vite 5 and 6 the
// runner may lack it (their own runner, vite-node <= 3.1), and the getter form works in all.
function exportStyleForViteMajor(viteMajor) {
  return viteMajor >= 7 ? 'exportName' : 'defineProperty'
}

// Mirrors how each Vite passes `json` to its transform: Vite 5 hands over its whole config
// (so any truthy `json.stringify` counts), Vite 6+ also requires `namedExports` to be off.
function jsonOptionFor(config, viteMajor) {
  const json = config.json ?? {}
  return { stringify: viteMajor >= 6 ? json.stringify === true && json.namedExports !== true : Boolean(json.stringify) }
}

/** Vite's default for an environment's `dev.moduleRunnerTransform`, given its unresolved config. */
function viteWouldTransform(name, environmentConfig) {
  const consumer = environmentConfig.consumer ?? (name === 'client' ? 'client' : 'server')
  return environmentConfig.dev?.moduleRunnerTransform ?? consumer === 'server'
}

function formatSummary(stats, exportStyle) {
  const fallbacks = stats.fallbacks ? `, ${stats.fallbacks} through Vite's JS transform (fallback: 'vite')` : ''
  const modules = `${stats.modules} module${stats.modules === 1 ? '' : 's'}`
  return `${modules} transformed natively in ${stats.transformMs.toFixed(1)} ms (export style ${exportStyle})${fallbacks}`
}

// `export * from 'x'`, where `x` is a CommonJS dependency that Vite pre-bundled, is
// rewritten by Vite's import analysis to the pre-bundled file, whose only export is
// `default`: every name is lost, with a warning. Named re-exports (`export { a } from 'x'`)
// go through Vite's CommonJS interop instead, so the star is expanded into those first.

// Modules Vite's import analysis reads as JavaScript: scripts and single-file components.
const JS_LIKE_ID = /\.(?:[jt]sx?|m[jt]s|vue|marko|svelte|astro|imba|mdx)(?:$|\?)/
// `export`, then spaces or comments, then `*`: most modules fail this and skip the parse.
const MAY_EXPORT_STAR = /\bexport(?:\s|\/\*[\s\S]*?\*\/|\/\/[^\n]*\n)*\*/

function withoutQuery(id) {
  return id.replace(/[?#][\s\S]*$/, '')
}

/** The `x` of each `export * from 'x'` and `export * as ns from 'x'` in an ESTree program. */
function exportStarSpecifiers(program) {
  const specifiers = new Set()
  for (const node of program.body) {
    if (node.type === 'ExportAllDeclaration') specifiers.add(node.source.value)
  }
  return [...specifiers]
}

// Vite's `optimizedDepNeedsInterop`: a dependency is interoperated as CommonJS when its
// pre-bundling said so or, before the bundle exists, when it is listed in
// `optimizeDeps.needsInterop` or its source has no import/export syntax.
async function viteInteropsAsCommonJs(environment, depInfo) {
  if (depInfo.needsInterop !== undefined) return depInfo.needsInterop
  if (environment.config.optimizeDeps?.needsInterop?.includes(depInfo.id)) return true
  const exportsData = await depInfo.exportsData
  return exportsData ? !exportsData.hasModuleSyntax : false
}

/**
 * The plugin that takes this one's place in browser environments: its transform has no
 * `order`, so it runs before Vite's import analysis (the last normal-order transform), where
 * the main plugin's `post` transform runs after it.
 */
function createCjsExportStarPlugin(log) {
  // Per optimizer entry: a re-optimization makes new entries, so the names are read again.
  const namesByDepInfo = new WeakMap()

  function exportNamesOf(depInfo) {
    let names = namesByDepInfo.get(depInfo)
    if (!names) {
      try {
        names = cjsExportNames(depInfo.src)
      } catch (error) {
        // No names: the star stays as Vite serves it, with Vite's warning.
        log.warn(`could not read the export names of ${depInfo.id} from ${depInfo.src}: ${error.message}`)
        names = []
      }
      namesByDepInfo.set(depInfo, names)
    }
    return names
  }

  /** The export names of the CommonJS dependency `specifier` names, if Vite interops it. */
  async function commonJsExportNames(context, specifier, importer) {
    const { depsOptimizer } = context.environment
    // A specifier that fails to resolve is reported by the import analysis.
    const resolved = await context.resolve(specifier, importer).catch(() => null)
    if (!resolved || resolved.external || !depsOptimizer.isOptimizedDepFile(resolved.id)) return
    const file = withoutQuery(resolved.id)
    const depInfo = depsOptimizer.metadata.depInfoList.find((info) => info.file === file)
    if (!depInfo?.src || !(await viteInteropsAsCommonJs(context.environment, depInfo))) return
    return exportNamesOf(depInfo)
  }

  return {
    name: `${PLUGIN_NAME}:cjs-export-star`,
    async transform(code, id) {
      const depsOptimizer = this.environment?.depsOptimizer
      if (!depsOptimizer || !JS_LIKE_ID.test(id) || !MAY_EXPORT_STAR.test(code)) return
      if (id.includes('/node_modules/') || depsOptimizer.isOptimizedDepFile(id)) return
      let program
      try {
        program = this.parse(code)
      } catch {
        return // The import analysis reports what it cannot read.
      }
      const specifiers = exportStarSpecifiers(program)
      const namesBySpecifier = new Map()
      await Promise.all(
        specifiers.map(async (specifier) => {
          const names = await commonJsExportNames(this, specifier, id)
          // A plain star with no name found stays, with Vite's warning that it loses them;
          // `export * as ns` needs no names to become a namespace import Vite interops.
          if (names) namesBySpecifier.set(specifier, names)
        }),
      )
      if (!namesBySpecifier.size) return
      let expansion
      try {
        expansion = expandCjsExportStar(code, namesBySpecifier, { url: withoutQuery(id) })
      } catch (error) {
        log.warn(`left export * in ${id} as it is: ${error.message}`)
        return
      }
      if (!expansion) return
      return { code: expansion.code, map: expansion.map }
    },
  }
}

/**
 * The plugin factory. `plugin.api.stats` counts the modules transformed natively and the
 * time spent in the transform (the sum of each module's latency).
 */
function nativeSsrTransform(userOptions) {
  const options = resolveOptions(userOptions)
  const log = createLog(options.logLevel)
  const stats = { modules: 0, transformMs: 0, fallbacks: 0 }
  let transformsAtLastSummary = 0
  let warnedAboutFallback = false
  // Known from the `config` hook on Vite >= 7, from `configEnvironment` (which only Vite >= 6
  // calls) or, at the latest, from the server's shape in `configureServer`.
  let viteMajor
  const exportStyle = () => options.exportStyle ?? exportStyleForViteMajor(viteMajor)
  const environmentsTakenOver = new Set()
  // The server's own `server.ssrTransform`, by resolved config, for `fallback: 'vite'`.
  const viteJsTransforms = new WeakMap()
  const pendingGraphFields = new WeakMap()

  // Called when a server closes (on Vite >= 6, by the client environment, and by the others
  // only with `perEnvironmentStartEndDuringDev`): report once per server.
  function reportSummary() {
    const transforms = stats.modules + stats.fallbacks
    if (transforms === transformsAtLastSummary) return
    transformsAtLastSummary = transforms
    log.info(formatSummary(stats, exportStyle()))
  }

  // What the plugin becomes in a browser environment (see `applyToEnvironment`): the
  // `export *` expansion, and the summary, which Vite's dev server asks of that environment.
  const browserStandIn = options.cjsExportStar ? { ...createCjsExportStarPlugin(log), buildEnd: reportSummary } : undefined

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

  // With `moduleRunnerTransform` off, `loadAndTransform` stores `{ code, map, etag }`. Vite's
  // own transform would also have stored `ssr: true` (soft HMR invalidation reuses only such
  // results) and the `deps`/`dynamicDeps` that `vitest related` walks. They are attached
  // when the result reaches the module graph, the one place every such result passes.
  // There too, the map's `file`: the plugin container names a map it combines after the
  // module's file, where Vite's transform combines it under the URL (Vitest 5 caches it).
  function attachToGraphResult(moduleGraph, id, fields) {
    let pending = pendingGraphFields.get(moduleGraph)
    if (!pending) {
      pending = new Map()
      pendingGraphFields.set(moduleGraph, pending)
      const updateModuleTransformResult = moduleGraph.updateModuleTransformResult
      moduleGraph.updateModuleTransformResult = function (mod, result, ...rest) {
        const moduleFields = mod?.id != null ? pending.get(mod.id) : undefined
        if (moduleFields && result) {
          pending.delete(mod.id)
          Object.assign(result, moduleFields)
          if (result.map?.file) result.map.file = mod.url
        }
        return updateModuleTransformResult.call(this, mod, result, ...rest)
      }
    }
    pending.set(id, fields)
  }

  return {
    name: PLUGIN_NAME,
    enforce: 'post',
    apply: 'serve',
    api: {
      version: PACKAGE_VERSION,
      stats,
      get exportStyle() {
        return exportStyle()
      },
    },

    config() {
      const viteVersion = this?.meta?.viteVersion
      if (viteVersion) viteMajor = Number.parseInt(viteVersion, 10)
    },

    // `post`, so that it sees what Vitest and other plugins decided (Vitest turns the
    // transform on for its environments in its `config` hook).
    configEnvironment: {
      order: 'post',
      handler(name, environmentConfig) {
        viteMajor ??= 6
        if (!viteWouldTransform(name, environmentConfig)) return
        environmentsTakenOver.add(name)
        return { dev: { moduleRunnerTransform: false } }
      },
    },

    configResolved(config) {
      log.useViteLogger(config.logger)
      for (const name of environmentsTakenOver) {
        if (!config.environments?.[name]?.dev?.moduleRunnerTransform) continue
        // Transforming here too would run Vite's transform on our output.
        environmentsTakenOver.delete(name)
        const message = `a plugin turned dev.moduleRunnerTransform back on for the "${name}" environment after ${PLUGIN_NAME} turned it off, so Vite's JS transform handles that environment`
        if (!options.fallbackToVite) throw new Error(`${PLUGIN_NAME}: ${message}. Pass fallback: 'vite' to accept that.`)
        log.warn(message)
      }
      const sorted = config.getSortedPlugins?.('transform') ?? []
      const transformsAfterOurs = sorted.slice(sorted.findIndex((plugin) => plugin.name === PLUGIN_NAME) + 1)
      if (transformsAfterOurs.length) {
        log.warn(`these plugins transform after ${PLUGIN_NAME} and will see SSR-transformed code: ${transformsAfterOurs.map((plugin) => plugin.name).join(', ')}`)
      }
    },

    // Vite >= 6 lets a plugin name the plugins that stand in for it in one environment. A
    // browser environment that Vite serves module by module (not bundled), where the main
    // transform would do nothing, gets `browserStandIn`.
    applyToEnvironment(environment) {
      if (!browserStandIn || environmentsTakenOver.has(environment.name)) return true
      if (environment.config.consumer !== 'client' || environment.config.isBundled) return true
      return browserStandIn
    },

    configureServer(server) {
      viteMajor ??= server.environments ? 6 : 5
      const viteJsTransform = server.ssrTransform
      viteJsTransforms.set(server.config, viteJsTransform)
      const json = jsonOptionFor(server.config, viteMajor)
      // Vite 5 and vite-node's web mode pass the map of the earlier plugins: ssrTransform
      // combines it, as Vite's does.
      server.ssrTransform = (code, inMap, url, originalCode = code) => transform(code, inMap, url, originalCode, { json, viteJsTransform })
    },

    configureVitest(context) {
      // Vitest 5 caches transformed modules on disk, keyed on plugin names but not options.
      const defineCacheKeyGenerator = context.defineCacheKeyGenerator ?? context.experimental_defineCacheKeyGenerator
      defineCacheKeyGenerator?.(({ environment }) =>
        environmentsTakenOver.has(environment.name)
          ? `${PLUGIN_NAME}@${PACKAGE_VERSION}:${exportStyle()}:${options.strictEsm ? 'strict' : 'vite'}`
          : undefined,
      )
    },

    transform: {
      order: 'post',
      async handler(code, id, hookOptions) {
        const environment = this.environment
        if (!environment || !environmentsTakenOver.has(environment.name)) return
        // Vite runs its own transform in `transformRequest`, after the plugins, and only
        // there: a direct `pluginContainer.transform` call gets the plugins' ES module (React
        // Router reads route exports that way). Vite 6-8 pass a call's options on to the
        // hooks, and `transformRequest`'s always hold `inMap`.
        if (!hookOptions || !('inMap' in hookOptions)) return
        const config = environment.getTopLevelConfig()
        // Vite names the module by its URL in maps and errors, and matches `.json` on it.
        const url = environment.moduleGraph.getModuleById(id)?.url ?? id
        const result = await transform(code, null, url, code, {
          json: jsonOptionFor(config, viteMajor),
          viteJsTransform: viteJsTransforms.get(config),
        })
        attachToGraphResult(environment.moduleGraph, id, { ssr: true, deps: result.deps, dynamicDeps: result.dynamicDeps })
        return { code: result.code, map: result.map }
      },
    },

    buildEnd: reportSummary,
  }
}

module.exports = nativeSsrTransform
module.exports.default = nativeSsrTransform
module.exports.nativeSsrTransform = nativeSsrTransform
