// The workload that profile-guided optimization (scripts/pgo.mjs) trains the addon on: every
// export of the package, on modules that none of the benchmarks or parity corpora use, so
// that `npm run bench` measures the build on inputs it was not trained on.
//
//   NAPI_RS_NATIVE_LIBRARY_PATH=<instrumented .node> node scripts/pgo-train.mjs
//
// The modules are those of Vite's, Vitest's and Rollup's own builds, es-toolkit's hundreds
// of small ES modules (the size of an app's modules) and a few small libraries; the
// CommonJS interop runs on @babel/types's CommonJS build.
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const native = require('../index.js')
const nodeModules = fileURLToPath(new URL('../node_modules/', import.meta.url))

const ES_MODULE_FOLDERS = [
  'vite/dist/node',
  'vite/dist/client',
  'vitest/dist',
  '@vitest/runner/dist',
  '@vitest/expect/dist',
  '@vitest/snapshot/dist',
  '@vitest/utils/dist',
  'rollup/dist/es',
  'es-toolkit/dist',
  'magic-string/dist',
  'acorn/dist',
  'devalue/src',
  'esrap/src',
]
const COMMONJS_FOLDERS = ['@babel/types/lib']
// Sync rounds: enough that the counts of the hot paths dwarf those of a first call.
const ROUNDS = 3

/** Files under `folder` (relative to node_modules) whose names match `pattern`. */
function filesUnder(folder, pattern) {
  const root = path.join(nodeModules, folder)
  // A missing folder would train on less without a word: the lockfile pins these packages.
  if (!statSync(root, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`pgo-train: ${root} is missing; run npm install`)
  return readdirSync(root, { recursive: true })
    .filter((file) => pattern.test(file))
    .map((file) => ({ url: `/node_modules/${folder}/${file}`, code: readFileSync(path.join(root, file), 'utf8') }))
}

const modules = ES_MODULE_FOLDERS.flatMap((folder) => filesUnder(folder, /(?<!\.d)\.m?js$/))
const commonJs = COMMONJS_FOLDERS.flatMap((folder) => filesUnder(folder, /\.js$/))

let transformed = 0
let rejected = 0
const attempt = (work) => {
  try {
    work()
    transformed++
  } catch {
    // A few build files are scripts, not modules (a top-level `return`): the error path is
    // part of what the addon runs, too.
    rejected++
  }
}

for (let round = 0; round < ROUNDS; round++) {
  for (const { code, url } of modules) attempt(() => native.ssrTransformSync(code, null, url, code))
}
// A plugin before Vite's transform hands over its own map: composing through it.
for (const { code, url } of modules.slice(0, 200)) {
  attempt(() => {
    const { map } = native.ssrTransformSync(code, null, url, code)
    native.ssrTransformSync(code, map, url, code)
  })
}
// The threads, with the calls of a dev server's first page in flight together.
const settled = await Promise.allSettled(modules.map(({ code, url }) => native.ssrTransform(code, null, url, code)))
transformed += settled.filter((result) => result.status === 'fulfilled').length

for (const { code } of commonJs) native.detectCjsExports(code)
const imports = modules.flatMap(({ code }) => code.match(/^import [^;\n]+ from ['"][^'"]+['"];?$/gm) ?? [])
imports.forEach((line, i) => {
  const specifier = line.match(/['"]([^'"]+)['"]/)[1]
  attempt(() => native.transformCjsImport(line, `/@fs/deps/${specifier}.js?v=1`, specifier, i, '/src/main.js', false))
})
for (const { code, url } of modules.slice(0, 300)) {
  const specifiers = [...new Set((code.match(/from ['"]([^'"]+)['"]/g) ?? []).map((from) => from.slice(6, -1)))]
  const list = specifiers.map((specifier) => ({ specifier, url: `/@fs/deps/${specifier}.js?v=1` }))
  attempt(() => native.rewriteCjsImports(code, list, { importer: url }))
}

console.log(
  `pgo-train: ${modules.length} modules (${ROUNDS} sync rounds, composed maps, in flight), ${commonJs.length} CommonJS files, ` +
    `${imports.length} imports; ${transformed} calls succeeded, ${rejected} rejected their input`,
)
