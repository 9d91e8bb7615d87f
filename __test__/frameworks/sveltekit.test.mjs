// SvelteKit 3 (Vite 8): server modules load through the `ssr` environment's module runner.
import { fileURLToPath } from 'node:url'
import { THROWER_SITE, describeFramework } from './helpers/describe-framework.mjs'

describeFramework({
  name: 'sveltekit',
  dir: fileURLToPath(new URL('./sveltekit/', import.meta.url)),
  cli: 'node_modules/vite/bin/vite.js',
  args: (port) => ['dev', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
  libDir: 'src/lib/shared',
  page: '/',
  route: '/api',
  stacks: ({ route }) => route.stacks,
  mapsStacks: true,
  expectedStackSites: { ts: THROWER_SITE, svelte: { file: 'Boom.svelte', line: 4, column: 11 } },
  transformsOutOfReach: 0,
})
