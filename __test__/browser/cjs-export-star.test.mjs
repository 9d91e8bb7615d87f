// The plugin's `export *` expansion in the browser pipeline of a Vite 8 dev server, module by
// module (cjs-interop.test.mjs shows the same fixture working in Chromium).
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping'
import { createLogger, createServer } from 'vite'
import { afterEach, expect, test } from 'vitest'
import nativeSsrTransform from '../../vite.mjs'

const fixtureRoot = fileURLToPath(new URL('./fixture/', import.meta.url))
const cleanups = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function startServer(plugins) {
  const cacheDir = await mkdtemp(join(tmpdir(), 'native-ssr-transform-vite-deps-'))
  cleanups.push(() => rm(cacheDir, { recursive: true, force: true }))
  const server = await createServer({
    root: fixtureRoot,
    configFile: false,
    cacheDir,
    customLogger: createLogger('silent'),
    plugins,
    optimizeDeps: { include: ['react', 'qs', 'semver', 'lodash'], noDiscovery: true },
    server: { middlewareMode: true, hmr: false, watch: null, ws: false },
  })
  cleanups.push(() => server.close())
  return server
}

const exportStarSpecifiers = (code) => [...code.matchAll(/export \* from '([^']+)'/g)].map((match) => match[1].replace(/^.*\/deps\/|\.js\?.*$/g, ''))

test('replaces the plugin in the browser environment only, by a normal-order transform that runs before the import analysis', async () => {
  const server = await startServer([nativeSsrTransform()])
  const clientTransforms = server.environments.client.plugins.filter((plugin) => plugin.transform).map((plugin) => plugin.name)
  expect(clientTransforms).not.toContain('native-ssr-transform')
  expect(clientTransforms.indexOf('native-ssr-transform:cjs-export-star')).toBeLessThan(clientTransforms.indexOf('vite:import-analysis'))
  const ssrPlugins = server.environments.ssr.plugins.map((plugin) => plugin.name)
  expect(ssrPlugins).toContain('native-ssr-transform')
  expect(ssrPlugins).not.toContain('native-ssr-transform:cjs-export-star')
})

test('expands the stars over CommonJS dependencies with names, keeps the lines, and maps them back', async () => {
  const server = await startServer([nativeSsrTransform()])
  const { code, map } = await server.environments.client.transformRequest('/reexport.js')
  // react, qs and semver now go through Vite's interop; lodash (no name detected) stays a star.
  expect(exportStarSpecifiers(code)).toEqual(['lodash'])
  expect(code).toMatch(/const __vite__cjsExportI_useState = __vite__cjsImport0_react\["useState"\]/)
  expect(code).not.toMatch(/cjsExportI_parse\b|cjsExportI_version\b|cjsExportI_default\b/)
  const lines = code.split('\n')
  const versionLine = lines.findIndex((line) => line.startsWith('export const version'))
  expect(originalPositionFor(new TraceMap(map), { line: versionLine + 1, column: 0 })).toMatchObject({ line: versionLine + 1, column: 0 })
})

test('cjsExportStar: false leaves the browser pipeline to Vite', async () => {
  const server = await startServer([nativeSsrTransform({ cjsExportStar: false })])
  const { code } = await server.environments.client.transformRequest('/reexport.js')
  expect(exportStarSpecifiers(code)).toEqual(['react', 'qs', 'semver', 'lodash'])
})

test('rejects a cjsExportStar that is not a boolean', () => {
  expect(() => nativeSsrTransform({ cjsExportStar: 'yes' })).toThrow(/cjsExportStar must be a boolean, got "yes"/)
})
