// Real ES modules from the installed npm packages, used by the parity tests and
// reusable by benchmarks. Paths are relative to node_modules/ and were picked to
// cover bundled builds, minified builds, hand-written sources, barrel files made
// of re-exports, non-ASCII text, classes extending imports and `import.meta`.
import { readFileSync, statSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

export const MIN_CORPUS_FILE_BYTES = 1024
export const MAX_CORPUS_FILE_BYTES = 3 * 1024 * 1024

const nodeModulesDir = fileURLToPath(new URL('../../node_modules/', import.meta.url))

export const corpusPaths = [
  // vue: bundler entry (re-exports), full browser build, minified build, packages
  'vue/dist/vue.esm-bundler.js',
  'vue/dist/vue.esm-browser.js',
  'vue/dist/vue.runtime.esm-browser.prod.js',
  '@vue/runtime-core/dist/runtime-core.esm-bundler.js',
  '@vue/compiler-core/dist/compiler-core.esm-bundler.js',
  '@vue/reactivity/dist/reactivity.esm-bundler.js',
  '@vue/shared/dist/shared.esm-bundler.js',
  // three: the two big builds, TSL, and example modules that extend imported classes
  'three/build/three.core.js',
  'three/build/three.module.js',
  'three/build/three.tsl.js',
  'three/examples/jsm/loaders/GLTFLoader.js',
  'three/examples/jsm/controls/OrbitControls.js',
  // lodash-es: barrels and single-function modules
  'lodash-es/lodash.js',
  'lodash-es/lodash.default.js',
  'lodash-es/template.js',
  'lodash-es/debounce.js',
  'lodash-es/_baseClone.js',
  'lodash-es/wrapperLodash.js',
  // rxjs: TypeScript-compiled ES modules
  'rxjs/dist/esm/index.js',
  'rxjs/dist/esm/operators/index.js',
  'rxjs/dist/esm/internal/Subscriber.js',
  'rxjs/dist/esm/internal/Observable.js',
  'rxjs/dist/esm/internal/ajax/ajax.js',
  'rxjs/dist/esm/internal/operators/share.js',
  'rxjs/dist/esm/internal/observable/dom/WebSocketSubject.js',
  // date-fns: large functions, the `export *` barrel, non-ASCII locales
  'date-fns/parse.js',
  'date-fns/format.js',
  'date-fns/index.js',
  'date-fns/fp.js',
  'date-fns/locale/ja/_lib/localize.js',
  'date-fns/locale/ru/_lib/localize.js',
  // preact: minified module builds and source
  'preact/dist/preact.mjs',
  'preact/hooks/dist/hooks.mjs',
  'preact/compat/dist/compat.mjs',
  'preact/debug/dist/debug.mjs',
  'preact/src/diff/index.js',
  // zod
  'zod/v4/core/schemas.js',
  'zod/v4/classic/schemas.js',
  'zod/v4/core/util.js',
  'zod/v4/mini/schemas.js',
  'zod/v3/types.js',
  'zod/v4/locales/ja.js',
  'zod/v4/locales/ru.js',
  // marked
  'marked/lib/marked.esm.js',
  // svelte: unbundled sources
  'svelte/src/internal/client/runtime.js',
  'svelte/src/internal/client/proxy.js',
  'svelte/src/internal/client/index.js',
  'svelte/src/internal/client/reactivity/deriveds.js',
  'svelte/src/index-client.js',
  'svelte/src/compiler/errors.js',
  'svelte/src/compiler/phases/scope.js',
  'svelte/src/compiler/phases/2-analyze/index.js',
  // chart.js
  'chart.js/dist/chart.js',
  'chart.js/dist/helpers.js',
  'chart.js/dist/chunks/index.js',
  // pdfjs-dist: the largest inputs, readable and minified
  'pdfjs-dist/build/pdf.mjs',
  'pdfjs-dist/build/pdf.worker.mjs',
  'pdfjs-dist/build/pdf.min.mjs',
  'pdfjs-dist/build/pdf.sandbox.mjs',
  'pdfjs-dist/web/pdf_viewer.mjs',
]

/** Reads one corpus file; `url` is what a dev server would pass for it. */
export function loadCorpusFile(relativePath) {
  const absolutePath = nodeModulesDir + relativePath
  return {
    relativePath,
    absolutePath,
    url: `/node_modules/${relativePath}`,
    bytes: statSync(absolutePath).size,
    code: readFileSync(absolutePath, 'utf8'),
  }
}
