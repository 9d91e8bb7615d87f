// Runs host-driver.mjs in a child process and resolves to its outcome.
import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const DRIVER = fileURLToPath(new URL('./host-driver.mjs', import.meta.url))
const HOST_TIMEOUT_MS = 60_000

/**
 * `mode`: 'plugin' (with nativeSsrTransform()) or 'control' (without). `execPath`: another
 * Node to run the driver on; `runOptions`: see host-driver.mjs.
 */
export function runHost(host, mode, { execPath, runOptions = {} } = {}) {
  return new Promise((resolve, reject) => {
    const child = fork(DRIVER, [host, mode, JSON.stringify(runOptions)], { execPath, stdio: ['ignore', 'pipe', 'pipe', 'ipc'], timeout: HOST_TIMEOUT_MS })
    let output = ''
    let message
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('message', (received) => (message = received))
    child.on('error', reject)
    child.on('close', (exitCode, signal) => {
      if (message?.ok) return resolve(message.outcome)
      const cause = message ? message.error.stack ?? message.error.message : `exited (${signal ?? exitCode}) without an outcome`
      reject(new Error(`${host} (${mode}): ${cause}\n${output}`))
    })
  })
}
