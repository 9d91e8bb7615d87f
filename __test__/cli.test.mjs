// The command line: `native-ssr-transform <file> [--url U] [--export-style S] [--map] [--compare-vite]`.
import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, test } from 'vitest'
import { ssrTransform } from '../index.mjs'

const CLI = fileURLToPath(new URL('../bin/native-ssr-transform.js', import.meta.url))
const fixtures = fileURLToPath(new URL('./hosts/fixtures/', import.meta.url))
const CYCLE_MODULE = 'cycle/a.js'
const TS_MODULE = 'vitest-project/thrower.ts'

async function cli(...args) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, ...args], { cwd: fixtures })
    return { exitCode: 0, stdout, stderr }
  } catch (error) {
    if (typeof error.code !== 'number') throw error
    return { exitCode: error.code, stdout: error.stdout, stderr: error.stderr }
  }
}

describe('native-ssr-transform <file>', () => {
  test('prints the code, with the url taken from the path relative to the cwd', async () => {
    const code = await readFile(`${fixtures}${CYCLE_MODULE}`, 'utf8')
    const { exitCode, stdout } = await cli(CYCLE_MODULE)
    expect(exitCode).toBe(0)
    expect(stdout).toBe((await ssrTransform(code, null, `/${CYCLE_MODULE}`, code)).code)
  })

  test('--export-style defineProperty and --url', async () => {
    const { stdout } = await cli(CYCLE_MODULE, '--export-style', 'defineProperty', '--url', '/src/a.js')
    expect(stdout).toMatch(/^Object\.defineProperty\(__vite_ssr_exports__, "a", /)
  })

  test('--map prints the map; a TS file is stripped first and its map combined', async () => {
    const { exitCode, stdout } = await cli(TS_MODULE, '--map')
    expect(exitCode).toBe(0)
    const map = JSON.parse(stdout)
    expect(map.sources).toEqual([`${fixtures}${TS_MODULE}`])
    expect(map.sourcesContent[0]).toContain('interface Options')
  })

  test.each([CYCLE_MODULE, TS_MODULE])('--compare-vite finds %s identical to Vite', async (file) => {
    const { exitCode, stdout } = await cli(file, '--compare-vite')
    expect(stdout).toMatch(/^identical to Vite 8\.\d+\.\d+'s moduleRunnerTransform: code, map, deps and dynamicDeps$/m)
    expect(exitCode).toBe(0)
  })

  test('--compare-vite shows the first difference and exits with 1', async () => {
    const { exitCode, stdout } = await cli(CYCLE_MODULE, '--compare-vite', '--export-style', 'defineProperty')
    expect(exitCode).toBe(1)
    expect(stdout).toContain('code: first difference at line 1:\n- __vite_ssr_exportName__("a"')
  })

  test('a parse error is printed with its location, exit code 2', async () => {
    const { exitCode, stderr } = await cli('fallback/legacy-comment.js')
    expect(exitCode).toBe(2)
    expect(stderr).toMatch(/^Parse failure: [^]*At file: \/fallback\/legacy-comment\.js:1:24$/m)
  })

  test('bad arguments print the usage, exit code 2', async () => {
    const { exitCode, stderr } = await cli(CYCLE_MODULE, '--export-style', 'inline')
    expect(exitCode).toBe(2)
    expect(stderr).toContain('Usage: native-ssr-transform <file>')
  })
})
