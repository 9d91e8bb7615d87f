#!/usr/bin/env node
// Profile-guided optimization of the addon for the machine's own target: an instrumented
// build, a training run of it (scripts/pgo-train.mjs), then the build that uses the profile.
// The shipped Linux x64 (glibc) addon is built this way (scripts/build-platforms.mjs); the
// training cannot run for a target the machine cannot load, so the others are built plainly.
//
//   npm run build:pgo     the repo root's addon, as `npm run build` makes it, but with PGO
//
// It needs rustup's llvm-tools component (llvm-profdata), which it adds when missing.
// Each build keeps its own target folder (target/pgo-*), so neither invalidates the other
// nor the plain build's.
import { execFileSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { bindingFileName } from './platforms/targets.mjs'

const repoRoot = fileURLToPath(new URL('../', import.meta.url))
// The Node binding is the workspace root's library; this is the file it makes on Linux.
export const LINUX_CDYLIB_FILE = 'libnative_ssr_transform_binding.so'
export const NAPI_CLI = join(repoRoot, 'node_modules', '@napi-rs', 'cli', 'dist', 'cli.js')

function run(command, args, env = {}) {
  console.log(`$ ${command} ${args.join(' ')}`)
  execFileSync(command, args, { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, ...env } })
}

const output = (command, args) => execFileSync(command, args, { cwd: repoRoot, encoding: 'utf8' }).trim()

/** The Rust target of this machine. */
export function hostTarget() {
  return output('rustc', ['-vV']).match(/^host: (.+)$/m)[1]
}

/** The `llvm-profdata` that matches rustc's LLVM, from rustup's llvm-tools (added if missing). */
function llvmProfdata(host) {
  const tool = join(output('rustc', ['--print', 'sysroot']), 'lib', 'rustlib', host, 'bin', 'llvm-profdata')
  if (!existsSync(tool)) run('rustup', ['component', 'add', 'llvm-tools'])
  return tool
}

/** Rust flags for `target` alone (not for build scripts), as cargo reads them from the environment. */
const targetRustflags = (target, flags) => ({ [`CARGO_TARGET_${target.toUpperCase().replaceAll('-', '_')}_RUSTFLAGS`]: flags })

/**
 * Trains an instrumented build of the addon for the host target and returns the environment
 * that makes a cargo build for that target use the profile. Linux (glibc) only, for now:
 * the release workflow's macOS and Windows runners have not run it.
 */
export function trainedProfileEnv(env = {}) {
  const host = hostTarget()
  if (!host.endsWith('-linux-gnu')) throw new Error(`PGO builds run on Linux (glibc) hosts; this is ${host}`)
  const profdata = llvmProfdata(host)
  const generateDir = join(repoRoot, 'target', 'pgo-generate')
  const rawDir = join(generateDir, 'profiles')
  rmSync(rawDir, { recursive: true, force: true })
  // Through napi, which also writes the JS loader: a release job installs with
  // --ignore-scripts, and the training loads the package through it.
  const napiOut = join(generateDir, 'napi')
  run(process.execPath, [NAPI_CLI, 'build', '--platform', '--release', '--target', host, '-o', napiOut, '--js', 'binding.js', '--dts', 'binding.d.ts'], {
    ...env,
    CARGO_TARGET_DIR: generateDir,
    ...targetRustflags(host, `-Cprofile-generate=${rawDir}`),
  })
  for (const file of ['binding.js', 'binding.d.ts']) {
    if (!existsSync(join(repoRoot, file))) copyFileSync(join(napiOut, file), join(repoRoot, file))
  }
  const instrumented = join(napiOut, bindingFileName(host))
  run(process.execPath, [join(repoRoot, 'scripts', 'pgo-train.mjs')], { NAPI_RS_NATIVE_LIBRARY_PATH: instrumented })
  if (!readdirSync(rawDir).some((file) => file.endsWith('.profraw'))) throw new Error(`the training wrote no profile into ${rawDir}`)
  const merged = join(generateDir, 'merged.profdata')
  run(profdata, ['merge', '-o', merged, rawDir])
  return targetRustflags(host, `-Cprofile-use=${merged}`)
}

/** `npm run build:pgo`: the repo root's addon for this machine, built with PGO. */
function buildRootAddon() {
  const host = hostTarget()
  const useEnv = trainedProfileEnv()
  const useDir = join(repoRoot, 'target', 'pgo-use')
  mkdirSync(useDir, { recursive: true })
  run('cargo', ['build', '--release', '--lib', '-p', 'native_ssr_transform_binding', '--target', host], { ...useEnv, CARGO_TARGET_DIR: useDir })
  const addon = bindingFileName(host)
  copyFileSync(join(useDir, host, 'release', LINUX_CDYLIB_FILE), join(repoRoot, addon))
  console.log(`built ${addon} with PGO`)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) buildRootAddon()
