// Starts a framework's real dev server (its own CLI, on Node 22, on a loopback port) in a
// process group of its own, and stops the whole group: some CLIs fork (Nuxt).
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import { REPORT_PATH } from '../shared/test-plugins.mjs'
import { node22 } from './install.mjs'

const START_TIMEOUT_MS = 180_000
const REQUEST_TIMEOUT_MS = 120_000
const STOP_GRACE_MS = 10_000
const POLL_MS = 50
const registerParseCounter = fileURLToPath(new URL('../shared/register-parse-counter.mjs', import.meta.url))

const running = new Set()
// A test runner that exits early must not leave dev servers behind.
process.once('exit', () => {
  for (const child of running) killGroup(child, 'SIGKILL')
})

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal)
  } catch {
    // Already gone.
  }
}

async function freeLoopbackPort() {
  const server = createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address()
  server.close()
  await once(server, 'close')
  return port
}

// Vitest marks the processes it runs (VITEST*, TEST, NODE_ENV=test) and copies its
// `import.meta.env` into process.env. A framework that sees the marks takes itself to be under
// Vitest (Astro then serves no page), and Vite reads the copies into the app's
// `import.meta.env`.
const SET_BY_VITEST = new Set(['TEST', 'NODE_ENV', 'MODE', 'DEV', 'PROD', 'SSR', 'BASE_URL'])

function environmentOutsideVitest() {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST') && !SET_BY_VITEST.has(name)))
}

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * `app`: one of apps.mjs. `withPlugin` sets NATIVE_SSR_TRANSFORM, which the app's config
 * reads (shared/test-plugins.mjs). `wrapper`: a command to run the server under (the
 * benchmark's `/usr/bin/time -v`).
 */
export async function startDevServer(app, { withPlugin, wrapper = [] }) {
  const port = await freeLoopbackPort()
  const [command, ...args] = [...wrapper, await node22(), app.cli, ...app.args(port)]
  const child = spawn(command, args, {
    cwd: app.dir,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...environmentOutsideVitest(),
      NATIVE_SSR_TRANSFORM: withPlugin ? 'on' : 'off',
      NODE_OPTIONS: `--import=${registerParseCounter}`,
      ASTRO_TELEMETRY_DISABLED: '1',
      NUXT_TELEMETRY_DISABLED: '1',
      NO_COLOR: '1',
      FORCE_COLOR: '0',
    },
  })
  running.add(child)
  let output = ''
  child.stdout.on('data', (chunk) => (output += chunk))
  child.stderr.on('data', (chunk) => (output += chunk))
  let exited = false
  // 'close': the process has exited and its output has been read to the end.
  const exit = once(child, 'close').then(() => {
    exited = true
    running.delete(child)
  })

  const origin = `http://127.0.0.1:${port}`
  const server = {
    origin,
    output: () => output,
    async fetch(path, init) {
      const response = await fetch(origin + path, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) })
      return { status: response.status, text: await response.text() }
    },
    async json(path) {
      const { status, text } = await server.fetch(path, { headers: { accept: 'application/json' } })
      if (status !== 200) throw new Error(`GET ${path}: ${status}\n${text.slice(0, 2000)}\n${output}`)
      return JSON.parse(text)
    },
    report: () => server.json(REPORT_PATH),
    storedMap: (file) => server.json(`${REPORT_PATH}?mapOf=${encodeURIComponent(file)}`),
    async stop() {
      if (exited) return
      // Ctrl-C, the way a dev server is usually stopped (and one that `time` ignores, so
      // that it reports the server it waits for).
      killGroup(child, 'SIGINT')
      await Promise.race([exit, delay(STOP_GRACE_MS)])
      killGroup(child, 'SIGKILL')
      await exit
    },
  }

  const deadline = Date.now() + START_TIMEOUT_MS
  for (;;) {
    if (exited) throw new Error(`${app.name} dev server exited before it served requests:\n${output}`)
    if (Date.now() > deadline) {
      await server.stop()
      throw new Error(`${app.name} dev server did not answer within ${START_TIMEOUT_MS / 1000} s:\n${output}`)
    }
    // Some frameworks answer 404 for a moment after Vite listens (Astro, until its routes
    // are in): the server is ready when the page is found.
    const ready = await fetch(origin + app.page, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }).then(
      (response) => response.status !== 404,
      () => false,
    )
    if (ready) return server
    await delay(POLL_MS)
  }
}
