// The plugins each framework app's config adds: the native transform when the test asks
// for it (NATIVE_SSR_TRANSFORM=on), imported from this checkout by path as a user of a
// linked checkout would, and a reporter the test reads over HTTP.
import nativeSsrTransform from '../../../vite.mjs'
import { PARSE_COUNT_KEY } from '../../hosts/helpers/count-vite-parses.mjs'

export const REPORT_PATH = '/__native-ssr-transform-report'

// Some frameworks run several Vite servers in one process (Nuxt: one for the client, one
// for the server), each with its own plugin instances; the report covers them all.
const registry = (globalThis[Symbol.for('native-ssr-transform.framework-report')] ??= { servers: new Set(), plugins: new Set() })

/** A server's server-side module graphs, each with how a module's SSR result is read. */
function serverGraphs(server) {
  // Vite 5 keeps SSR results beside the client ones; Vite >= 6 has a graph per environment.
  if (!server.environments) return [{ graph: server.moduleGraph, result: (mod) => mod.ssrTransformResult }]
  return Object.values(server.environments)
    .filter((environment) => environment.config.consumer === 'server')
    .map((environment) => ({ graph: environment.moduleGraph, result: (mod) => mod.transformResult }))
}

/** Modules in the server-side module graphs that hold a transform result: the ones loaded. */
function serverModulesLoaded(server) {
  const ids = new Set()
  for (const { graph, result } of serverGraphs(server)) {
    for (const mod of graph.idToModuleMap.values()) if (result(mod)) ids.add(mod.id)
  }
  return [...ids].sort()
}

/** The source map a server-side module graph stored for the module whose file is `file`. */
function storedMap(file) {
  for (const server of registry.servers) {
    for (const { graph, result } of serverGraphs(server)) {
      for (const mod of graph.getModulesByFile(file) ?? []) {
        if (result(mod)?.map) return result(mod).map
      }
    }
  }
  return null
}

function report() {
  const stats = { modules: 0, fallbacks: 0 }
  for (const plugin of registry.plugins) {
    stats.modules += plugin.api.stats.modules
    stats.fallbacks += plugin.api.stats.fallbacks
  }
  const modules = [...new Set([...registry.servers].flatMap(serverModulesLoaded))].sort()
  return {
    plugin: registry.plugins.size ? stats : null,
    serverModules: modules,
    viteJsTransforms: globalThis[Symbol.for(PARSE_COUNT_KEY)] ?? 0,
  }
}

const reporter = {
  name: 'native-ssr-transform:framework-report',
  configureServer(server) {
    registry.servers.add(server)
    server.middlewares.use(REPORT_PATH, (request, response) => {
      const mapOf = new URL(request.url, 'http://localhost').searchParams.get('mapOf')
      response.setHeader('content-type', 'application/json')
      response.end(JSON.stringify(mapOf ? storedMap(mapOf) : report()))
    })
  },
}

export function testPlugins() {
  if (process.env.NATIVE_SSR_TRANSFORM !== 'on') return [reporter]
  const plugin = nativeSsrTransform()
  registry.plugins.add(plugin)
  return [reporter, plugin]
}
