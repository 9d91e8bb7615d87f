// Astro 7 (Vite 8): pages and endpoints load through its `ssr` environment's module runner;
// the Preact island renders on the server. Astro's compiler maps each line of an .astro
// frontmatter to the line's start, so a frame in it has column 1, with or without the plugin.
import { fileURLToPath } from 'node:url'
import { THROWER_SITE, describeFramework, stacksInPage } from './helpers/describe-framework.mjs'

describeFramework({
  name: 'astro',
  dir: fileURLToPath(new URL('./astro/', import.meta.url)),
  cli: 'node_modules/astro/bin/astro.mjs',
  args: (port) => ['dev', '--host', '127.0.0.1', '--port', String(port)],
  libDir: 'src/lib/shared',
  page: '/',
  route: '/api/summary.json',
  stacks: ({ page, route }) => ({ ...stacksInPage(page), route: route.stacks.ts }),
  mapsStacks: true,
  expectedStackSites: { ts: THROWER_SITE, astro: { file: 'index.astro', line: 7, column: 1 }, route: THROWER_SITE },
  transformsOutOfReach: 0,
})
