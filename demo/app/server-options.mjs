// The demo app's dev-server options, shared by `npm run demo` and `npm run test:pack`
// (which copies this folder into a project of its own).
import { fileURLToPath } from 'node:url'

export function demoServerOptions(plugins) {
  return {
    root: fileURLToPath(new URL('./', import.meta.url)),
    configFile: false,
    appType: 'custom',
    logLevel: 'warn',
    plugins,
    // Transformed like a linked workspace package would be, rather than loaded by Node.
    ssr: { noExternal: ['date-fns', 'zod'] },
    server: { middlewareMode: true, hmr: false, watch: null },
  }
}
