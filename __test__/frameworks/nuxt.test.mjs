// Nuxt 4 (Vite 8): the Vue app's SSR modules load through vite-node, which runs them in
// Nitro's worker. Server routes (server/api) are Nitro's, bundled by rollup, not Vite SSR.
// Nuxt does not map SSR error stacks in dev (with or without the plugin), so the test maps
// each top frame through the source map the module graph stored.
import { fileURLToPath } from 'node:url'
import { THROWER_SITE, describeFramework, stacksInPage } from './helpers/describe-framework.mjs'

describeFramework({
  name: 'nuxt',
  dir: fileURLToPath(new URL('./nuxt/', import.meta.url)),
  cli: 'node_modules/@nuxt/cli/bin/nuxi.mjs',
  args: (port) => ['dev', '--host', '127.0.0.1', '--port', String(port)],
  libDir: 'app/lib/shared',
  page: '/',
  route: '/api/hello',
  stacks: ({ page }) => stacksInPage(page),
  mapsStacks: false,
  expectedStackSites: { ts: THROWER_SITE, vue: { file: 'index.vue', line: 6, column: 9 } },
  transformsOutOfReach: 0,
})
