'use strict'
// The JS face of the native transform: argument checks, and Vite's shapes for results
// (a SourceMap with toString()/toUrl()) and errors (loc, frame). The work is in Rust.

const fs = require('node:fs')
const { createRequire } = require('node:module')
const path = require('node:path')
const binding = require('./binding.js')

/** magic-string's `SourceMap`: the fields given, in their order, and two methods. */
class SourceMap {
  constructor(fields) {
    if (fields !== undefined) Object.assign(this, fields)
  }
  toString() {
    return JSON.stringify(this)
  }
  toUrl() {
    return `data:application/json;charset=utf-8;base64,${Buffer.from(this.toString(), 'utf8').toString('base64')}`
  }
}

/**
 * The map of our edits alone, of one source, as magic-string's `generateMap` gives it.
 * Its fields are set one by one, not copied from an object: a transform of a small module
 * takes a few microseconds, and `Object.assign` was a tenth of them.
 */
class GeneratedMap extends SourceMap {
  constructor(mappings, source, originalCode) {
    super()
    this.version = 3
    this.file = undefined
    this.sources = [source]
    this.sourcesContent = [originalCode]
    this.names = []
    this.mappings = mappings
  }
}

/** Our edits traced through the input map, as Vite's `combineSourcemaps` gives it. */
class ComposedMap extends SourceMap {
  constructor(mappings, composed, url) {
    super()
    this.version = 3
    this.mappings = mappings
    this.names = composed.names
    this.ignoreList = composed.ignoreList
    this.sourceRoot = undefined
    this.sources = composed.sources
    this.sourcesContent = composed.sourcesContent
    this.file = url
  }
}

/** The values of `exportStyle`, as the binding defines them. */
const exportStyles = Object.freeze(Object.values(binding.BindingExportStyle))

// The checks, the map and the flags are separate functions, not one that returns them
// together: that array cost as much as the rest of the JS around a small module's call.
function checkTransformArguments(code, inMap, url, options) {
  if (typeof code !== 'string') throw new TypeError(`code must be a string, got ${typeOf(code)}`)
  if (typeof url !== 'string') throw new TypeError(`url must be a string, got ${typeOf(url)}`)
  if (inMap != null && (typeof inMap !== 'object' || typeof inMap.mappings !== 'string')) {
    throw new TypeError('inMap must be null or a source map object with a string `mappings`')
  }
  if (options != null && typeof options !== 'object') throw new TypeError('options must be an object')
  const exportStyle = options?.exportStyle
  if (exportStyle !== undefined && !exportStyles.includes(exportStyle)) {
    throw new TypeError(`exportStyle must be one of ${exportStyles.join(', ')}, got ${JSON.stringify(exportStyle)}`)
  }
}

/** The input map in the binding's shape. */
function bindingMap(inMap) {
  if (inMap == null) return undefined
  return {
    mappings: inMap.mappings,
    sources: Array.isArray(inMap.sources) ? inMap.sources.map(nullableString) : [],
    sourcesContent: Array.isArray(inMap.sourcesContent) ? inMap.sourcesContent.map(nullableString) : undefined,
    names: Array.isArray(inMap.names) ? inMap.names.map(String) : [],
    sourceRoot: typeof inMap.sourceRoot === 'string' ? inMap.sourceRoot : undefined,
    ignoreList: inMap.ignoreList ?? inMap.x_google_ignoreList,
  }
}

/** The on/off options as the binding's bit flags. */
function transformFlags(options) {
  return (
    (options?.json?.stringify === true ? binding.BindingTransformFlag.JsonStringify : 0) |
    (options?.strictEsm === true ? binding.BindingTransformFlag.StrictEsm : 0)
  )
}

function typeOf(value) {
  return value === null ? 'null' : typeof value
}

function nullableString(value) {
  return typeof value === 'string' ? value : null
}

function toError(error) {
  const err = new Error(error.message)
  err.code = error.code
  err.id = error.id
  if (error.pos != null) err.pos = error.pos
  if (error.line != null) err.loc = { line: error.line, column: error.column, file: error.id }
  if (error.frame != null) err.frame = error.frame
  return err
}

function toResult(raw, inMap, url, originalCode) {
  if (!Array.isArray(raw)) throw toError(raw)
  const [code, mappings, deps, dynamicDeps, composed] = raw
  const map =
    mappings === null
      ? inMap
      : composed === undefined
        ? new GeneratedMap(mappings, path.posix.basename(url), originalCode)
        : new ComposedMap(mappings, composed, url)
  return { code, map, ssr: true, deps: specifiers(deps), dynamicDeps: dynamicDeps === undefined ? [] : specifiers(dynamicDeps) }
}

/** Specifiers as the binding hands them over: an array, or one string of lines. */
function specifiers(list) {
  return typeof list === 'string' ? list.split('\n') : list
}

/** Vite's `ssrTransform`, run synchronously. */
function ssrTransformSync(code, inMap, url, originalCode, options) {
  checkTransformArguments(code, inMap, url, options)
  const raw = binding.ssrTransformSync(code, bindingMap(inMap), url, options?.exportStyle, transformFlags(options))
  return toResult(raw, inMap, url, originalCode)
}

/**
 * Modules up to this many UTF-16 units are always transformed on the calling thread, even
 * by `ssrTransform`: they take less time (~25 µs for 2 KB) than handing them to a
 * transform thread and waking the event loop with the result. Most of an app's modules
 * are this small.
 */
const ALWAYS_IN_PLACE_MAX_LENGTH = 4096

/**
 * Modules up to this many units are transformed on the calling thread too when no other
 * module of their size is requested in the same turn of the event loop. Vite's module
 * runner awaits a module's imports one at a time, and then a hand-off adds waiting and CPU
 * (`node benchmark/hand-off.mjs`: 107 app modules of 4–128 K characters in a fresh process,
 * awaited in turn, 23.3 ms and 24.7 ms of CPU against 16.8 and 18.8 in place); requested
 * together, they gain from the threads (14.0 ms). 32 K characters take about 0.4 ms.
 */
const IN_PLACE_WHEN_ALONE_MAX_LENGTH = 32 * 1024

/** The mid-sized calls of this turn, sent on when it ends (`sendMidSized`), or null. */
let midSized = null
const resolvedPromise = Promise.resolve()

/**
 * Vite's `ssrTransform`, run off the JS thread (see `src/pool.rs`), except for small
 * modules, and mid-sized ones requested alone (`ALWAYS_IN_PLACE_MAX_LENGTH`,
 * `IN_PLACE_WHEN_ALONE_MAX_LENGTH`).
 */
async function ssrTransform(code, inMap, url, originalCode, options) {
  checkTransformArguments(code, inMap, url, options)
  const args = [code, bindingMap(inMap), url, options?.exportStyle, transformFlags(options)]
  let raw
  if (code.length <= ALWAYS_IN_PLACE_MAX_LENGTH) raw = binding.ssrTransformSync(...args)
  else if (code.length <= IN_PLACE_WHEN_ALONE_MAX_LENGTH) raw = await transformAtTurnEnd(args)
  else raw = await binding.ssrTransformAsync(...args)
  return toResult(raw, inMap, url, originalCode)
}

/** The binding's result for `args`, once the turn in which it was requested has ended. */
function transformAtTurnEnd(args) {
  return new Promise((resolve, reject) => {
    if (midSized === null) {
      midSized = []
      // Not `queueMicrotask`, which makes an AsyncResource for each callback: in a cold
      // render that was about 7% of the plugin's own JS (bench:host's profile).
      resolvedPromise.then(sendMidSized)
    }
    midSized.push({ args, resolve, reject })
  })
}

/**
 * A call alone in its turn is transformed in place; calls made together go to the threads.
 * A call that throws (an input map the binding refuses) rejects its own promise only.
 */
function sendMidSized() {
  const calls = midSized
  midSized = null
  const transform = calls.length === 1 ? binding.ssrTransformSync : binding.ssrTransformAsync
  for (const { args, resolve, reject } of calls) {
    try {
      resolve(transform(...args))
    } catch (error) {
      reject(error)
    }
  }
}

function checkString(name, value) {
  if (typeof value !== 'string') throw new TypeError(`${name} must be a string, got ${typeOf(value)}`)
}

function warnWhenServing(options, warning) {
  if (warning != null && (options?.command ?? 'serve') === 'serve') options?.onWarn?.(warning)
}

/**
 * Vite's `transformCjsImport`, with `options.command` and `options.onWarn` in place of
 * Vite's config; `options.format: 'legacy'` gives Vite 5.4's single-string form.
 */
function transformCjsImport(importExp, url, rawUrl, importIndex, importer, isNodeMode, options) {
  checkString('importExp', importExp)
  checkString('url', url)
  checkString('rawUrl', rawUrl)
  checkString('importer', importer)
  if (!Number.isInteger(importIndex) || importIndex < 0) throw new TypeError('importIndex must be a non-negative integer')
  const legacy = options?.format === 'legacy'
  const raw = binding.transformCjsImport(importExp, url, rawUrl, importIndex, importer, Boolean(isNodeMode), legacy)
  if (raw.error) throw toError(raw.error)
  if (raw.importLine == null) {
    warnWhenServing(options, raw.warning)
    return undefined
  }
  if (legacy) return raw.importLine
  return raw.hoistedAssignments == null
    ? { importLine: raw.importLine }
    : { importLine: raw.importLine, hoistedAssignments: raw.hoistedAssignments }
}

/**
 * Vite's `interopNamedImports`, applied in one pass to every import of `code` whose
 * specifier is listed in `imports` (`[{ specifier, url, nodeMode }]`).
 */
function rewriteCjsImports(code, imports, options) {
  checkString('code', code)
  if (!Array.isArray(imports)) throw new TypeError('imports must be an array of { specifier, url, nodeMode }')
  const importer = options?.importer ?? ''
  checkString('importer', importer)
  const requests = imports.map(({ specifier, url, nodeMode }) => {
    checkString('specifier', specifier)
    checkString('url', url)
    return { specifier, url, nodeMode: Boolean(nodeMode) }
  })
  const raw = binding.rewriteCjsImports(code, requests, importer, (options?.command ?? 'serve') === 'serve')
  if (raw.error) throw toError(raw.error)
  for (const warning of raw.warnings) warnWhenServing(options, warning)
  // The map Vite's import analysis makes of these edits (`source: importer`).
  const map = new SourceMap({ version: 3, file: undefined, sources: [importer], sourcesContent: undefined, names: [], mappings: raw.mappings })
  return { code: raw.code, map }
}

/** The export names and re-exported specifiers of CommonJS source, as Node's lexer sees them. */
function detectCjsExports(source) {
  checkString('source', source)
  return binding.detectCjsExports(source)
}

/**
 * The names Node's `import()` of the CommonJS file `filename` exposes, besides `default`:
 * its own exports and, recursively, those of the modules it re-exports, resolved as
 * `require` resolves them (Node's `cjsPreparseModuleExports`).
 */
function cjsExportNames(filename, options) {
  const readFile = options?.readFile ?? ((file) => fs.readFileSync(file, 'utf8'))
  const names = new Set()
  const visited = new Set()
  const visit = (file) => {
    if (visited.has(file)) return
    visited.add(file)
    const { exports, reexports } = detectCjsExports(readFile(file))
    for (const name of exports) names.add(name)
    const require = createRequire(file)
    for (const specifier of reexports) {
      let resolved
      try {
        resolved = require.resolve(specifier)
      } catch {
        continue
      }
      const extension = path.extname(resolved)
      const followed = extension === '.js' || extension === '.cjs' || !(extension in require.extensions)
      if (followed && path.isAbsolute(resolved)) visit(resolved)
    }
  }
  visit(path.resolve(filename))
  names.delete('default')
  return [...names]
}

/**
 * Replaces `export * from 'x'` with an explicit list for each specifier named in
 * `namesBySpecifier` (an object or Map of specifier to export names), leaving out
 * `default`, the module's own exports and names two stars provide. `undefined` when
 * nothing changes.
 */
function expandCjsExportStar(code, namesBySpecifier, options) {
  checkString('code', code)
  const url = options?.url ?? ''
  const names = Object.fromEntries(namesBySpecifier instanceof Map ? namesBySpecifier : Object.entries(namesBySpecifier ?? {}))
  const raw = binding.expandExportStar(code, names, url)
  if (raw.error) throw toError(raw.error)
  if (raw.code == null) return undefined
  const source = url.slice(url.lastIndexOf('/') + 1)
  const map = new GeneratedMap(raw.mappings, source, code)
  return { code: raw.code, map, expanded: raw.expanded }
}

module.exports = {
  exportStyles,
  ssrTransform,
  ssrTransformSync,
  transformCjsImport,
  rewriteCjsImports,
  detectCjsExports,
  cjsExportNames,
  expandCjsExportStar,
  SourceMap,
}
