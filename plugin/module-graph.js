'use strict'
// A compatibility shim over Vite's module graph. With `dev.moduleRunnerTransform` off,
// `loadAndTransform` stores `{ code, map, etag }`. Vite's own transform would also have
// stored `ssr: true` (soft HMR invalidation reuses only such results) and the
// `deps`/`dynamicDeps` that `vitest related` walks. They are attached when the result
// reaches the module graph, the one place every such result passes: its
// `updateModuleTransformResult`, wrapped once per graph. There too, the map's `file`: the
// plugin container names a map it combines after the module's file, where Vite's
// transform names it after the URL (Vitest 5 caches it).

function createModuleGraphShim() {
  const pendingByGraph = new WeakMap()

  /** Adds `fields` to the next transform result the graph stores for module `id`. */
  function attachToNextResult(moduleGraph, id, fields) {
    let pending = pendingByGraph.get(moduleGraph)
    if (!pending) {
      pending = new Map()
      pendingByGraph.set(moduleGraph, pending)
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

  return { attachToNextResult }
}

module.exports = { createModuleGraphShim }
