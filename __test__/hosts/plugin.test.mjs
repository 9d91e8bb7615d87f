// The plugin's own behaviour on a Vite 8 dev server: fallback, errors, reporting, options.
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { createLogger, createServer, moduleRunnerTransform } from 'vite'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import nativeSsrTransform from '../../vite.mjs'

const root = fileURLToPath(new URL('./fixtures/fallback/', import.meta.url))
const typescriptRoot = fileURLToPath(new URL('./fixtures/typescript/', import.meta.url))
// Valid in scripts, not in modules: Vite parses a file without import/export as a script
// and accepts it, the native transform always parses a module and rejects it.
const HTML_COMMENT_MODULE = '<!-- a legacy comment\nglobalThis.seen = true\n'

const servers = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

function capturingLogger() {
  const logger = createLogger('info')
  const lines = { info: [], warn: [], error: [] }
  for (const level of Object.keys(lines)) logger[level] = (message) => lines[level].push(message)
  return { logger, lines }
}

function serverOptions(plugins) {
  return {
    root,
    configFile: false,
    appType: 'custom',
    plugins,
    optimizeDeps: { noDiscovery: true, include: [] },
    server: { middlewareMode: true, hmr: false, watch: null, ws: false },
  }
}

async function startServer(plugins, logger = createLogger('silent')) {
  const server = await createServer({ ...serverOptions(plugins), customLogger: logger })
  servers.push(server)
  return server
}

function withDebug(value, run) {
  const previous = process.env.DEBUG
  process.env.DEBUG = value
  try {
    return run()
  } finally {
    if (previous === undefined) delete process.env.DEBUG
    else process.env.DEBUG = previous
  }
}

describe("fallback: 'vite'", () => {
  test("hands a module the native transform rejects to Vite's JS transform, and says so once", async () => {
    const { logger, lines } = capturingLogger()
    const plugin = nativeSsrTransform({ fallback: 'vite' })
    const server = await startServer([plugin], logger)

    const viaHook = await server.environments.ssr.transformRequest('/legacy-comment.js')
    const viaServer = await server.ssrTransform(HTML_COMMENT_MODULE, null, '/inline.js')
    await server.environments.ssr.transformRequest('/fine.js')

    expect(viaHook.code).toContain('globalThis.legacyCommentSeen = legacy')
    expect(viaServer.code).toBe((await moduleRunnerTransform(HTML_COMMENT_MODULE, null, '/inline.js', HTML_COMMENT_MODULE)).code)
    expect(plugin.api.stats).toMatchObject({ modules: 1, fallbacks: 2 })
    expect(lines.warn).toHaveLength(1)
    expect(lines.warn[0]).toMatch(/^\[native-ssr-transform\] the native transform rejected \/legacy-comment\.js, so Vite's JS transform handled it/)
  })

  test('left out, the native error reaches the caller', async () => {
    const plugin = nativeSsrTransform()
    const server = await startServer([plugin])
    await expect(server.environments.ssr.transformRequest('/legacy-comment.js')).rejects.toThrow(/^Parse failure: /)
    await expect(server.ssrTransform(HTML_COMMENT_MODULE, null, '/inline.js')).rejects.toMatchObject({ code: 'PARSE_ERROR', id: '/inline.js' })
    expect(plugin.api.stats).toMatchObject({ modules: 0, fallbacks: 0 })
  })
})

// React Router computes route exports by calling `pluginContainer.transform` on a server of
// its own that has the app's plugins, and reading the result's `export`s.
describe.each([['Vite 6.2', 'vite6'], ['Vite 7.3', 'vite7'], ['Vite 8', 'vite']])('%s, in the environment it transforms', (_, vitePackage) => {
  async function transformBothWays(plugins) {
    const { createServer: createViteServer } = await import(vitePackage)
    const server = await createViteServer({ ...serverOptions(plugins), customLogger: createLogger('silent') })
    servers.push(server)
    // As React Router does it (@react-router/dev, compileRouteFile).
    const { id } = await server.pluginContainer.resolveId('/fine.js', undefined, { ssr: true })
    await server.moduleGraph.ensureEntryFromUrl('/fine.js', true)
    const direct = await server.pluginContainer.transform(await readFile(id, 'utf8'), id, { ssr: true })
    const requested = await server.environments.ssr.transformRequest('/fine.js')
    return { direct: direct.code, requested: requested.code }
  }

  test("a direct pluginContainer.transform call gets the plugins' ES module, as without the plugin; transformRequest gets the SSR transform", async () => {
    const plugin = nativeSsrTransform()
    const withPlugin = await transformBothWays([plugin])
    const control = await transformBothWays([])
    expect(withPlugin.direct).toBe(control.direct)
    expect(withPlugin.direct).toContain('export const fine')
    // Vite 6.2's own transform defines exports inline, the plugin hoists them (the cycle race).
    for (const { requested } of [withPlugin, control]) expect(requested).toMatch(/__vite_ssr_export(?:Name__\("fine"|s__, "fine")/)
    expect(plugin.api.stats.modules).toBe(1)
  })

  // A TypeScript module: the transform's map is combined with the TS transform's.
  test("the stored map of a TypeScript module is named by its URL, as Vite's transform names it", async () => {
    const { createServer: createViteServer } = await import(vitePackage)
    const storedMap = async (plugins) => {
      const server = await createViteServer({ ...serverOptions(plugins), root: typescriptRoot, customLogger: createLogger('silent') })
      servers.push(server)
      return (await server.environments.ssr.transformRequest('/typed.ts')).map
    }
    const [withPlugin, control] = [await storedMap([nativeSsrTransform()]), await storedMap([])]
    expect(control.file).toBe('/typed.ts')
    expect(withPlugin.file).toBe(control.file)
    // Vite 8 emits what the plugin emits, so the maps are the same to the byte.
    if (vitePackage === 'vite') expect(JSON.stringify(withPlugin)).toBe(JSON.stringify(control))
  })
})

describe('a plugin that turns moduleRunnerTransform back on after ours', () => {
  // `post` and listed after ours, so that its configEnvironment runs after ours.
  const reEnabler = {
    name: 'turns-the-transform-back-on',
    enforce: 'post',
    configEnvironment: { order: 'post', handler: () => ({ dev: { moduleRunnerTransform: true } }) },
  }

  test('is an error, since Vite would transform our output again', async () => {
    await expect(startServer([nativeSsrTransform(), reEnabler])).rejects.toThrow(/turned dev\.moduleRunnerTransform back on for the "ssr" environment/)
  })

  test("with fallback: 'vite', leaves that environment to Vite and says so", async () => {
    const { logger, lines } = capturingLogger()
    const plugin = nativeSsrTransform({ fallback: 'vite' })
    const server = await startServer([plugin, reEnabler], logger)
    const result = await server.environments.ssr.transformRequest('/fine.js')
    expect(result.code).toContain('__vite_ssr_exportName__("fine"')
    expect(plugin.api.stats.modules).toBe(0)
    expect(lines.warn.some((line) => line.includes('Vite\'s JS transform handles that environment'))).toBe(true)
  })
})

describe('the summary of modules and time, printed when the server closes', () => {
  const SUMMARY = /^\[native-ssr-transform\] 1 module transformed natively in \d+\.\d ms \(export style exportName\)$/
  const summariesPrinted = (consoleInfo) => consoleInfo.mock.calls.filter(([line]) => SUMMARY.test(line)).length
  let consoleInfo
  beforeEach(() => {
    consoleInfo = vi.spyOn(console, 'info').mockImplementation(() => {})
  })
  afterEach(() => consoleInfo.mockRestore())

  test.each([
    ['native-ssr-transform', true],
    ['vite:*,native-ssr-*', true],
    ['*', true],
    ['*,-native-ssr-transform', false],
    ['vite:*', false],
  ])('DEBUG=%s prints it: %s', async (debug, printed) => {
    const server = await startServer([withDebug(debug, () => nativeSsrTransform())])
    await server.environments.ssr.transformRequest('/fine.js')
    await server.close()
    expect(summariesPrinted(consoleInfo)).toBe(printed ? 1 : 0)
  })

  test("logLevel: 'info' prints it once per server, whatever Vite's own log level", async () => {
    const server = await startServer([nativeSsrTransform({ logLevel: 'info' })], createLogger('warn'))
    await server.environments.ssr.transformRequest('/fine.js')
    await server.close()
    expect(summariesPrinted(consoleInfo)).toBe(1)
  })
})

describe('Vitest module cache key', () => {
  test.each(['defineCacheKeyGenerator', 'experimental_defineCacheKeyGenerator'])('is defined through %s for the environments the plugin transforms', (method) => {
    const plugin = nativeSsrTransform()
    plugin.configEnvironment.handler('client', {})
    plugin.configEnvironment.handler('ssr', {})
    const generators = []
    plugin.configureVitest({ [method]: (generator) => generators.push(generator) })
    expect(generators).toHaveLength(1)
    expect(generators[0]({ environment: { name: 'ssr' }, id: '/a.js', sourceCode: '' })).toBe(`native-ssr-transform@${plugin.api.version}:defineProperty:vite`)
    expect(generators[0]({ environment: { name: 'client' }, id: '/a.js', sourceCode: '' })).toBeUndefined()
  })
})

test.each([
  [{ exportStyle: 'inline' }, /exportStyle must be one of exportName, defineProperty/],
  [{ fallback: 'js' }, /fallback must be 'vite'/],
  [{ logLevel: 'debug' }, /logLevel must be one of silent, warn, info/],
])('rejects the options %j', (options, message) => {
  expect(() => nativeSsrTransform(options)).toThrow(message)
})
