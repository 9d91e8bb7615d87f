// `npm run demo`: a small Vue SSR app (demo/app) served by a real Vite dev server with the
// native-ssr-transform plugin. It fetches one page over HTTP, which renders through Vite's
// module runner, then prints how many modules the plugin transformed and how long the
// native and Vite's JS transform take on exactly those modules.
import { readFile } from 'node:fs/promises'
import { createServer as createHttpServer } from 'node:http'
import { ssrTransform } from 'native-ssr-transform'
import nativeSsrTransform from 'native-ssr-transform/vite'
import { createServer, moduleRunnerTransform, version as viteVersion } from 'vite'
import { recordSsrTransformInputs } from '../benchmark/app-modules.mjs'
import { demoServerOptions } from './app/server-options.mjs'

const BENCHMARK_ROUNDS = 5

async function startApp(plugins) {
  const vite = await createServer(demoServerOptions(plugins))
  const template = await readFile(new URL('./app/index.html', import.meta.url), 'utf8')
  const renderPage = async (url) => {
    const html = await vite.transformIndexHtml(url, template)
    const { render } = await vite.environments.ssr.runner.import('/src/entry-server.ts')
    return html.replace('<!--app-html-->', await render(url))
  }
  const http = createHttpServer((req, res) => {
    vite.middlewares(req, res, async () => {
      try {
        res.setHeader('Content-Type', 'text/html').end(await renderPage(req.url))
      } catch (error) {
        vite.ssrFixStacktrace(error)
        res.statusCode = 500
        res.end(error.stack)
      }
    })
  })
  await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${http.address().port}/`,
    async close() {
      await new Promise((resolve) => http.close(resolve))
      await vite.close()
    },
  }
}

/** The fastest of a few sequential passes over every input, in milliseconds. */
async function timeTransform(transform, inputs) {
  let best = Infinity
  for (let round = 0; round < BENCHMARK_ROUNDS; round++) {
    const start = performance.now()
    for (const { code, url } of inputs) await transform(code, null, url, code)
    best = Math.min(best, performance.now() - start)
  }
  return best
}

async function countIdenticalOutputs(inputs) {
  let identical = 0
  for (const { code, url } of inputs) {
    const [ours, vites] = await Promise.all([ssrTransform(code, null, url, code), moduleRunnerTransform(code, null, url, code)])
    if (ours.code === vites.code && JSON.stringify(ours.map) === JSON.stringify(vites.map)) identical++
  }
  return identical
}

const inputs = []
const plugin = nativeSsrTransform({ logLevel: 'silent' })
const app = await startApp([recordSsrTransformInputs(inputs), plugin])
let page
try {
  const response = await fetch(app.url)
  page = await response.text()
  if (!response.ok) throw new Error(`GET ${app.url} answered ${response.status}:\n${page}`)
} finally {
  await app.close()
}

console.log(`GET ${app.url} (Vite ${viteVersion} dev server, rendered through the module runner):\n`)
console.log(page.trim(), '\n')

const kilobytes = inputs.reduce((sum, { code }) => sum + Buffer.byteLength(code), 0) / 1024
const { stats } = plugin.api
console.log(`native-ssr-transform plugin: ${stats.modules} modules (${kilobytes.toFixed(0)} KB) transformed natively while serving the page`)
console.log(`  (Vite's built-in transform turned off; ${stats.transformMs.toFixed(1)} ms summed over modules transformed concurrently)\n`)
if (stats.modules !== inputs.length || stats.fallbacks) throw new Error(`expected every one of ${inputs.length} modules to go through the plugin: ${JSON.stringify(stats)}`)

// Warm both up, so that the timings compare steady states.
await timeTransform(ssrTransform, inputs.slice(0, 20))
await timeTransform(moduleRunnerTransform, inputs.slice(0, 20))
const nativeMs = await timeTransform(ssrTransform, inputs)
const viteMs = await timeTransform(moduleRunnerTransform, inputs)
const identical = await countIdenticalOutputs(inputs)
console.log(`The same ${inputs.length} modules, one after another (best of ${BENCHMARK_ROUNDS} passes):`)
console.log(`  native ssrTransform:          ${nativeMs.toFixed(1).padStart(7)} ms`)
console.log(`  Vite moduleRunnerTransform:   ${viteMs.toFixed(1).padStart(7)} ms   (${(viteMs / nativeMs).toFixed(1)}x the native time)`)
console.log(`  identical code and source map: ${identical} of ${inputs.length} modules`)
