'use strict'
// Which Vite hosts the plugin, and what follows from that: the export style its runners
// understand, how it passes `json` to the transform, and which environments it would
// transform itself. This file requires nothing (see cjs-export-star.js).

/**
 * The host's Vite major version, learned as early as the host tells it:
 * - Vite >= 7 passes its version to the `config` hook (`this.meta.viteVersion`);
 * - only Vite >= 6 calls `configEnvironment`;
 * - `configureServer` sees the server's shape: `server.environments` exists from Vite 6 on.
 * Vite 5 calls only the last. Each hook reports what it saw; the first answer stands.
 */
function createHost() {
  let major
  return {
    get major() {
      return major
    },
    sawConfigHook(meta) {
      if (meta?.viteVersion) major = Number.parseInt(meta.viteVersion, 10)
    },
    sawConfigEnvironment() {
      major ??= 6
    },
    sawServer(server) {
      major ??= server.environments ? 6 : 5
    },
    // Vite's ModuleRunner has `__vite_ssr_exportName__` from Vite 7 on, and so does every
    // other runner that works with Vite 7+ (vite-node >= 3.2, Vitest >= 3.2). On Vite 5 and
    // 6 the runner may lack it (their own runner, vite-node <= 3.1); the getter form works
    // in all.
    exportStyle() {
      return major >= 7 ? 'exportName' : 'defineProperty'
    },
    // Mirrors how each Vite passes `json` to its transform: Vite 5 hands over its whole
    // config (so any truthy `json.stringify` counts), Vite 6+ also requires `namedExports`
    // to be off.
    jsonOption(config) {
      const json = config.json ?? {}
      return { stringify: major >= 6 ? json.stringify === true && json.namedExports !== true : Boolean(json.stringify) }
    },
  }
}

/** Vite's default for an environment's `dev.moduleRunnerTransform`, given its unresolved config. */
function viteWouldTransform(name, environmentConfig) {
  const consumer = environmentConfig.consumer ?? (name === 'client' ? 'client' : 'server')
  return environmentConfig.dev?.moduleRunnerTransform ?? consumer === 'server'
}

module.exports = { createHost, viteWouldTransform }
