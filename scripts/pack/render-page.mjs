// Runs inside the temporary project of `npm run test:pack`, against the installed tarballs:
// renders the demo app's page through a Vite dev server with the plugin, and once without
// it (the control). Exits non-zero unless both pages are the same and every SSR module went
// through the native transform.
import { readFile } from 'node:fs/promises'
import nativeSsrTransform from 'native-ssr-transform/vite'
import { createServer, version as viteVersion } from 'vite'
import { demoServerOptions } from './app/server-options.mjs'

const appRoot = new URL('./app/', import.meta.url)

async function renderPage(plugins) {
  const server = await createServer(demoServerOptions(plugins))
  try {
    const template = await readFile(new URL('index.html', appRoot), 'utf8')
    const html = await server.transformIndexHtml('/', template)
    const { render } = await server.environments.ssr.runner.import('/src/entry-server.ts')
    return html.replace('<!--app-html-->', await render('/'))
  } finally {
    await server.close()
  }
}

const plugin = nativeSsrTransform({ logLevel: 'silent' })
const withPlugin = await renderPage([plugin])
const control = await renderPage([])
const { stats } = plugin.api
console.log(`Vite ${viteVersion}: ${stats.modules} SSR modules transformed natively, ${stats.fallbacks} fallbacks, page ${withPlugin.length} characters`)
if (stats.modules === 0 || stats.fallbacks !== 0) throw new Error(`the plugin did not transform every module: ${JSON.stringify(stats)}`)
if (!withPlugin.includes('<table')) throw new Error(`the page has no table:\n${withPlugin}`)
if (withPlugin !== control) throw new Error(`the page differs from Vite's own rendering:\n${withPlugin}\n---\n${control}`)
console.log('page identical to the one rendered with Vite\'s own transform')
