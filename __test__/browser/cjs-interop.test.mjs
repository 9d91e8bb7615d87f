// Browser end-to-end test of CommonJS interop (issue 3): a real Vite dev server (8, and
// 6.2, the oldest line where the plugin can reach the browser pipeline) serves fixture/,
// whose page imports CommonJS packages from npm (react, react-dom, qs, semver, lodash) in
// every form, to a headless Chromium (Debian's where installed, else the one that ships in
// the @sparticuz/chromium package). The page writes what arrived into #report.
// Run once with the plugin and once without it (the control): only the plugin delivers
// the names of `export * from '<CommonJS package>'`.
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import nativeSsrTransform from '../../vite.mjs'

const SYSTEM_CHROMIUM = '/usr/bin/chromium'
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]
const fixtureRoot = fileURLToPath(new URL('./fixture/', import.meta.url))
const repoRoot = fileURLToPath(new URL('../../', import.meta.url))
const VITE_PACKAGES = [
  ['Vite 8', 'vite'],
  ['Vite 6.2', 'vite6'],
]
const COMMONJS_PACKAGES = ['react', 'react-dom', 'react-dom/client', 'qs', 'semver', 'lodash']
const REPORT_TIMEOUT_MS = 30_000
// Unpacking the packaged Chromium takes some seconds on its first use.
const CHROMIUM_START_TIMEOUT_MS = 60_000
const { version: REACT_VERSION } = createRequire(import.meta.url)('react/package.json')

/** Debian's Chromium where installed, else @sparticuz/chromium's headless build (unpacked to /tmp on first use). */
async function chromiumExecutable() {
  if (existsSync(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM
  const { default: packagedChromium } = await import('@sparticuz/chromium')
  return packagedChromium.executablePath()
}

const cleanups = []
let browser

beforeAll(async () => {
  const userDataDir = await mkdtemp(join(tmpdir(), 'native-ssr-transform-chromium-'))
  cleanups.push(() => rm(userDataDir, { recursive: true, force: true }))
  // A persistent context is Playwright's way to take a user data dir of our choosing.
  browser = await chromium.launchPersistentContext(userDataDir, { executablePath: await chromiumExecutable(), headless: true, args: CHROMIUM_ARGS })
  cleanups.push(() => browser.close())
}, CHROMIUM_START_TIMEOUT_MS)

afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function warningCollectingLogger(vite) {
  const logger = vite.createLogger('warn')
  const warnings = []
  logger.warn = (message) => warnings.push(message)
  logger.warnOnce = (message) => warnings.push(message)
  return { logger, warnings }
}

/** Serves fixture/ with `vite` and `plugins`, opens it in Chromium and returns the page's report and Vite's warnings. */
async function loadFixturePage(vite, plugins) {
  const cacheDir = await mkdtemp(join(tmpdir(), 'native-ssr-transform-vite-deps-'))
  cleanups.push(() => rm(cacheDir, { recursive: true, force: true }))
  const { logger, warnings } = warningCollectingLogger(vite)
  const server = await vite.createServer({
    root: fixtureRoot,
    configFile: false,
    cacheDir,
    customLogger: logger,
    plugins,
    // Pre-bundled up front, and only these: no re-optimization reloads the page midway.
    optimizeDeps: { include: COMMONJS_PACKAGES, noDiscovery: true },
    server: { host: '127.0.0.1', port: 0, watch: null, fs: { allow: [repoRoot, cacheDir] } },
  })
  cleanups.push(() => server.close())
  await server.listen()
  const { port } = server.httpServer.address()

  const page = await browser.newPage()
  const pageErrors = []
  page.on('pageerror', (error) => pageErrors.push(error.message))
  page.on('console', (message) => message.type() === 'error' && pageErrors.push(message.text()))
  try {
    await page.goto(`http://127.0.0.1:${port}/`)
    await page.waitForFunction(() => document.getElementById('report')?.textContent, null, { timeout: REPORT_TIMEOUT_MS })
    return { report: JSON.parse(await page.textContent('#report')), warnings }
  } catch (error) {
    throw new Error(`the page wrote no report: ${error.message}\npage errors: ${pageErrors.join('\n') || 'none'}`, { cause: error })
  } finally {
    await page.close()
  }
}

/** The specifiers of Vite's "Unable to interop `export * from '…'`" warnings. */
function lostExportStars(warnings) {
  return warnings.flatMap((warning) => [...warning.matchAll(/Unable to interop `export \* from '([^']+)'`/g)].map((match) => match[1])).sort()
}

describe.each(VITE_PACKAGES)('%s: a page that imports CommonJS packages from npm, in headless Chromium', (_viteName, vitePackage) => {
  let withPlugin
  let withoutPlugin
  beforeAll(async () => {
    const vite = await import(vitePackage)
    withPlugin = await loadFixturePage(vite, [nativeSsrTransform({ logLevel: 'silent' })])
    withoutPlugin = await loadFixturePage(vite, [])
  })

  test.each([
    ['with the plugin', () => withPlugin],
    ['without it', () => withoutPlugin],
  ])('default, named, namespace and named re-export imports all arrive %s', (_which, loadedPage) => {
    const { report } = loadedPage()
    expect(report.defaultImport).toEqual({ react: 'object', reactVersion: REACT_VERSION, qsStringify: 'a%5B0%5D=1&a%5B1%5D=2', lodashChunk: [[1, 2], [3]] })
    expect(report.namedImport).toEqual({ useState: 'function', version: REACT_VERSION, stringify: 'a=1', chunk: [['a', 'b'], ['c']], satisfies: true })
    expect(report.namespaceImport).toEqual({ useState: 'function', defaultIsReact: true, version: REACT_VERSION })
    expect(report.namedReexport).toEqual({ useState: 'function', sameUseState: true, reactVersion: REACT_VERSION })
  })

  test('with the plugin, the names of `export * from` CommonJS arrive by named import, and React renders with them', () => {
    const { report } = withPlugin
    expect(report.starNamedImport).toEqual({
      useState: 'function',
      sameUseState: true,
      createElement: 'function',
      SemVer: 'function',
      satisfies: false,
      stringify: 'b=2',
      // The module's own `version`, not React's.
      version: 'reexport.js',
      // qs and semver both give `parse`, so neither star does (as in native ESM).
      hasParse: false,
      // lodash's names cannot be detected: its star stays as Vite leaves it.
      hasChunk: false,
      rendered: 'count 42',
    })
    expect(report.starNamespace.useState).toBe('function')
    expect(report.starNamespace.keys).toEqual(expect.arrayContaining(['useState', 'useEffect', 'createElement', 'Component', 'stringify', 'formats', 'satisfies', 'SemVer', 'version']))
    expect(report.starNamespace.keys).not.toContain('default')
  })

  test('without the plugin, the same named import fails: Vite drops every name of `export * from` CommonJS', () => {
    const { report } = withoutPlugin
    expect(report.starNamedImport.error).toMatch(/^SyntaxError: The requested module '\/reexport\.js' does not provide an export named '\w+'$/)
    expect(report.starNamespace).toEqual({ keys: ['version'], useState: 'undefined' })
  })

  test("Vite's warning that a star loses its names stays only where no name was detected (lodash)", () => {
    expect(lostExportStars(withoutPlugin.warnings)).toEqual(['lodash', 'qs', 'react', 'semver'])
    expect(lostExportStars(withPlugin.warnings)).toEqual(['lodash'])
  })

  test('`export * as ns from` CommonJS gives the full interop namespace with the plugin, only `default` without', () => {
    expect(withPlugin.report.namespaceReexport).toEqual({ useState: 'function', defaultIsReact: true, chunk: 'function' })
    expect(withoutPlugin.report.namespaceReexport).toEqual({ useState: 'undefined', defaultIsReact: true, chunk: 'undefined' })
  })
})
