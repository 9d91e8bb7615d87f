// Node-semantics tests of CommonJS export-name detection (`cjsExportNames`, on merve) and of
// `expandCjsExportStar`. The reference is always native Node itself, run in a child process
// (`node --input-type=module -e …`): vitest rewrites in-process `import()`, so its
// namespaces are not Node's.
//
// 1. Real npm packages (exact-pinned devDependencies): the names `cjsExportNames` finds for
//    the file `require.resolve(pkg)` gives, plus `default`, must equal the keys of the
//    namespace Node's `import()` of that file exposes. Node takes those names from its
//    bundled cjs-module-lexer, following `module.exports = require(…)` re-exports
//    (`cjsPreparseModuleExports`), so this checks merve against that lexer.
// 2. `export * from './dep.cjs'` expanded into an explicit list must give the same namespace
//    as the original when both run natively.
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { loadOurPackage } from '../helpers/ours.mjs'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const { devDependencies } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'))

// For each request `{ pkg, importFile, probe }`, what native Node does: `required`, the file
// `require.resolve(pkg)` gives; `url`, what `import(pkg)` resolves to (with `importFile`, the
// required file itself, by URL); the sorted keys of the namespace `import(url)` gives; and
// `typeof ns[name]` for each `probe` name. Resolution happens in the child because vitest's
// workers run with `--conditions development`, which changes what some packages resolve to.
const NATIVE_NAMESPACES = `
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
const require = createRequire(process.cwd() + '/package.json')
const out = {}
for (const { pkg, importFile = false, probe = [] } of JSON.parse(process.argv[1])) {
  try {
    const required = require.resolve(pkg)
    const url = importFile ? pathToFileURL(required).href : import.meta.resolve(pkg)
    const ns = await import(url)
    const types = Object.fromEntries(probe.map((name) => [name, typeof ns[name]]))
    out[pkg] = { required, url, keys: Object.keys(ns).sort(), types }
  } catch (error) {
    out[pkg] = { error: String(error?.stack ?? error) }
  }
}
process.stdout.write(JSON.stringify(out))
`

/** Runs NATIVE_NAMESPACES in a plain Node child; `env` is added to an environment without NODE_ENV. */
async function nativeNamespaces(requests, { cwd = ROOT, env = {} } = {}) {
  const { NODE_ENV, NODE_OPTIONS, ...inherited } = process.env
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--input-type=module', '-e', NATIVE_NAMESPACES, JSON.stringify(requests)],
    { cwd, env: { ...inherited, ...env }, maxBuffer: 64 * 1024 * 1024 },
  )
  return JSON.parse(stdout)
}

function nativeResult(results, pkg) {
  const result = results[pkg]
  if (result?.error) throw new Error(`native Node failed to import ${pkg}:\n${result.error}`)
  return result
}

const installed = (pkg) => JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')).version

const sorted = (names) => [...names].sort()

// What each package exercises. `importFile`: the package's `exports` map sends `import` to
// an ES-module wrapper (tslib → modules/index.js, commander → esm.mjs), so Node is asked to
// import the CommonJS file itself, by URL, which is what `export * from` an optimized CJS
// dependency amounts to. `none`: `module.exports = <function or IIFE result>`, where Node
// finds no names; these check for false positives.
const PACKAGES = [
  { pkg: 'react', reexportsOnly: true, why: "index.js: module.exports = require('./cjs/react.development.js') in the else branch" },
  { pkg: 'react-dom', reexportsOnly: true, why: 'index.js re-exports ./cjs/react-dom.development.js through require' },
  { pkg: 'react-is', reexportsOnly: true, why: 'index.js re-exports ./cjs/react-is.development.js through require' },
  { pkg: 'scheduler', reexportsOnly: true, why: 'index.js re-exports ./cjs/scheduler.development.js through require' },
  { pkg: '@vue/shared', reexportsOnly: true, why: 'index.js re-exports ./dist/shared.cjs.js (Rollup CJS output) through require' },
  { pkg: 'debug', reexportsOnly: true, why: "src/index.js re-exports ./node.js; node.js has module.exports = require('./common')(exports) and exports.x = …" },
  { pkg: 'rxjs', why: 'tsc output: Object.defineProperty getters and __exportStar(require(…), exports)' },
  { pkg: '@babel/types', why: 'Babel output: defineProperty getters and Object.keys(_x).forEach re-exports of 8 modules' },
  { pkg: 'typescript', why: 'esbuild bundle: 0 && (module.exports = { … }) annotation, ~2,250 names' },
  { pkg: 'semver', why: 'module.exports = { shorthand, key: value, … } object literal' },
  { pkg: 'qs', why: 'module.exports = { formats, parse, stringify }' },
  { pkg: 'tslib', importFile: true, why: 'UMD factory plus 0 && (module.exports = { … }) annotation; exports.__esModule' },
  { pkg: 'commander', importFile: true, why: 'exports = module.exports = new Command(); exports.name = … (commander 11)' },
  { pkg: 'lodash', none: true, why: 'IIFE assigning module.exports' },
  { pkg: 'ms', none: true, why: 'module.exports = function' },
  { pkg: 'classnames', none: true, why: 'UMD, module.exports = classNames' },
  { pkg: 'prop-types', none: true, why: "module.exports = require('./factoryWithThrowingShims')(): counted as a re-export, of a module with no names" },
  { pkg: 'object-assign', none: true, why: 'module.exports = cond ? Object.assign : function' },
  { pkg: 'fast-deep-equal', none: true, why: 'module.exports = function equal' },
]

describe('cjsExportNames equals the names of native Node import() on real npm packages', () => {
  let native
  beforeAll(async () => {
    native = await nativeNamespaces(PACKAGES.map(({ pkg, importFile }) => ({ pkg, importFile })))
  }, 120_000)

  test('the set is meaningful: exact-pinned devDependencies, at least 12 with names, several via require', () => {
    for (const { pkg } of PACKAGES) {
      expect(devDependencies[pkg], `${pkg} in devDependencies`).toMatch(/^\d+\.\d+\.\d+$/)
      expect(installed(pkg), pkg).toBe(devDependencies[pkg])
    }
    expect(PACKAGES.filter((entry) => !entry.none).length).toBeGreaterThanOrEqual(12)
    expect(PACKAGES.filter((entry) => entry.reexportsOnly).length).toBeGreaterThanOrEqual(2)
  })

  for (const entry of PACKAGES) {
    test(`${entry.pkg}@${devDependencies[entry.pkg]}: ${entry.why}`, async () => {
      const { cjsExportNames, detectCjsExports } = await loadOurPackage()
      const result = nativeResult(native, entry.pkg)
      // Node's import() loaded the CommonJS file require() loads, not an ES-module wrapper.
      expect(result.url).toBe(pathToFileURL(result.required).href)
      const file = fileURLToPath(result.url)

      const ours = sorted([...cjsExportNames(file), 'default'])
      expect(ours).toEqual(result.keys)

      if (entry.none) expect(ours).toEqual(['default'])
      else expect(ours.length).toBeGreaterThan(1)
      if (entry.reexportsOnly) {
        // The entry file has no names of its own: every name came through a followed require.
        const direct = detectCjsExports(fs.readFileSync(file, 'utf8'))
        expect(direct.exports).toEqual([])
        expect(direct.reexports).toHaveLength(1)
      }
    })
  }
})

describe('which require() branch the names come from', () => {
  // Like cjs-module-lexer, merve statically takes the last `module.exports = require(…)`;
  // no `if` is evaluated. React's development build exports `act` and `captureOwnerStack`,
  // its production build does not.
  test('react: the development file (the else branch), whatever NODE_ENV is', async () => {
    const { cjsExportNames, detectCjsExports } = await loadOurPackage()
    const probe = ['act', 'captureOwnerStack']
    const unset = nativeResult(await nativeNamespaces([{ pkg: 'react', probe }]), 'react')
    const prod = nativeResult(await nativeNamespaces([{ pkg: 'react', probe }], { env: { NODE_ENV: 'production' } }), 'react')
    const entry = unset.required
    const cjs = path.join(path.dirname(entry), 'cjs')
    expect(detectCjsExports(fs.readFileSync(entry, 'utf8')).reexports).toEqual(['./cjs/react.development.js'])

    const production = detectCjsExports(fs.readFileSync(path.join(cjs, 'react.production.js'), 'utf8')).exports
    const names = cjsExportNames(entry)
    expect(production).not.toContain('act')
    expect(production).not.toContain('captureOwnerStack')
    expect(names).toContain('act')
    expect(names).toContain('captureOwnerStack')
    expect(sorted(names)).toEqual(sorted(cjsExportNames(path.join(cjs, 'react.development.js'))))

    expect(unset.keys).toEqual(sorted([...names, 'default']))
    // The same names under NODE_ENV=production: they come from the lexer, not from running
    // the module. There `act` is in the namespace but undefined.
    expect(prod.keys).toEqual(unset.keys)
    expect(unset.types).toEqual({ act: 'function', captureOwnerStack: 'function' })
    expect(prod.types).toEqual({ act: 'undefined', captureOwnerStack: 'undefined' })
  })
})

// `export * from` CommonJS, expanded, against the original: both are written to a temporary
// directory and imported by native Node.
describe('expandCjsExportStar keeps the namespace native Node gives the original', () => {
  let dir
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nst-export-star-'))
  })
  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true })
  })

  // Writes `files` into a fresh subdirectory, expands `module.mjs` with the names
  // `cjsExportNames` finds for each listed CommonJS specifier, and imports both versions
  // natively. Values are compared too, as JSON (the fixtures only export JSON values).
  async function run(name, files, starSpecifiers, { extraNames = {} } = {}) {
    const { cjsExportNames, expandCjsExportStar } = await loadOurPackage()
    const base = path.join(dir, name)
    fs.mkdirSync(base)
    for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(base, file), text)
    const namesBySpecifier = { ...extraNames }
    for (const specifier of starSpecifiers) namesBySpecifier[specifier] = cjsExportNames(path.join(base, specifier))
    const original = files['module.mjs']
    const expansion = expandCjsExportStar(original, namesBySpecifier, { url: `/src/${name}/module.mjs` })
    expect(expansion, 'something was expanded').toBeDefined()
    fs.writeFileSync(path.join(base, 'expanded.mjs'), expansion.code)

    const valuesScript = `
      const out = {}
      for (const file of ['module.mjs', 'expanded.mjs']) {
        const ns = await import('./' + file)
        out[file] = { keys: Object.keys(ns), values: JSON.stringify(Object.fromEntries(Object.entries(ns))) }
      }
      process.stdout.write(JSON.stringify(out))`
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', valuesScript], { cwd: base })
    const native = JSON.parse(stdout)
    expect(native['expanded.mjs'].keys).toEqual(native['module.mjs'].keys)
    expect(native['expanded.mjs'].values).toEqual(native['module.mjs'].values)
    return { code: expansion.code, expanded: expansion.expanded, keys: native['module.mjs'].keys, values: JSON.parse(native['module.mjs'].values), base }
  }

  test('every name Node finds but default: getters, string names, reserved words, __esModule', async () => {
    const { code, expanded, keys } = await run(
      'basic',
      {
        'dep.cjs': [
          `const inner = { viaGetter: 3 }`,
          `Object.defineProperty(exports, '__esModule', { value: true })`,
          `exports.a = 1`,
          `module.exports.b = 2`,
          `Object.defineProperty(exports, 'viaGetter', { enumerable: true, get: function () { return inner.viaGetter } })`,
          // Not a getter form the lexer accepts (it returns a literal): Node does not see it.
          `Object.defineProperty(exports, 'invisible', { enumerable: true, get: function () { return 4 } })`,
          `exports['kebab-name'] = 5`,
          `exports.class = 6`,
          `exports.default = 'not re-exported by export *'`,
          '',
        ].join('\n'),
        'module.mjs': `export * from './dep.cjs'\n`,
      },
      ['./dep.cjs'],
    )
    expect(expanded).toEqual(['./dep.cjs'])
    expect(keys).toEqual(sorted(['__esModule', 'a', 'b', 'class', 'kebab-name', 'viaGetter']))
    expect(code).not.toContain('default')
  })

  test('names reached through require re-exports, next to an untouched ES-module star', async () => {
    const { expanded, keys, values } = await run(
      'reexports',
      {
        'inner.cjs': `exports.deep = 'deep'\nexports.shared = 'inner'\n`,
        'middle.cjs': `module.exports = require('./inner.cjs')\n`,
        // The lexer reads the object literal up to the first value that is not an identifier.
        'dep.cjs': `const own = 'own'\nmodule.exports = { ...require('./middle.cjs'), own, renamed: own, literal: 'x', afterLiteral: own }\n`,
        'esm.mjs': `export const fromEsm = 'esm'\nexport default 'esm default'\n`,
        'module.mjs': `export * from './dep.cjs'\nexport * from './esm.mjs'\n`,
      },
      ['./dep.cjs'],
    )
    expect(expanded).toEqual(['./dep.cjs'])
    expect(keys).toEqual(['deep', 'fromEsm', 'own', 'renamed', 'shared'])
    expect(values.shared).toBe('inner')
  })

  test('a local export wins over the star: own declarations, explicit re-exports and default', async () => {
    const { code, keys, values } = await run(
      'local-wins',
      {
        'dep.cjs': `exports.a = 'dep a'\nexports.b = 'dep b'\nexports.c = 'dep c'\nexports.d = 'dep d'\nexports.default = 'dep default'\n`,
        'other.mjs': `export const x = 'other x'\n`,
        'module.mjs': [
          `export * from './dep.cjs'`,
          `export const a = 'local a'`,
          `const hidden = 'local b'`,
          `export { hidden as b }`,
          `export { x as c } from './other.mjs'`,
          `export default 'module default'`,
          '',
        ].join('\n'),
      },
      ['./dep.cjs'],
    )
    expect(keys).toEqual(['a', 'b', 'c', 'd', 'default'])
    expect(values).toEqual({ a: 'local a', b: 'local b', c: 'other x', d: 'dep d', default: 'module default' })
    expect(code).toMatch(/export \{ d \} from '\.\/dep\.cjs'/)
  })

  test('two stars providing a name make it ambiguous: native Node drops it, so does the expansion', async () => {
    const { code, expanded, keys, base } = await run(
      'ambiguous',
      {
        'a.cjs': `exports.onlyA = 'a'\nexports.both = 'from a'\nexports.default = 'a default'\n`,
        'b.cjs': `exports.onlyB = 'b'\nexports.both = 'from b'\n`,
        'module.mjs': `export * from './a.cjs'\nexport * from './b.cjs'\n`,
      },
      ['./a.cjs', './b.cjs'],
    )
    expect(expanded).toEqual(['./a.cjs', './b.cjs'])
    expect(keys).toEqual(['onlyA', 'onlyB'])
    expect(code).not.toContain('both')
    // Importing the ambiguous name by name fails to link in both versions.
    for (const file of ['module.mjs', 'expanded.mjs']) {
      const importer = `import { both } from './${file}'\nconsole.log(both)\n`
      await expect(
        promisify(execFile)(process.execPath, ['--input-type=module', '-e', importer], { cwd: base }),
        file,
      ).rejects.toThrow(/SyntaxError/)
    }
  })

  test('a CommonJS star overlapping an ES-module star stays ambiguous when both names lists are given', async () => {
    // Names of stars that are not expanded are unknown to the expansion; with the ES
    // module's names listed as well, the overlap is found and dropped as Node drops it.
    const { keys } = await run(
      'ambiguous-with-esm',
      {
        'dep.cjs': `exports.x = 'x'\nexports.y = 'cjs y'\n`,
        'esm.mjs': `export const y = 'esm y'\nexport const w = 'w'\n`,
        'module.mjs': `export * from './dep.cjs'\nexport * from './esm.mjs'\n`,
      },
      ['./dep.cjs'],
      { extraNames: { './esm.mjs': ['y', 'w'] } },
    )
    expect(keys).toEqual(['w', 'x'])
  })

  test('export * as ns becomes a namespace import and a local export, the same namespace natively', async () => {
    // In Vite's browser pipeline the namespace import is what its interop handles in full.
    const { code, keys, values } = await run(
      'namespace',
      {
        'dep.cjs': `exports.a = 'a'\nexports.b = 'b'\n`,
        'module.mjs': `export * as ns from './dep.cjs'\nexport * as "n s" from './dep.cjs';\n`,
      },
      ['./dep.cjs'],
    )
    expect(keys).toEqual(['n s', 'ns'])
    expect(values.ns).toEqual({ a: 'a', b: 'b', default: { a: 'a', b: 'b' } })
    expect(code).not.toContain('export *')
  })
})
