// Runs in a child process (see run-host.mjs): loads the fixture through one real host, with
// or without the plugin, and posts back what it saw:
// - `observed`: what the entry module computed (for the cycle fixture, b's view of a);
// - `modulesLoaded`: the modules the host's runner loaded as transformed code;
// - `viteJsTransforms`: how often Vite's own JS ssrTransform ran (count-vite-parses.mjs);
// - `stats`: the plugin's counters; `graph`: what the module graph stored per module.
// A fresh process per run keeps hosts from sharing module caches, stack-trace hooks or
// globals, and lets the parse counter hook Vite's imports before Vite loads.
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createRequire, register } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

register('./count-vite-parses.mjs', import.meta.url)
const { PARSE_COUNT_KEY } = await import('./count-vite-parses.mjs')

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url))
const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url))
const cycleRoot = join(fixtures, 'cycle')
const requireFromRepo = createRequire(join(repoRoot, 'package.json'))

// vite-node 3 has its own nested Vite 5, which no bare specifier from here reaches; and
// `require.resolve` would pick Vite's deprecated CJS build. So: the ESM entry of `name` as
// seen from `packageDir`.
async function importEsmEntry(packageDir, name) {
  const manifestPath = createRequire(join(packageDir, 'package.json')).resolve(`${name}/package.json`)
  const rootExport = JSON.parse(await readFile(manifestPath, 'utf8')).exports['.']
  const entry = typeof rootExport === 'string' ? rootExport : rootExport.import.default ?? rootExport.import
  return import(pathToFileURL(join(dirname(manifestPath), entry)).href)
}

function viteServerOptions(cacheDir, plugins) {
  return {
    root: cycleRoot,
    configFile: false,
    cacheDir,
    logLevel: 'silent',
    appType: 'custom',
    plugins,
    optimizeDeps: { noDiscovery: true, include: [] },
    server: { middlewareMode: true, hmr: false, watch: null, ws: false },
  }
}

/** What the server's module graph stored as each fixture module's SSR transform result. */
function storedResults(server) {
  // Vite 5 keeps SSR results beside the client ones; Vite >= 6 has a graph per environment.
  const ssrResult = server.environments ? (mod) => mod.transformResult : (mod) => mod.ssrTransformResult
  const moduleGraph = server.environments?.ssr.moduleGraph ?? server.moduleGraph
  return [...moduleGraph.idToModuleMap.values()]
    .filter((mod) => ssrResult(mod) && mod.file?.startsWith(cycleRoot))
    .map((mod) => {
      const { ssr, deps, dynamicDeps } = ssrResult(mod)
      return { url: mod.url, ssr, deps, dynamicDeps }
    })
    .sort((x, y) => x.url.localeCompare(y.url))
}

/** Modules a Vite >= 6 ModuleRunner evaluated from code (externalized ones have no code). */
function moduleRunnerLoads(runner) {
  return [...runner.evaluatedModules.idToModuleMap.values()].filter((mod) => mod.meta && 'code' in mod.meta).length
}

async function viteNode({ viteNodePackage, transformMode, cacheDir, plugins }) {
  const { createServer } = await importEsmEntry(join(repoRoot, 'node_modules', viteNodePackage), 'vite')
  const server = await createServer(viteServerOptions(cacheDir, plugins))
  try {
    await server.pluginContainer.buildStart({})
    const { ViteNodeServer } = await import(`${viteNodePackage}/server`)
    const { ViteNodeRunner } = await import(`${viteNodePackage}/client`)
    const node = new ViteNodeServer(server, transformMode === 'web' ? { transformMode: { web: [/.*/] } } : {})
    const runner = new ViteNodeRunner({
      root: server.config.root,
      base: server.config.base,
      fetchModule: (id) => node.fetchModule(id),
      resolveId: (id, importer) => node.resolveId(id, importer),
    })
    const entry = await runner.executeFile(join(cycleRoot, 'main.js'))
    const loaded = [...runner.moduleCache.values()].filter((mod) => mod.code != null).length
    // In web mode the SSR transform runs after the client pipeline and is not stored.
    return { observed: entry.result, modulesLoaded: loaded, graph: transformMode === 'web' ? undefined : storedResults(server) }
  } finally {
    await server.close()
  }
}

const viteModuleRunner = (vitePackage) => async ({ cacheDir, plugins }) => {
  const { createServer } = await import(vitePackage)
  const server = await createServer(viteServerOptions(cacheDir, plugins))
  try {
    const { runner } = server.environments.ssr
    const entry = await runner.import('/main.js')
    return { observed: entry.result, modulesLoaded: moduleRunnerLoads(runner), graph: storedResults(server) }
  } finally {
    await server.close()
  }
}

const HOSTS = {
  async 'vite5-ssrLoadModule'({ cacheDir, plugins }) {
    const { createServer } = await import('vite5')
    const server = await createServer(viteServerOptions(cacheDir, plugins))
    try {
      const entry = await server.ssrLoadModule('/main.js')
      const loaded = [...server.moduleGraph.idToModuleMap.values()].filter((mod) => mod.ssrModule).length
      return { observed: entry.result, modulesLoaded: loaded, graph: storedResults(server) }
    } finally {
      await server.close()
    }
  },
  'vite6-module-runner': viteModuleRunner('vite6'),
  'vite8-module-runner': viteModuleRunner('vite'),
  // vite-node 3's own `vite` is Vite 5 (package.json "overrides"), vite-node 6's is Vite 8.
  'vite-node3-vite5': (context) => viteNode({ ...context, viteNodePackage: 'vite-node3', transformMode: 'ssr' }),
  'vite-node6-vite8': (context) => viteNode({ ...context, viteNodePackage: 'vite-node6', transformMode: 'ssr' }),
  'vite-node6-vite8-web': (context) => viteNode({ ...context, viteNodePackage: 'vite-node6', transformMode: 'web' }),
  vitest4: (context) => runVitest(() => import('vitest/node'), context),
  // Vitest 3 and 5 are installed on demand in hosts/vitest3 and hosts/vitest5.
  vitest3: (context) => runVitest(() => importVitestNodeFrom('vitest3'), context),
  // On Node 22, with its module cache on disk when the run names a directory for it.
  vitest5: (context) =>
    runVitest(() => importVitestNodeFrom('vitest5'), context, {
      fsModuleCache: Boolean(context.fsModuleCachePath),
      fsModuleCachePath: context.fsModuleCachePath,
    }),
}

function importVitestNodeFrom(hostDir) {
  return import(pathToFileURL(join(fixtures, '..', hostDir, 'node_modules', 'vitest', 'dist', 'node.js')).href)
}

async function runVitest(importVitestNode, { cacheDir, plugins }, vitestOptions = {}) {
  const { startVitest } = await importVitestNode()
  const root = join(fixtures, 'vitest-project')
  const vitest = await startVitest(
    'test',
    [],
    { root, config: false, watch: false, reporters: [], cache: false, pool: 'forks', maxWorkers: 1, fileParallelism: false, ...vitestOptions },
    { cacheDir, plugins, logLevel: 'silent' },
  )
  try {
    const tests = vitest.state.getFiles().flatMap((file) => file.tasks)
    const byName = Object.fromEntries(tests.map((task) => [task.name, { state: task.result?.state, meta: task.meta, errors: task.result?.errors }]))
    const project = vitest.projects[0]
    const moduleGraph = project.vite.environments.ssr.moduleGraph
    const loaded = [...moduleGraph.idToModuleMap.values()].filter((mod) => mod.transformResult && mod.file?.startsWith(fixtures)).length
    return {
      observed: byName['the importer in the cycle sees every export of the awaiting module']?.meta.observed,
      modulesLoaded: loaded,
      tests: byName,
    }
  } finally {
    await vitest.close()
  }
}

// `runOptions` (JSON, optional): `pluginOptions` added to the plugin's, and what a host reads
// of its own (vitest5: `fsModuleCachePath`).
const [host, mode, runOptionsJson = '{}'] = process.argv.slice(2)
const { pluginOptions, ...hostOptions } = JSON.parse(runOptionsJson)
const withPlugin = mode === 'plugin'
const cacheDir = await mkdtemp(join(tmpdir(), `native-ssr-transform-${host}-`))
try {
  const { default: nativeSsrTransform } = await import(pathToFileURL(requireFromRepo.resolve('native-ssr-transform/vite')).href)
  const plugin = withPlugin ? nativeSsrTransform({ logLevel: 'silent', ...pluginOptions }) : undefined
  const outcome = await HOSTS[host]({ ...hostOptions, cacheDir, plugins: plugin ? [plugin] : [] })
  process.send({
    ok: true,
    outcome: {
      ...outcome,
      viteJsTransforms: globalThis[Symbol.for(PARSE_COUNT_KEY)] ?? 0,
      stats: plugin ? { ...plugin.api.stats, exportStyle: plugin.api.exportStyle } : null,
    },
  })
} catch (error) {
  process.send({ ok: false, error: { message: String(error?.message ?? error), stack: error?.stack } })
} finally {
  await rm(cacheDir, { recursive: true, force: true })
}
