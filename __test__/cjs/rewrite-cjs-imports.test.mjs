// Differential tests of `rewriteCjsImports` against what Vite 8.3's import analysis does
// to a whole module: `interopNamedImports` applied to each listed import in turn, on one
// MagicString (see `rewriteCjsImportsWithVite8` in ../helpers/vite-internals.mjs, which
// runs Vite's own lexer, MagicString and interop functions). Code, warnings and the
// decoded source-map mappings must be identical.
import { decode } from '@jridgewell/sourcemap-codec'
import { describe, expect, test } from 'vitest'
import { loadOurPackage } from '../helpers/ours.mjs'
import { rewriteCjsImportsWithVite8 } from '../helpers/vite-internals.mjs'

const DEFAULT_IMPORTER = '/home/user/app/src/main.js'

/** The url Vite serves a pre-bundled dependency under. */
function optimizedUrl(specifier) {
  return `/node_modules/.vite/deps/${specifier.replaceAll('/', '_')}.js?v=9e3f1c2a`
}

/** Import requests for CommonJS dependencies, all in the same node mode. */
function cjs(specifiers, { nodeMode = false } = {}) {
  return specifiers.map((specifier) => ({ specifier, url: optimizedUrl(specifier), nodeMode }))
}

const crlf = (code) => code.replaceAll('\n', '\r\n')

const modules = [
  {
    name: 'a single default import',
    code: `import React from 'react'\n\nexport function App() {\n  return React.createElement('div')\n}\n`,
    imports: cjs(['react']),
  },
  {
    name: 'default, named and namespace imports of several CommonJS dependencies among ES imports and import.meta',
    code: `import React, { useState, useEffect as useEffectAlias } from 'react'
import { ref } from 'vue'
import * as ReactDOM from 'react-dom/client'
import './style.css'
if (import.meta.hot) import.meta.hot.accept()
import debounce from 'lodash/debounce'
import { helper } from './helper.js'
console.log(import.meta.env.MODE, React, useState, useEffectAlias, ref, ReactDOM, debounce, helper)
`,
    imports: cjs(['react', 'react-dom/client', 'lodash/debounce']),
  },
  {
    name: 'hashbang ended by LF',
    code: `#!/usr/bin/env node\nimport yargs from 'yargs'\nimport { hideBin } from 'yargs/helpers'\nyargs(hideBin(process.argv)).parse()\n`,
    imports: cjs(['yargs', 'yargs/helpers'], { nodeMode: true }),
  },
  {
    name: 'hashbang and CRLF line endings throughout',
    code: crlf(`#!/usr/bin/env node\nimport chalk from 'chalk'\nimport {\n  red,\n  green as g\n} from 'kleur'\nconsole.log(chalk, red, g)\n`),
    imports: cjs(['chalk', 'kleur']),
  },
  {
    name: 'hashbang directly followed by a multi-line import',
    code: `#!/usr/bin/env node\nimport {\n  a,\n  b,\n} from 'cjs-lib'\nexport const c = a + b\n`,
    imports: cjs(['cjs-lib']),
  },
  {
    name: 'multi-line named import with comments',
    code: `import {\n  // the hook\n  useState, /* trailing */\n  useMemo as memo, // alias\n} from 'react'\n\nexport default function useThing() {\n  return [useState, memo]\n}\n`,
    imports: cjs(['react']),
  },
  {
    name: 'multi-line re-export list',
    code: `export {\n  a,\n  b as c,\n  d as default,\n} from 'cjs-lib'\nexport const after = 1\n`,
    imports: cjs(['cjs-lib']),
  },
  {
    name: 'CRLF multi-line import and re-export',
    code: crlf(`import React, {\n  useState\n} from 'react'\nexport {\n  a as b\n} from 'cjs-lib'\nexport const x = [React, useState]\n`),
    imports: cjs(['react', 'cjs-lib']),
  },
  {
    name: 'literal dynamic imports',
    code: `const lazy = () => import('react')
export async function load() {
  const lib = await import("cjs-lib")
  return import('react').then((m) => [m, lib])
}
const inTemplate = \`\${import('react')}\`
export default import('cjs-lib')
`,
    imports: cjs(['react', 'cjs-lib']),
  },
  {
    name: 'dynamic import of a template literal without substitutions',
    code: 'const a = import(`react`)\nconst b = import( `cjs-lib` )\n',
    imports: cjs(['react', 'cjs-lib']),
  },
  {
    name: 'non-literal dynamic imports are left alone but count in the import index',
    code: `const name = 'react'
const a = import(name)
const b = import(\`./locale/\${name}.js\`)
const c = import('re' + 'act')
import React from 'react'
const d = import('react')
`,
    imports: cjs(['react']),
  },
  {
    name: 'multi-line dynamic imports',
    code: `const a = import(\n  'react'\n)\nconst b = await import(\n  /* webpackChunkName: "x" */\n  'cjs-lib'\n)\nexport { a, b }\n`,
    imports: cjs(['react', 'cjs-lib']),
  },
  {
    name: 'dynamic import with options and with a comment before the specifier',
    code: `const a = import('cjs-data', { with: { type: 'json' } })\nconst b = import(/* @vite-ignore */ 'react')\n`,
    imports: cjs(['cjs-data', 'react']),
  },
  {
    name: 're-exports, as default and string names on both sides',
    code: `export { a as default } from 'cjs-lib'
export { b, "c-d" as e, f as "g-h", "i j" as "k l" } from 'other-cjs'
export { "x" } from 'third-cjs'
export const local = 1
`,
    imports: cjs(['cjs-lib', 'other-cjs', 'third-cjs']),
  },
  {
    name: 'default as a named import and a re-export',
    code: `import { default as React, useState } from 'react'\nexport { default } from 'cjs-lib'\nexport { default as Other } from 'other-cjs'\nconsole.log(React, useState)\n`,
    imports: cjs(['react', 'cjs-lib', 'other-cjs']),
  },
  {
    name: 'export * from a CommonJS dependency when serving (warning, url rewritten)',
    code: `export * from 'cjs-lib'\nexport * from './local.js'\nexport { x } from 'other-cjs'\n`,
    imports: cjs(['cjs-lib', 'other-cjs']),
    command: 'serve',
  },
  {
    name: 'export * from a CommonJS dependency in a build (no warning)',
    code: `export * from 'cjs-lib'\nexport * from './local.js'\nexport { x } from 'other-cjs'\n`,
    imports: cjs(['cjs-lib', 'other-cjs']),
    command: 'build',
  },
  {
    name: 'export * from split over lines',
    code: `export * from\n  'cjs-lib'\nexport *\n  from 'other-cjs'\n`,
    imports: cjs(['cjs-lib', 'other-cjs']),
  },
  {
    name: 'export * as namespace from a CommonJS dependency',
    code: `export * as lib from 'cjs-lib'\nexport * as "string name" from 'other-cjs'\nexport * as default from 'third-cjs'\n`,
    imports: cjs(['cjs-lib', 'other-cjs', 'third-cjs']),
  },
  {
    name: 'side-effect imports and empty lists',
    code: `import 'cjs-polyfill'\nimport {} from 'cjs-lib'\nexport {} from 'other-cjs'\nimport R, {} from 'react'\n`,
    imports: cjs(['cjs-polyfill', 'cjs-lib', 'other-cjs', 'react']),
  },
  {
    name: 'the same dependency imported by several statements',
    code: `import React from 'react'\nimport { useState } from 'react'\nimport * as All from 'react'\nexport { useEffect } from 'react'\nconst lazy = import('react')\n`,
    imports: cjs(['react']),
  },
  {
    name: 'import.meta and non-literal import() before the CommonJS imports shift the index',
    code: `console.log(import.meta.url, import.meta.env)
const m = import(location.href)
import { a } from 'cjs-lib'
const meta = import.meta
export { b as default } from 'cjs-lib'
`,
    imports: cjs(['cjs-lib']),
  },
  {
    name: 'node mode chosen per import',
    code: `import A, * as ANS from 'cjs-a'\nimport B, * as BNS from 'cjs-b'\nconst a = import('cjs-a')\nconst b = import('cjs-b')\n`,
    imports: [...cjs(['cjs-a'], { nodeMode: true }), ...cjs(['cjs-b'], { nodeMode: false })],
  },
  {
    name: 'string import names',
    // Not `import R, { "a" as b }`: es-module-lexer 2.3 fails on a string name after a
    // default import, so Vite's import analysis rejects such a module.
    code: `import { "a-b" as ab, "😀" as emoji, "" as empty, c } from 'cjs-lib'\nimport R from 'react'\nimport { "default" as D, "x y" as xy } from 'react'\n`,
    imports: cjs(['cjs-lib', 'react']),
  },
  {
    name: 'import attributes',
    code: `import data from 'cjs-data' with { type: 'json' }\nimport { a } from 'cjs-lib' with { type: 'json' }\nimport plain from './plain.json' with { type: 'json' }\n`,
    imports: cjs(['cjs-data', 'cjs-lib']),
  },
  {
    name: 'imports after code: assignments are still hoisted to the file start',
    code: `'use strict'\nconst before = 1\nfunction f() { return useState }\nimport { useState } from 'react'\nclass C {}\nimport Lib from 'cjs-lib'\n`,
    imports: cjs(['react', 'cjs-lib']),
  },
  {
    name: 'non-ASCII and astral characters before and between imports',
    code: `// ünïcödé 日本語 😀😀\nconst s = '𝒳'\nimport React from 'react'\nconst t = "é"; import { a } from '@scope/cjs-ünï'\nexport const u = '😀' + s + t\n`,
    imports: cjs(['react', '@scope/cjs-ünï']),
  },
  {
    name: 'import-like text in comments and strings is not rewritten',
    code: `// import React from 'react'
/* import { a } from 'cjs-lib' */
const s = "import x from 'react'"
const t = \`import('react')\`
import React from 'react'
`,
    imports: cjs(['react', 'cjs-lib']),
  },
  {
    name: 'no imports listed: the code is unchanged',
    code: `import React from 'react'\nimport { a } from 'cjs-lib'\nexport default React\n`,
    imports: [],
  },
  {
    name: 'a listed specifier that is not imported, and unlisted imports',
    code: `import { ref } from 'vue'\nimport React from 'react'\nexport * from 'esm-lib'\n`,
    imports: cjs(['not-imported']),
  },
  {
    name: 'odd specifiers: scoped, relative with a query, digits first',
    code: `import A from '@scope/pkg'\nimport B, { b } from './a-b.cjs?v=1'\nimport C from '1pkg'\nimport * as D from '../lib/x.cjs#frag'\n`,
    imports: [
      { specifier: '@scope/pkg', url: optimizedUrl('@scope/pkg') },
      { specifier: './a-b.cjs?v=1', url: '/src/a-b.cjs?v=1' },
      { specifier: '1pkg', url: optimizedUrl('1pkg') },
      { specifier: '../lib/x.cjs#frag', url: '/lib/x.cjs#frag' },
    ],
  },
  {
    name: 'a compiled React component',
    code: `import { jsxDEV as _jsxDEV } from "react/jsx-dev-runtime";
var _s = $RefreshSig$();
import React, { useState, useCallback } from "react";
import { createRoot } from "react-dom/client";
import classNames from "classnames";
import "./App.css";
export default function App({ items }) {
  _s();
  const [count, setCount] = useState(0);
  const increment = useCallback(() => setCount((c) => c + 1), []);
  return /* @__PURE__ */ _jsxDEV("button", {
    className: classNames("counter", { odd: count % 2 }),
    onClick: increment,
    children: items.length + count
  }, void 0, false, {
    fileName: "/src/App.jsx",
    lineNumber: 12,
    columnNumber: 10
  }, this);
}
_s(App, "oDgYfYHkD9Wkv4hrAPCkI/ev3YU=");
createRoot(document.getElementById("root")).render(React.createElement(App, { items: [] }));
if (import.meta.hot) {
  import.meta.hot.accept();
}
`,
    imports: cjs(['react/jsx-dev-runtime', 'react', 'react-dom/client', 'classnames']),
    importer: '/home/user/app/src/App.jsx',
  },
  {
    name: 'a large import index',
    code: `${Array.from({ length: 120 }, (_, i) => `import m${i} from './esm-${i}.js'`).join('\n')}\nconst lazy = import('react')\nimport R, { a } from 'react'\nexport { a as default } from 'react'\n`,
    imports: cjs(['react']),
  },
]

// Inputs where es-module-lexer (and therefore Vite) deviates from the grammar or from
// what a user would write. Kept apart so that a difference here is seen as a decision.
const lexerEdgeModules = [
  {
    name: 'an escaped specifier is matched by its decoded value, and named after its raw text',
    code: `import React from '\\u0072eact'\nexport default React\n`,
    imports: cjs(['react']),
  },
]

// es-module-lexer reads a hashbang up to `\n`, but U+2028 ends it too (the grammar, and
// Vite's own `getFileStartIndex`): Vite misses the import on that line; ours rewrites it
// (docs/divergences.md, C3).
test('divergence C3: a hashbang ended by U+2028', async () => {
  const module = {
    code: `#!/usr/bin/env node\u2028import React from 'react'\nimport { a } from 'cjs-lib'\n`,
    imports: cjs(['react', 'cjs-lib']),
  }
  const vite = await rewriteWithVite(module)
  const ours = await rewriteWithOurs(module)
  expect(vite.code).toContain(`import React from 'react'`)
  expect(ours.code).not.toContain(`import React from 'react'`)
  expect(ours.code).toContain('const React = !__vite__cjsImport0_react.__esModule')
  expect(ours.code).toContain('const a = __vite__cjsImport1_cjsLib["a"]')
})

/** Our `rewriteCjsImports`, with the warnings it passed to `onWarn`. */
async function rewriteWithOurs({ code, imports, importer = DEFAULT_IMPORTER, command = 'serve' }) {
  const { rewriteCjsImports } = await loadOurPackage()
  expect(rewriteCjsImports, 'native-ssr-transform exports rewriteCjsImports').toBeTypeOf('function')
  const warnings = []
  const result = rewriteCjsImports(code, imports, { importer, command, onWarn: (message) => warnings.push(message) })
  return { ...result, warnings }
}

function rewriteWithVite({ code, imports, importer = DEFAULT_IMPORTER, command = 'serve' }) {
  return rewriteCjsImportsWithVite8(code, imports, { importer, command })
}

async function expectSameAsVite(module) {
  const expected = await rewriteWithVite(module)
  const actual = await rewriteWithOurs(module)
  expect(actual.code).toBe(expected.code)
  expect(actual.warnings).toEqual(expected.warnings)
  expect(decode(actual.map.mappings)).toEqual(decode(expected.map.mappings))
}

test('module names are unique, and there are enough of them', () => {
  const names = [...modules, ...lexerEdgeModules].map(({ name }) => name)
  expect(names.filter((name, index) => names.indexOf(name) !== index)).toEqual([])
  expect(modules.length).toBeGreaterThanOrEqual(25)
})

test('the control rewrites what it should', async () => {
  const { code, warnings } = await rewriteWithVite(modules.find(({ name }) => name.startsWith('export * from a CommonJS dependency when serving')))
  expect(code).toContain(`export * from '${optimizedUrl('cjs-lib')}'`)
  expect(warnings).toHaveLength(1)
  const hashbang = await rewriteWithVite(modules.find(({ name }) => name === 'hashbang ended by LF'))
  expect(hashbang.code).toMatch(/^#!\/usr\/bin\/env node\nconst yargs = __vite__cjsImport0_yargs;/)
})

describe('rewriteCjsImports equals Vite 8.3 import analysis', () => {
  for (const module of modules) test(module.name, () => expectSameAsVite(module))
})

describe('rewriteCjsImports equals Vite 8.3 where es-module-lexer is unusual', () => {
  for (const module of lexerEdgeModules) test(module.name, () => expectSameAsVite(module))
})

describe('the source map', () => {
  // Vite's import analysis returns `s.generateMap({ hires: 'boundary', source: importer })`
  // (in a build with source maps; `null` when serving): the importer as given, no
  // `sourcesContent`, no `file`.
  test("has the fields of import analysis's map", async () => {
    const module = modules.find(({ name }) => name.startsWith('a compiled React component'))
    const { map: expected } = await rewriteWithVite(module)
    const { map: actual } = await rewriteWithOurs(module)
    expect(JSON.parse(JSON.stringify(actual))).toEqual(JSON.parse(JSON.stringify(expected)))
  })

  test('is a valid version 3 map when nothing was rewritten', async () => {
    const module = modules.find(({ name }) => name.startsWith('no imports listed'))
    const { code, map } = await rewriteWithOurs(module)
    expect(code).toBe(module.code)
    expect(map.version).toBe(3)
    expect(decode(map.mappings)).toEqual(decode((await rewriteWithVite(module)).map.mappings))
  })
})

describe('divergence: string names are escaped', () => {
  test('import {"a\\"b" as q} gives valid code reading the right key', async () => {
    const module = { code: `import { "a\\"b" as q, "c\\\\d" as r } from 'cjs-lib'\nexport { q, r }\n`, imports: cjs(['cjs-lib']) }
    const { code } = await rewriteWithOurs(module)
    const expected = (await rewriteWithVite(module)).code
      .replace('["a"b"]', () => `[${JSON.stringify('a"b')}]`)
      .replace('["c\\d"]', () => `[${JSON.stringify('c\\d')}]`)
    expect(code).toBe(expected)
  })
})
