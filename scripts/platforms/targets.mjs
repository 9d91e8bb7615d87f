// The platform packages under npm/ and who builds them (scripts/build-platforms.mjs):
// Rust target → its napi-rs package folder.

/** Built on this machine's kind (Linux x64), and run or checked by scripts/test-platforms.mjs. */
export const PLATFORM_TARGETS = {
  'x86_64-unknown-linux-gnu': 'linux-x64-gnu',
  'x86_64-unknown-linux-musl': 'linux-x64-musl',
  'aarch64-unknown-linux-gnu': 'linux-arm64-gnu',
  'aarch64-unknown-linux-musl': 'linux-arm64-musl',
  'wasm32-wasip1-threads': 'wasm32-wasi',
}

/** Built only on their own OS, by .github/workflows/release.yml. */
export const RELEASE_ONLY_TARGETS = {
  'x86_64-apple-darwin': 'darwin-x64',
  'aarch64-apple-darwin': 'darwin-arm64',
  'x86_64-pc-windows-msvc': 'win32-x64-msvc',
}

export const ALL_TARGETS = { ...PLATFORM_TARGETS, ...RELEASE_ONLY_TARGETS }
export const WASI_TARGET = 'wasm32-wasip1-threads'
export const BINARY_NAME = 'native-ssr-transform'

/** The file a target's package loads: the addon, or for WASI the loader napi-rs generates. */
export function bindingFileName(target) {
  return target === WASI_TARGET ? `${BINARY_NAME}.wasi.cjs` : `${BINARY_NAME}.${ALL_TARGETS[target]}.node`
}
