#!/usr/bin/env node
// Builds the addon into its napi-rs platform packages under npm/. Every build command of the
// platform packages is in this file (.github/workflows/release.yml calls it too).
//
//   node scripts/build-platforms.mjs [--profile release|quick] [target ...]
//
// With no target, it builds what this machine's kind can: Linux x64 and arm64 (glibc and
// musl) through zig, and the WebAssembly fallback (wasm32-wasip1-threads). macOS and Windows
// targets build on their own OS with their own toolchain.
// `release` (the default) is the shipped build: fat LTO, one codegen unit, and for the
// machine's own target (Linux x64 glibc here) profile-guided optimization (scripts/pgo.mjs).
// `quick` keeps opt-level 3 but drops LTO, PGO and one codegen unit, for CI's runs of the
// cross builds.
import { execFileSync } from 'node:child_process'
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { LINUX_CDYLIB_FILE, NAPI_CLI, hostTarget, trainedProfileEnv } from './pgo.mjs'
import { ALL_TARGETS, PLATFORM_TARGETS, RELEASE_ONLY_TARGETS, WASI_TARGET } from './platforms/targets.mjs'

const repoRoot = fileURLToPath(new URL('../', import.meta.url))
// Node's own Linux builds need glibc 2.28, so linking against it costs no user anything.
const GLIBC_FLOOR = '2.28'
const ZIGLANG_VERSION = '0.17.1'
const CARGO_ZIGBUILD_VERSION = '0.24.1'

const PROFILES = {
  release: { env: {}, pgo: true },
  quick: { env: { CARGO_PROFILE_RELEASE_LTO: 'false', CARGO_PROFILE_RELEASE_CODEGEN_UNITS: '16' }, pgo: false },
}

function run(command, args, env = {}) {
  console.log(`$ ${command} ${args.join(' ')}`)
  execFileSync(command, args, { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, ...env } })
}

function output(command, args, env = {}) {
  return execFileSync(command, args, { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, ...env } })
}

function onPath(command) {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/** The folder holding a `zig` executable: none when on the PATH, else PyPI's `ziglang`, installed if missing. */
function zigDirectory() {
  if (onPath('zig')) return null
  const pythonZig = () => output('python3', ['-c', 'import ziglang, os; print(os.path.dirname(ziglang.__file__))']).trim()
  try {
    return pythonZig()
  } catch {
    run('python3', ['-m', 'pip', 'install', '--quiet', `ziglang==${ZIGLANG_VERSION}`])
    return pythonZig()
  }
}

/** Rust targets, and for the Linux and WASI ones zig and cargo-zigbuild; returns the build's environment. */
function ensureToolchain(targets) {
  const installed = output('rustup', ['target', 'list', '--installed']).split('\n')
  const missing = targets.filter((target) => !installed.includes(target))
  if (missing.length > 0) run('rustup', ['target', 'add', ...missing])
  if (!targets.some((target) => PLATFORM_TARGETS[target])) return {}
  if (!onPath('cargo-zigbuild')) run('python3', ['-m', 'pip', 'install', '--quiet', `cargo-zigbuild==${CARGO_ZIGBUILD_VERSION}`])
  const zigDir = zigDirectory()
  return zigDir ? { PATH: `${zigDir}:${process.env.PATH}` } : {}
}

function packageDirectory(target) {
  return join(repoRoot, 'npm', ALL_TARGETS[target])
}

function packageFiles(target) {
  return JSON.parse(readFileSync(join(packageDirectory(target), 'package.json'), 'utf8')).files
}

function buildLinux(target, env) {
  const zigTarget = target.endsWith('-gnu') ? `${target}.${GLIBC_FLOOR}` : target
  // Rust links musl statically by default, and then makes no shared library at all; the
  // addon links the musl libc of the Node that loads it.
  const muslEnv = target.endsWith('-musl') ? { [`CARGO_TARGET_${target.toUpperCase().replaceAll('-', '_')}_RUSTFLAGS`]: '-C target-feature=-crt-static' } : {}
  run('cargo', ['zigbuild', '--release', '--lib', '--target', zigTarget], { ...env, ...muslEnv })
  copyFileSync(join(repoRoot, 'target', target, 'release', LINUX_CDYLIB_FILE), join(packageDirectory(target), packageFiles(target)[0]))
}

/** `napi build` for one target into a folder of its own; the package takes the files it lists. */
function buildWithNapi(target, env) {
  const outDir = join(repoRoot, 'target', `napi-${target}`)
  rmSync(outDir, { recursive: true, force: true })
  // napi also writes a JS loader and type definitions, which the package does not use:
  // they go to outDir, so that the repo's binding.js and binding.d.ts stay as they are.
  run(process.execPath, [NAPI_CLI, 'build', '--platform', '--release', '--target', target, '-o', outDir, '--js', 'binding.js', '--dts', 'binding.d.ts'], env)
  for (const file of packageFiles(target)) copyFileSync(join(outDir, file), join(packageDirectory(target), file))
}

/**
 * merve (the CommonJS lexer) is C++ and compiles with `$WASI_SDK/bin/clang++`, linking the
 * SDK's libc++ for wasm32-wasip1-threads. No WASI SDK comes from the registries, so this
 * lays one out of zig: a clang++ that is `zig c++` for wasm32-wasi with atomics (shared
 * memory needs them in every object), and the libc++ archives zig builds for that target.
 */
function zigWasiSdk(env) {
  const sdk = join(repoRoot, 'target', 'zig-wasi-sdk')
  // merve picks the threads folder only when cargo lists `atomics` among the target's
  // features, which it does not for this target (Rust 1.95): the same archives go in both.
  const libDirs = [WASI_TARGET, 'wasm32-wasip1'].map((folder) => join(sdk, 'share', 'wasi-sysroot', 'lib', folder))
  const archives = ['libc++.a', 'libc++abi.a']
  if (libDirs.every((libDir) => archives.every((archive) => existsSync(join(libDir, archive))))) return sdk
  mkdirSync(join(sdk, 'bin'), { recursive: true })
  for (const libDir of libDirs) mkdirSync(libDir, { recursive: true })
  const zigCxx = 'zig c++ -target wasm32-wasi -mcpu=generic+atomics+bulk_memory -pthread'
  // cc passes clang's --target and --sysroot for the Rust triple; zig takes its own.
  const clang = `#!/bin/sh\nfor arg; do shift; case "$arg" in --target=*|--sysroot=*) ;; *) set -- "$@" "$arg";; esac; done\nexec ${zigCxx} "$@"\n`
  for (const [name, text] of [['clang++', clang], ['clang', clang], ['ar', '#!/bin/sh\nexec zig ar "$@"\n']]) {
    writeFileSync(join(sdk, 'bin', name), text)
    chmodSync(join(sdk, 'bin', name), 0o755)
  }
  const probe = join(sdk, 'probe.cpp')
  writeFileSync(probe, '#include <string>\nint main() { return std::to_string(1).size(); }\n')
  const verbose = execFileSync('sh', ['-c', `${zigCxx} -O2 ${probe} -o ${join(sdk, 'probe.wasm')} -v 2>&1`], { encoding: 'utf8', env: { ...process.env, ...env } })
  for (const archive of archives) {
    const found = verbose.split(/\s+/).find((word) => word.endsWith(`/${archive}`))
    if (!found) throw new Error(`zig built no ${archive} for wasm32-wasi:\n${verbose.slice(-2000)}`)
    for (const libDir of libDirs) copyFileSync(found, join(libDir, archive))
  }
  return sdk
}

function buildWasi(env) {
  const sdk = zigWasiSdk(env)
  buildWithNapi(WASI_TARGET, { ...env, WASI_SDK: sdk, [`AR_${WASI_TARGET.replaceAll('-', '_')}`]: join(sdk, 'bin', 'ar') })
}

function build(target, env) {
  if (target === WASI_TARGET) buildWasi(env)
  else if (RELEASE_ONLY_TARGETS[target]) buildWithNapi(target, env)
  else buildLinux(target, env)
}

function main() {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { profile: { type: 'string', default: 'release' } } })
  const profile = PROFILES[values.profile]
  if (!profile) throw new Error(`--profile must be one of ${Object.keys(PROFILES).join(', ')}`)
  const targets = positionals.length > 0 ? positionals : Object.keys(PLATFORM_TARGETS)
  for (const target of targets) if (!ALL_TARGETS[target]) throw new Error(`unknown target ${target}; known: ${Object.keys(ALL_TARGETS).join(', ')}`)
  const env = { ...ensureToolchain(targets), ...profile.env }
  const host = hostTarget()
  for (const target of targets) {
    const started = Date.now()
    // The training loads the addon, so only the machine's own Linux target gets PGO.
    const pgo = profile.pgo && target === host && host.endsWith('-linux-gnu')
    build(target, pgo ? { ...env, ...trainedProfileEnv(env) } : env)
    const seconds = ((Date.now() - started) / 1000).toFixed(0)
    const binaries = packageFiles(target).filter((file) => /\.(node|wasm)$/.test(file))
    const sizes = binaries.map((file) => `${file} ${(statSync(join(packageDirectory(target), file)).size / 1e6).toFixed(2)} MB`)
    console.log(`built ${target} in ${seconds} s (profile ${values.profile}${pgo ? ', PGO' : ''}): ${sizes.join(', ')}`)
  }
}

main()
