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
const { version: PACKAGE_VERSION } = require('./package.json')

// Vite bundles a config file together with what it imports from outside node_modules (a
// linked checkout of this package, or this repo's own configs), and a bundler cannot take
// in the native addon. A require made by `createRequire` is left alone by the bundler and
// runs at load time from this file's real path, which Vite injects as `__filename`.
const native = createRequire(__filename)('./index.js')

const { createCjsExportStarPlugin } = require('./plugin/cjs-export-star.js')
const { createCountedTransform } = require('./plugin/counted-transform.js')
const { createHost, viteWouldTransform } = require('./plugin/host.js')
const { createModuleGraphShim } = require('./plugin/module-graph.js')
const { PLUGIN_NAME, createLog, resolveOptions } = require('./plugin/options.js')

/**
 * The plugin factory. `plugin.api.stats` counts the modules transformed natively and the
 * time spent in the transform (the sum of each module's latency).
 */
function nativeSsrTransform(userOptions) {
  const options = resolveOptions(userOptions, native.exportStyles)
  const log = createLog(options.logLevel)
  const host = createHost()
  const exportStyle = () => options.exportStyle ?? host.exportStyle()
  const environmentsTakenOver = new Set()
  // The server's own `server.ssrTransform`, by resolved config, for `fallback: 'vite'`.
  const viteJsTransforms = new WeakMap()
  const moduleGraphShim = createModuleGraphShim()

  const { stats, transform, reportSummary } = createCountedTransform({
    ssrTransform: native.ssrTransform,
    options,
    log,
    exportStyle,
  })

  // What the plugin becomes in a browser environment (see `applyToEnvironment`): the
  // `export *` expansion, and the summary, which Vite's dev server asks of that environment.
  const browserStandIn = options.cjsExportStar
    ? { ...createCjsExportStarPlugin({ name: PLUGIN_NAME, log, ...native }), buildEnd: reportSummary }
    : undefined

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
      host.sawConfigHook(this?.meta)
    },

    // `post`, so that it sees what Vitest and other plugins decided (Vitest turns the
    // transform on for its environments in its `config` hook).
    configEnvironment: {
      order: 'post',
      handler(name, environmentConfig) {
        host.sawConfigEnvironment()
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
      host.sawServer(server)
      const viteJsTransform = server.ssrTransform
      viteJsTransforms.set(server.config, viteJsTransform)
      const json = host.jsonOption(server.config)
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
          json: host.jsonOption(config),
          viteJsTransform: viteJsTransforms.get(config),
        })
        moduleGraphShim.attachToNextResult(environment.moduleGraph, id, { ssr: true, deps: result.deps, dynamicDeps: result.dynamicDeps })
        return { code: result.code, map: result.map }
      },
    },

    buildEnd: reportSummary,
  }
}

module.exports = nativeSsrTransform
module.exports.default = nativeSsrTransform
module.exports.nativeSsrTransform = nativeSsrTransform
