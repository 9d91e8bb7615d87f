// Differential tests of `transformCjsImport` against Vite's own function, loaded from the
// installed dist files (see ../helpers/vite-internals.mjs): Vite 8.3 for the default
// `{ importLine, hoistedAssignments }` result, Vite 5.4 (the `vite5` alias) for
// `format: 'legacy'`. Results and warnings must be identical. The one difference by
// design, string names that need escaping, is checked for validity and meaning instead.
import { parseAst } from 'vite'
import { describe, expect, test } from 'vitest'
import { loadOurPackage } from '../helpers/ours.mjs'
import { transformCjsImportWithVite5, transformCjsImportWithVite8 } from '../helpers/vite-internals.mjs'

const SPECIFIER = '<spec>'
const DEFAULT_RAW_URL = 'react'
const DEFAULT_URL = '/node_modules/.vite/deps/react.js?v=9e3f1c2a'
const DEFAULT_IMPORTER = '/src/components/App.jsx'
const DEFAULT_IMPORT_INDEX = 2

// One import expression per row of vite-facts.md section 5 and its variants. `<spec>`
// stands for the raw specifier text (`rawUrl`). Cases in `stringNameShapes` use string
// module export names, which Vite 5.4 ignores or misreads; they are kept apart so that
// the legacy comparison on them is visible on its own.
const identifierShapes = [
  // default import
  `import React from '<spec>'`,
  `import $ from '<spec>'`,
  `import _default from '<spec>'`,
  `import Ünïcödé from '<spec>'`,
  `import { default as React } from '<spec>'`,
  `import React from "<spec>"`,
  `import /* a */ React /* b */ from /* c */ '<spec>'`,
  // namespace import
  `import * as NS from '<spec>'`,
  `import * as $ns from '<spec>'`,
  `import React, * as NS from '<spec>'`,
  // named imports
  `import { useState } from '<spec>'`,
  `import { useState, useEffect as effect } from '<spec>'`,
  `import { useState as useState } from '<spec>'`,
  `import { a, b, } from '<spec>'`,
  `import { a, b, c, d, e, f, g, h, i, j, k, l } from '<spec>'`,
  `import { __esModule, default as d } from '<spec>'`,
  `import { if as _if, class as klass, default as dflt } from '<spec>'`,
  `import { constructor, __proto__ as proto, toString } from '<spec>'`,
  `import { ünï, ℮ as e } from '<spec>'`,
  `import { $, _ } from '<spec>'`,
  `import {\n  useState,\n  useEffect,\n} from '<spec>'`,
  `import {\r\n  a,\r\n  b as c\r\n} from '<spec>'`,
  // mixed
  `import React, { useState, useEffect as effect } from '<spec>'`,
  `import React, { default as again } from '<spec>'`,
  `import R, {} from '<spec>'`,
  // import attributes
  `import data from '<spec>' with { type: 'json' }`,
  `import { a } from '<spec>' with { type: 'json' }`,
  // export { … } from
  `export { a } from '<spec>'`,
  `export { a, b as c } from '<spec>'`,
  `export { a as default } from '<spec>'`,
  `export { default } from '<spec>'`,
  `export { default as React } from '<spec>'`,
  `export { a as default, b, c as d } from '<spec>'`,
  `export { ünï, $ } from '<spec>'`,
  `export { if, class as klass } from '<spec>'`,
  `export {\n  a,\n  b as c,\n} from '<spec>'`,
  // side-effect imports
  `import '<spec>'`,
  `import "<spec>"`,
  `import {} from '<spec>'`,
  `export {} from '<spec>'`,
  // export * (undefined; a warning when serving) and export * as (undefined, no warning)
  `export * from '<spec>'`,
  `export * from "<spec>"`,
  `export * as ns from '<spec>'`,
  `export * as default from '<spec>'`,
]

const stringNameShapes = [
  `import { "a-b" as ab } from '<spec>'`,
  `import { "a b" as x, c } from '<spec>'`,
  `import { "default" as R } from '<spec>'`,
  `import { "😀" as emoji, "" as empty } from '<spec>'`,
  `import { "it's" as its } from '<spec>'`,
  `import R, { "a-b" as ab, c as d } from '<spec>'`,
  `export { a as "b-c" } from '<spec>'`,
  `export { "a-b" as c } from '<spec>'`,
  `export { "a-b" } from '<spec>'`,
  `export { "a-b" as "c-d", e } from '<spec>'`,
  `export { "a" as "default" } from '<spec>'`,
  `export { a as "default" } from '<spec>'`,
  `export { a, b as default, c as "x y" } from '<spec>'`,
  `export { "😀" as "ünï" } from '<spec>'`,
  `export * as "string ns" from '<spec>'`,
]

// Specifier texts as they appear between the quotes (besides the default 'react'),
// and the url Vite would serve.
const rawUrlVariants = [
  ['@scope/pkg', '/node_modules/.vite/deps/@scope_pkg.js?v=9e3f1c2a'],
  ['@scope/pkg/sub-path/index.js', '/node_modules/.vite/deps/@scope_pkg_sub-path_index__js.js?v=1'],
  ['./a-b.js?v=1', '/src/a-b.js?v=1'],
  ['../lib/x.cjs#frag', '/lib/x.cjs#frag'],
  ['lodash.debounce', '/node_modules/.vite/deps/lodash__debounce.js?v=2'],
  ['ünïcödé', '/node_modules/.vite/deps/ünïcödé.js'],
  ['日本語/パッケージ', '/node_modules/.vite/deps/日本語_パッケージ.js'],
  ['😀-emoji', '/node_modules/.vite/deps/😀-emoji.js'],
  ['1pkg', '/node_modules/.vite/deps/1pkg.js'],
  ['0', '/node_modules/.vite/deps/0.js'],
  ['a--b-', '/node_modules/.vite/deps/a--b-.js'],
  ['-x-y', '/node_modules/.vite/deps/-x-y.js'],
  ['\\u0072eact', '/node_modules/.vite/deps/react.js'],
  ['/@fs/home/user/my app/node_modules/x/index.js', '/@fs/home/user/my app/node_modules/x/index.js'],
  ['virtual:cjs-module', '/@id/__x00__virtual:cjs-module'],
  ['$dollar_sign', '/node_modules/.vite/deps/$dollar_sign.js'],
]
const shapesForRawUrlVariants = [
  `import R, { a, "b-c" as bc } from '<spec>'`,
  `import * as NS from '<spec>'`,
  `export { a as default, b } from '<spec>'`,
  `export * from '<spec>'`,
]

const importIndexVariants = [0, 1, 9, 10, 42, 999, 65_536, 2 ** 31 - 1]
const shapesForImportIndexVariants = [
  `import R, { a } from '<spec>'`,
  `import * as NS from '<spec>'`,
  `export { a as default } from '<spec>'`,
]

// `command` only matters to `export * from`; the others check that it changes nothing.
const shapesForBuildCommand = [
  `export * from '<spec>'`,
  `export * as ns from '<spec>'`,
  `import R, { a } from '<spec>'`,
  `export { a as default } from '<spec>'`,
]

// The importer only appears in the `export * from` warning.
const importerVariants = ['/src/main.ts', '/home/user/my app/src/ünï.mjs', 'C:\\Users\\me\\app\\src\\entry.js']

/** A call of `transformCjsImport`, with the defaults above filled in. */
function makeCase({ shape, rawUrl = DEFAULT_RAW_URL, url = DEFAULT_URL, importIndex = DEFAULT_IMPORT_INDEX, importer = DEFAULT_IMPORTER, isNodeMode = false, command = 'serve' }) {
  const importExp = shape.replaceAll(SPECIFIER, () => rawUrl)
  const title = `${JSON.stringify(importExp)} url=${JSON.stringify(url)} index=${importIndex} importer=${JSON.stringify(importer)} nodeMode=${isNodeMode} ${command}`
  return { title, importExp, url, rawUrl, importIndex, importer, isNodeMode, command }
}

function casesFor(shapes) {
  return shapes.flatMap((shape) => [false, true].map((isNodeMode) => makeCase({ shape, isNodeMode })))
}

const identifierCases = casesFor(identifierShapes)
const stringNameCases = casesFor(stringNameShapes)
const variantCases = [
  ...shapesForRawUrlVariants.flatMap((shape) => rawUrlVariants.map(([rawUrl, url]) => makeCase({ shape, rawUrl, url }))),
  ...shapesForImportIndexVariants.flatMap((shape) => importIndexVariants.map((importIndex) => makeCase({ shape, importIndex }))),
  ...shapesForBuildCommand.map((shape) => makeCase({ shape, command: 'build' })),
  ...importerVariants.map((importer) => makeCase({ shape: `export * from '<spec>'`, importer })),
  ...importerVariants.map((importer) => makeCase({ shape: `export * from '<spec>'`, importer, command: 'build' })),
]

/** Our `transformCjsImport` with Vite's arguments; collects what it passes to `onWarn`. */
async function transformWithOurs({ importExp, url, rawUrl, importIndex, importer, isNodeMode, command }, extraOptions = {}) {
  const { transformCjsImport } = await loadOurPackage()
  expect(transformCjsImport, 'native-ssr-transform exports transformCjsImport').toBeTypeOf('function')
  const warnings = []
  const options = { command, onWarn: (message) => warnings.push(message), ...extraOptions }
  const result = transformCjsImport(importExp, url, rawUrl, importIndex, importer, isNodeMode, options)
  return { result, warnings }
}

async function expectSameAsVite8(input) {
  const expected = transformCjsImportWithVite8(input)
  const actual = await transformWithOurs(input)
  expect(actual.result).toEqual(expected.result)
  expect(actual.warnings).toEqual(expected.warnings)
}

async function expectLegacySameAsVite5(input) {
  const expected = transformCjsImportWithVite5(input)
  const actual = await transformWithOurs(input, { format: 'legacy' })
  expect(actual.result).toEqual(expected.result)
  expect(actual.warnings).toEqual(expected.warnings)
}

test('every case is distinct, so that each failure names one input', () => {
  const titles = [...identifierCases, ...stringNameCases, ...variantCases].map(({ title }) => title)
  expect(titles.filter((title, index) => titles.indexOf(title) !== index)).toEqual([])
  const importExpressions = new Set([...identifierCases, ...stringNameCases, ...variantCases].map(({ importExp }) => importExp))
  expect(importExpressions.size).toBeGreaterThanOrEqual(70)
})

test('the controls behave as vite-facts.md section 5 says', () => {
  const exportAll = makeCase({ shape: `export * from '<spec>'` })
  expect(transformCjsImportWithVite8(exportAll)).toEqual({ result: undefined, warnings: [expect.stringContaining('Unable to interop')] })
  expect(transformCjsImportWithVite8({ ...exportAll, command: 'build' })).toEqual({ result: undefined, warnings: [] })
  expect(transformCjsImportWithVite8(makeCase({ shape: `export * as ns from '<spec>'` }))).toEqual({ result: undefined, warnings: [] })
  const { result } = transformCjsImportWithVite8(makeCase({ shape: `import * as NS from '<spec>'`, isNodeMode: true }))
  expect(result.hoistedAssignments).toMatch(/^const NS = \(\(m, n\) => n \|\| !m\?\.__esModule \? \{\t\.\.\./)
  expect(result.hoistedAssignments).toMatch(/\)\(__vite__cjsImport2_react, 1\)$/)
  expect(transformCjsImportWithVite5(makeCase({ shape: `import * as NS from '<spec>'` })).result).toBe(
    `import __vite__cjsImport2_react from "${DEFAULT_URL}"; const NS = ((m) => m?.__esModule ? m : { ...typeof m === "object" && !Array.isArray(m) || typeof m === "function" ? m : {}, default: m })(__vite__cjsImport2_react)`,
  )
})

describe('transformCjsImport equals Vite 8.3', () => {
  describe('identifier names', () => {
    for (const input of identifierCases) test(input.title, () => expectSameAsVite8(input))
  })
  describe('string names', () => {
    for (const input of stringNameCases) test(input.title, () => expectSameAsVite8(input))
  })
  describe('specifiers, import indexes, commands and importers', () => {
    for (const input of variantCases) test(input.title, () => expectSameAsVite8(input))
  })
})

describe("format: 'legacy' equals Vite 5.4", () => {
  describe('identifier names', () => {
    for (const input of identifierCases) test(input.title, () => expectLegacySameAsVite5(input))
  })
  // Vite 5.4 drops string-named imports and exports: byte parity reproduces that. It also
  // reads `M["undefined"]` for a string local name (`export { "a-b" as c } from`), a bug
  // ours does not copy (docs/divergences.md, C2).
  const readsUndefined = (input) => /export \{ "[^"]*" as [a-z]+ \}/.test(input.importExp)
  describe('string names (Vite 5.4 ignores them)', () => {
    for (const input of stringNameCases.filter((input) => !readsUndefined(input))) {
      test(input.title, () => expectLegacySameAsVite5(input))
    }
  })
  describe('divergence C2: a string local name is read, not `undefined`', () => {
    for (const input of stringNameCases.filter(readsUndefined)) {
      test(input.title, async () => {
        const { transformCjsImport } = await loadOurPackage()
        const vite = transformCjsImportWithVite5(input).result
        const ours = transformCjsImport(input.importExp, input.url, input.rawUrl, input.importIndex, input.importer, input.isNodeMode, { format: 'legacy' })
        expect(vite).toContain('["undefined"]')
        expect(ours).toBe(vite.replace('["undefined"]', '["a-b"]'))
      })
    }
  })
  describe('specifiers, import indexes, commands and importers', () => {
    for (const input of variantCases) test(input.title, () => expectLegacySameAsVite5(input))
  })
})

describe('options', () => {
  test("command defaults to 'serve': export * from warns", async () => {
    const { transformCjsImport } = await loadOurPackage()
    const input = makeCase({ shape: `export * from '<spec>'` })
    const warnings = []
    const result = transformCjsImport(input.importExp, input.url, input.rawUrl, input.importIndex, input.importer, false, {
      onWarn: (message) => warnings.push(message),
    })
    expect(result).toBeUndefined()
    expect(warnings).toEqual(transformCjsImportWithVite8(input).warnings)
  })

  test('options may be omitted', async () => {
    const { transformCjsImport } = await loadOurPackage()
    const input = makeCase({ shape: `import React, { useState } from '<spec>'` })
    const result = transformCjsImport(input.importExp, input.url, input.rawUrl, input.importIndex, input.importer, false)
    expect(result).toEqual(transformCjsImportWithVite8(input).result)
  })

  test('the CommonJS entry point exports the same functions', async () => {
    const { createRequire } = await import('node:module')
    const ours = createRequire(import.meta.url)('../../index.js')
    const input = makeCase({ shape: `import React, { useState } from '<spec>'` })
    const result = ours.transformCjsImport(input.importExp, input.url, input.rawUrl, input.importIndex, input.importer, false)
    expect(result).toEqual(transformCjsImportWithVite8(input).result)
    expect(ours.rewriteCjsImports).toBeTypeOf('function')
  })
})

// Documented divergence: Vite inserts string names into `M["…"]` unescaped, which is
// invalid code for names containing `"`, `\` or a line break. Ours escapes them; the
// rest of the output stays Vite's.
const escapedNameCases = [
  { shape: `import { "a\\"b" as q } from '<spec>'`, names: ['a"b'] },
  { shape: `import { "a\\\\b" as q } from '<spec>'`, names: ['a\\b'] },
  { shape: `import { "a\\nb" as q, c } from '<spec>'`, names: ['a\nb', 'c'] },
  { shape: `import { "a\\r\\nb" as q } from '<spec>'`, names: ['a\r\nb'] },
  { shape: `import { "a\\u2028b" as q, "c\\u2029d" as r } from '<spec>'`, names: ['a\u2028b', 'c\u2029d'] },
  { shape: `import R, { "\\"" as quote } from '<spec>'`, names: ['"'] },
  { shape: `export { "a\\"b" as c } from '<spec>'`, names: ['a"b'] },
  { shape: `export { "a\\"b" } from '<spec>'`, names: ['a"b'] },
  { shape: `export { "x\\\\y" as default } from '<spec>'`, names: ['x\\y'] },
  { shape: `export { "a\\nb" as "c\\nd" } from '<spec>'`, names: ['a\nb'] },
]

describe('divergence: string names are escaped', () => {
  for (const { shape, names } of escapedNameCases) {
    for (const isNodeMode of [false, true]) {
      const input = makeCase({ shape, isNodeMode })
      test(input.title, async () => {
        const { result } = await transformWithOurs(input)
        const expected = transformCjsImportWithVite8(input).result
        expect(result.importLine).toBe(expected.importLine)
        expect(propertyKeysRead(result.hoistedAssignments)).toEqual(names)
        if (!names.some((name) => /[\u2028\u2029]/.test(name))) {
          expect(result.hoistedAssignments).toBe(withJsonEscapedKeys(expected.hoistedAssignments, names))
        }
      })
    }
  }
})

/** The string keys of the `M["…"]` reads in hoisted assignments, which must parse. */
function propertyKeysRead(hoistedAssignments) {
  const program = parseAst(hoistedAssignments)
  return program.body
    .filter((statement) => statement.type === 'VariableDeclaration')
    .map(({ declarations: [{ init }] }) => init)
    .filter((init) => init.type === 'MemberExpression' && init.computed)
    .map((init) => init.property.value)
}

function withJsonEscapedKeys(hoistedAssignments, names) {
  return names.reduce((text, name) => text.replaceAll(`["${name}"]`, () => `[${JSON.stringify(name)}]`), hoistedAssignments)
}
