// React Router 8 in framework mode, on Vite 7: route modules load through the `ssr`
// environment's module runner. react-router.config.ts and app/routes.ts load through a
// Vite server of React Router's own (@react-router/dev, `vite-runner.ts`: an environment
// `__config_loader`, `configFile: false`, no plugins), which the app's plugins never reach.
import { fileURLToPath } from 'node:url'
import { THROWER_SITE, describeFramework } from './helpers/describe-framework.mjs'

describeFramework({
  name: 'react-router',
  dir: fileURLToPath(new URL('./react-router/', import.meta.url)),
  cli: 'node_modules/@react-router/dev/bin.cjs',
  args: (port) => ['dev', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
  libDir: 'app/lib/shared',
  page: '/',
  route: '/api/summary',
  stacks: ({ route }) => route.stacks,
  mapsStacks: true,
  expectedStackSites: { ts: THROWER_SITE, tsx: { file: 'Boom.tsx', line: 3, column: 9 } },
  transformsOutOfReach: 4,
})
