// The modules real apps hand the SSR transform, recorded from Vite's own SSR pipeline:
// each app below is served by a Vite dev server, and one page is rendered through the
// ssr environment's module runner. What the transform receives is recorded on the way.
//
// Real apps are made of small modules (package trees such as lodash-es, rxjs and
// date-fns are hundreds of files of about 1 KB), so a corpus of them measures the fixed
// cost of a call, which a corpus of big bundles hides.
import { fileURLToPath } from 'node:url'
import { createServer } from 'vite'
import { demoServerOptions } from '../demo/app/server-options.mjs'

/** A plugin that keeps what the SSR transform receives: it runs just before it, in the `post` slot. */
export function recordSsrTransformInputs(inputs) {
  return {
    name: 'record-ssr-transform-inputs',
    enforce: 'post',
    transform: {
      order: 'post',
      handler(code, id) {
        if (this.environment.name !== 'ssr') return
        inputs.push({ code, url: this.environment.moduleGraph.getModuleById(id)?.url ?? id })
      },
    },
  }
}


export const APPS = [
  {
    name: 'demo',
    description: 'demo/app: Vue SSR with date-fns and zod',
    entry: '/src/entry-server.ts',
    serverOptions: demoServerOptions,
  },
  {
    name: 'dashboard',
    description: 'benchmark/apps/dashboard: lodash-es, rxjs and marked',
    entry: '/src/entry-server.ts',
    serverOptions: (plugins) => ({
      ...demoServerOptions(plugins),
      root: fileURLToPath(new URL('./apps/dashboard/', import.meta.url)),
      ssr: { noExternal: ['lodash-es', 'rxjs', 'marked'] },
      // rxjs lists its CommonJS build under `node`; its ES modules are under `es2015`.
      environments: { ssr: { resolve: { conditions: ['es2015', 'module', 'development|production'] } } },
    }),
  },
]

/** Renders `app`'s page once through Vite's module runner; returns the HTML of the app. */
export async function renderApp(vite, app, url = '/') {
  const { render } = await vite.environments.ssr.runner.import(app.entry)
  return render(url)
}

/**
 * The inputs (`{ code, url, bytes, app }`) of every SSR transform that rendering `app`'s
 * page makes, in the order Vite made them, with Vite's own transform doing the work.
 */
export async function recordAppModules(app) {
  const inputs = []
  const vite = await createServer(app.serverOptions([recordSsrTransformInputs(inputs)]))
  try {
    await renderApp(vite, app)
  } finally {
    await vite.close()
  }
  return inputs.map(({ code, url }) => ({ code, url, bytes: Buffer.byteLength(code), app: app.name }))
}
