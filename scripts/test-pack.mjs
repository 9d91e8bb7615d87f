#!/usr/bin/env node
// `npm run test:pack`: the install as a user does it. Packs the main package and the platform
// packages that hold a binary, installs the tarballs into a new project outside the repo with
// cargo and rustc off the PATH, then, from that project:
// - renders the demo app's page through a Vite dev server with the plugin (pack/render-page.mjs);
// - runs `npx native-ssr-transform <file> --compare-vite`;
// - does both again through the WebAssembly package (NAPI_RS_FORCE_WASI=error), when built:
//   the loader then takes WASI or fails, with no native fallback.
// The host binary is the one `npm run build` made at the repo root, or else its npm/ package's.
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { BINARY_NAME } from './platforms/targets.mjs'

const repoRoot = fileURLToPath(new URL('../', import.meta.url))
const rootPackage = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'))
const WASI_PACKAGE_DIR = join(repoRoot, 'npm', 'wasm32-wasi')
// The demo app's dependencies, at the versions the repo tests with.
const APP_DEPENDENCIES = ['vite', 'vue', 'date-fns', 'zod']
const COMPARED_FILE = 'app/src/components/MeetupTable.ts'

function hostPlatformDirectory() {
  if (process.platform !== 'linux' || process.arch !== 'x64') throw new Error(`test:pack knows linux-x64 only, not ${process.platform}-${process.arch}`)
  const musl = !process.report.getReport().header.glibcVersionRuntime
  return `linux-x64-${musl ? 'musl' : 'gnu'}`
}

/** PATH without the folders that hold cargo or rustc: the user has no Rust. */
function pathWithoutRust() {
  return process.env.PATH.split(delimiter)
    .filter((dir) => !existsSync(join(dir, 'cargo')) && !existsSync(join(dir, 'rustc')))
    .join(delimiter)
}

function run(command, args, options) {
  console.log(`$ ${command} ${args.join(' ')}`)
  return execFileSync(command, args, { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', ...options })
}

function megabytes(bytes) {
  return `${(bytes / 1e6).toFixed(2)} MB`
}

/** Copies a platform package folder with its binary into `stage`, for packing. */
function stagePlatformPackage(stage, platformDir) {
  const source = join(repoRoot, 'npm', platformDir)
  const target = join(stage, platformDir)
  cpSync(source, target, { recursive: true })
  const binary = `${BINARY_NAME}.${platformDir}.node`
  const rootBuild = join(repoRoot, binary)
  if (existsSync(rootBuild)) cpSync(rootBuild, join(target, binary))
  if (!existsSync(join(target, binary))) throw new Error(`no ${binary}: run \`npm run build\` (or \`npm run build:platforms\`) first`)
  return target
}

const work = mkdtempSync(join(tmpdir(), 'native-ssr-transform-pack-'))
try {
  const tarballs = join(work, 'tarballs')
  mkdirSync(tarballs)
  const packageFolders = [repoRoot, stagePlatformPackage(join(work, 'stage'), hostPlatformDirectory())]
  const wasiBuilt = existsSync(join(WASI_PACKAGE_DIR, `${BINARY_NAME}.wasm32-wasi.wasm`))
  if (wasiBuilt) packageFolders.push(WASI_PACKAGE_DIR)
  // --ignore-scripts: packing must not rebuild the addon (the main package's `prepare`).
  const packed = packageFolders.map((folder) => JSON.parse(run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tarballs], { cwd: folder }))[0])
  for (const { filename, size, unpackedSize } of packed) console.log(`${filename}: ${megabytes(size)} packed, ${megabytes(unpackedSize)} unpacked`)

  const project = join(work, 'project')
  cpSync(join(repoRoot, 'demo', 'app'), join(project, 'app'), { recursive: true })
  cpSync(join(repoRoot, 'scripts', 'pack', 'render-page.mjs'), join(project, 'render-page.mjs'))
  writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'pack-test', private: true, type: 'module' }, null, 2)}\n`)
  const env = { ...process.env, PATH: pathWithoutRust() }
  for (const tool of ['cargo', 'rustc']) {
    if (execFileSync('sh', ['-c', `command -v ${tool} || true`], { env, encoding: 'utf8' }).trim()) throw new Error(`${tool} is still on the PATH`)
  }
  const inProject = { cwd: project, env }
  const npmInstall = ['install', '--no-audit', '--no-fund', '--loglevel=error']
  run('npm', [...npmInstall, ...APP_DEPENDENCIES.map((name) => `${name}@${rootPackage.devDependencies[name]}`)], inProject)
  const [nativeTarballs, wasiTarballs] = [packed.slice(0, 2), packed.slice(2)].map((list) => list.map(({ filename }) => join(tarballs, filename)))
  const started = performance.now()
  run('npm', [...npmInstall, ...nativeTarballs], inProject)
  console.log(`installed the main and the linux-x64 tarball in ${((performance.now() - started) / 1000).toFixed(1)} s (cargo and rustc off the PATH)`)
  // NAPI_RS_FORCE_WASI is read by every napi-rs loader, Vite 8's rolldown too: the
  // WebAssembly run is a whole stack on WASI, as on a platform with no native binaries.
  // Both packages say cpu: wasm32, which npm refuses on x64 without --force (--cpu=wasm32
  // does not help for a package named on the command line).
  if (wasiBuilt) {
    const { version: rolldownVersion } = JSON.parse(readFileSync(join(project, 'node_modules', 'rolldown', 'package.json'), 'utf8'))
    run('npm', [...npmInstall, '--force', ...wasiTarballs, `@rolldown/binding-wasm32-wasi@${rolldownVersion}`], inProject)
  }

  const bindings = [['native', env]]
  if (wasiBuilt) bindings.push(['WebAssembly', { ...env, NAPI_RS_FORCE_WASI: 'error', NODE_OPTIONS: '--disable-warning=ExperimentalWarning' }])
  else console.log(`no WebAssembly build in ${WASI_PACKAGE_DIR}: its checks are skipped (npm run build:platforms -- wasm32-wasip1-threads)`)
  for (const [name, bindingEnv] of bindings) {
    console.log(`--- through the ${name} binding`)
    const options = { cwd: project, env: bindingEnv }
    process.stdout.write(run('node', ['render-page.mjs'], options))
    process.stdout.write(run('npx', ['native-ssr-transform', COMPARED_FILE, '--compare-vite'], options))
  }
  const installed = join(project, 'node_modules')
  for (const folder of readdirSync(installed).filter((name) => name.startsWith(`${BINARY_NAME}-`))) {
    for (const file of readdirSync(join(installed, folder)).filter((name) => /\.(node|wasm)$/.test(name))) {
      console.log(`${folder}/${file}: ${megabytes(statSync(join(installed, folder, file)).size)}`)
    }
  }
  console.log('test:pack passed')
} finally {
  rmSync(work, { recursive: true, force: true })
}
