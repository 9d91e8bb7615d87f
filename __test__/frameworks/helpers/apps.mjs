// The framework apps the tests and the cold-start benchmark run: where each keeps its
// server modules, how its dev server starts, and what its pages return.
import { cp, mkdir, readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { installOnDemand } from './install.mjs'

const sharedLib = fileURLToPath(new URL('../shared/server-lib/', import.meta.url))
// `throw new Error(…)` in shared/server-lib/thrower.ts.
export const THROWER_SITE = { file: 'thrower.ts', line: 5, column: 9 }

function unescapeHtml(text) {
  const entities = { quot: '"', amp: '&', lt: '<', gt: '>', '#39': "'", '#x27': "'" }
  return text.replace(/&(quot|amp|lt|gt|#39|#x27);/g, (_, name) => entities[name])
}

/** `<pre id="stacks">` of a page, as JSON. */
function stacksInPage(html) {
  return JSON.parse(unescapeHtml(html.match(/<pre id="stacks"[^>]*>([^<]*)<\/pre>/)[1]))
}

const appDir = (name) => fileURLToPath(new URL(`../${name}/`, import.meta.url))

/**
 * Each app: { name, dir, cli (path in the app), args(port), libDir (where the shared server
 * modules go), page, route (a server route), stacks({ page, route }) → {kind: stack},
 * expectedStackSites: {kind: {file, line, column}}, mapsStacks (whether the framework maps
 * error stacks itself), runnerLineOffset (lines the runner puts before a module's code,
 * where it does not), transformedCodeDiffers (whether the host's own transform emits other
 * code than the plugin, so that unmapped stacks differ), transformsOutOfReach (modules the
 * framework loads through a Vite server without the app's plugins), sourcesOf (the app whose
 * sources this one serves) }.
 */
export const APPS = {
  // SvelteKit 3 (Vite 8): server modules load through the `ssr` environment's module runner.
  sveltekit: {
    name: 'sveltekit',
    dir: appDir('sveltekit'),
    cli: 'node_modules/vite/bin/vite.js',
    args: (port) => ['dev', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    libDir: 'src/lib/shared',
    page: '/',
    route: '/api',
    stacks: ({ route }) => route.stacks,
    mapsStacks: true,
    expectedStackSites: { ts: THROWER_SITE, svelte: { file: 'Boom.svelte', line: 4, column: 11 } },
    transformsOutOfReach: 0,
  },
  // Nuxt 4 (Vite 8): the Vue app's SSR modules load through vite-node, which runs them in
  // Nitro's worker. Server routes (server/api) are Nitro's, bundled by rollup, not Vite SSR.
  // Nuxt does not map SSR error stacks in dev (with or without the plugin), so the test maps
  // each top frame through the source map the module graph stored.
  nuxt: {
    name: 'nuxt',
    dir: appDir('nuxt'),
    cli: 'node_modules/@nuxt/cli/bin/nuxi.mjs',
    args: (port) => ['dev', '--host', '127.0.0.1', '--port', String(port)],
    libDir: 'app/lib/shared',
    page: '/',
    route: '/api/hello',
    stacks: ({ page }) => stacksInPage(page),
    mapsStacks: false,
    // vite-node wraps a module's code on its first line.
    runnerLineOffset: 0,
    expectedStackSites: { ts: THROWER_SITE, vue: { file: 'index.vue', line: 6, column: 9 } },
    transformsOutOfReach: 0,
  },
  // Astro 7 (Vite 8): pages and endpoints load through its `ssr` environment's module runner;
  // the Preact island renders on the server. Astro's compiler maps each line of an .astro
  // frontmatter to the line's start, so a frame in it has column 1, with or without the plugin.
  astro: {
    name: 'astro',
    dir: appDir('astro'),
    cli: 'node_modules/astro/bin/astro.mjs',
    args: (port) => ['dev', '--host', '127.0.0.1', '--port', String(port)],
    libDir: 'src/lib/shared',
    page: '/',
    route: '/api/summary.json',
    stacks: ({ page, route }) => ({ ...stacksInPage(page), route: route.stacks.ts }),
    mapsStacks: true,
    expectedStackSites: { ts: THROWER_SITE, astro: { file: 'index.astro', line: 7, column: 1 }, route: THROWER_SITE },
    transformsOutOfReach: 0,
  },
  // React Router 8 in framework mode, on Vite 7: route modules load through the `ssr`
  // environment's module runner. react-router.config.ts and app/routes.ts load through
  // Vite servers of React Router's own (@react-router/dev, `vite-runner.ts`: an environment
  // `__config_loader`, `configFile: false`, no plugins), which the app's plugins never
  // reach: two such loaders in the dev process, so Vite's transform runs 4 times.
  'react-router': {
    name: 'react-router',
    dir: appDir('react-router'),
    cli: 'node_modules/@react-router/dev/bin.cjs',
    args: (port) => ['dev', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    libDir: 'app/lib/shared',
    page: '/',
    route: '/api/summary',
    stacks: ({ route }) => route.stacks,
    mapsStacks: true,
    expectedStackSites: { ts: THROWER_SITE, tsx: { file: 'Boom.tsx', line: 3, column: 9 } },
    transformsOutOfReach: 4,
  },
}
// React Router 7 on Vite 5 serves the React Router 8 app's sources (react-router7's
// `appDirectory`): modules load through `ssrLoadModule`, which calls `server.ssrTransform`;
// the two config files through vite-node, on a Vite server of its own, twice. Vite 5's
// `ssrLoadModule` does not map `error.stack` (`server.ssrFixStacktrace` would), and it
// runs a module's code in `new AsyncFunction`, whose body starts on line 3. Vite 5's
// transform defines exports where they are, the plugin hoists them (the cycle race): the
// unmapped positions differ, the mapped ones agree.
APPS['react-router7'] = {
  ...APPS['react-router'],
  name: 'react-router7',
  dir: appDir('react-router7'),
  cli: 'node_modules/@react-router/dev/bin.js',
  libDir: '../react-router/app/lib/shared',
  sourcesOf: APPS['react-router'],
  mapsStacks: false,
  runnerLineOffset: 2,
  transformedCodeDiffers: true,
}

/** Installs the app's dependencies if needed and copies the shared server modules in. */
export async function prepareApp(app) {
  await installOnDemand(app.dir)
  // An app that serves another's sources needs that app's packages too: the sources'
  // imports resolve from where they are. On a fresh checkout that app may not have run yet.
  if (app.sourcesOf) await installOnDemand(app.sourcesOf.dir)
  // Copied, not imported from shared/: the dev server watches only its own root, and the
  // edit test needs them watched.
  const target = join(app.dir, app.libDir)
  await rm(target, { recursive: true, force: true })
  await mkdir(target, { recursive: true })
  for (const name of await readdir(sharedLib)) {
    if (name.endsWith('.ts')) await cp(join(sharedLib, name), join(target, name))
  }
}

export { unescapeHtml }
// SvelteKit 2 on Vite 6.4 serves the SvelteKit 3 app's sources (sveltekit2's
// svelte.config.js): modules load through the `ssr` environment's module runner, which
// here leaves `error.stack` unmapped, with or without the plugin, and runs a module's code
// in `new AsyncFunction`, whose body starts on line 3. Vite 6.4's transform emits other
// code than the plugin's `defineProperty` style, so the unmapped positions differ.
APPS.sveltekit2 = {
  ...APPS.sveltekit,
  name: 'sveltekit2',
  dir: appDir('sveltekit2'),
  libDir: '../sveltekit/src/lib/shared',
  sourcesOf: APPS.sveltekit,
  mapsStacks: false,
  runnerLineOffset: 2,
  transformedCodeDiffers: true,
}
