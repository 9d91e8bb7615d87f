// Differential testing against Vite: the expected result is always whatever
// Vite's own `moduleRunnerTransform` produces for the same input at test time.
import { isDeepStrictEqual } from 'node:util'
import { decode } from '@jridgewell/sourcemap-codec'
import { moduleRunnerTransform as viteTransform } from 'vite'
// A static import on purpose: a missing or broken binding must fail every test
// loudly instead of being skipped.
import { ssrTransform, ssrTransformSync } from 'native-ssr-transform'

export const DEFAULT_CASE_URL = '/src/case.js'

const EXCERPT_RADIUS = 40
const MAX_VALUE_LENGTH = 300
const MAP_FIELDS_COMPARED_SEPARATELY = ['mappings', 'sources', 'sourcesContent', 'names']

/**
 * Thrown when the native result differs from Vite's. The message only names
 * what differs; the details go to `expected` (Vite's side) and `actual` (the
 * native side), which Vitest prints as a diff. They cannot go in the message:
 * Vitest rewrites `__vite_ssr_import_0__.x` to `x` in error messages, which
 * would hide exactly the text being compared.
 */
export class ParityMismatchError extends Error {
  constructor(subject, mismatches) {
    super(`${subject}: ${mismatches.map(({ label }) => label).join('; ')}`)
    this.name = 'ParityMismatchError'
    this.expected = formatReport(mismatches, 'vite')
    this.actual = formatReport(mismatches, 'native')
    this.showDiff = true
  }
}

function formatReport(mismatches, side) {
  return mismatches
    .map(({ label, context, [side]: text }) => `${label}:\n${context ? `  ${context}\n` : ''}  ${text}`)
    .join('\n\n')
}

/**
 * One differing part of a result: a short label saying where, each side's
 * text there, and optional context shown in the report but not the message.
 */
function mismatch(label, vite, native, context) {
  return { label, vite, native, context }
}

/**
 * Normalises a case `{ code, url?, inMap?, originalCode?, options? }` into the
 * positional arguments both implementations take. `originalCode` is always
 * passed explicitly: neither transform defaults it (only the plugin, in `vite.js`, passes
 * `code` for it, as Vite's dev server does).
 */
function transformArguments({ code, url = DEFAULT_CASE_URL, inMap = null, originalCode = code, options }) {
  return options === undefined ? [code, inMap, url, originalCode] : [code, inMap, url, originalCode, options]
}

export function transformWithVite(input) {
  return viteTransform(...transformArguments(input))
}

/**
 * Runs the sync and the async native entry points and checks they agree, so
 * that every parity test covers both.
 */
export async function transformWithNative(input) {
  const args = transformArguments(input)
  const syncResult = ssrTransformSync(...args)
  const asyncResult = await ssrTransform(...args)
  const mismatches = describeResultMismatches(syncResult, asyncResult, input)
  if (mismatches.length > 0) {
    throw new ParityMismatchError('ssrTransform (async) and ssrTransformSync disagree (shown as vite = sync, native = async)', mismatches)
  }
  return syncResult
}

export async function expectNativeMatchesVite(input) {
  const expected = await transformWithVite(input)
  const actual = await transformWithNative(input)
  const mismatches = describeResultMismatches(expected, actual, input)
  if (mismatches.length > 0) {
    throw new ParityMismatchError(`native result differs from Vite for ${input.url ?? DEFAULT_CASE_URL}`, mismatches)
  }
}

/** One mismatch per differing part of the result; empty when identical. */
export function describeResultMismatches(expected, actual, input = {}) {
  const mismatches = []
  if (actual.ssr !== true) mismatches.push(mismatch('ssr', 'true', describeValue(actual.ssr)))
  if (expected.code !== actual.code) mismatches.push(describeTextMismatch('code', expected.code, actual.code))
  for (const key of ['deps', 'dynamicDeps']) {
    if (!isDeepStrictEqual(expected[key], actual[key])) {
      mismatches.push(mismatch(key, describeValue(expected[key]), describeValue(actual[key])))
    }
  }
  mismatches.push(...describeMapMismatches(expected.map, actual.map, input.inMap, expected.code))
  return mismatches
}

function describeMapMismatches(expectedMap, actualMap, inMap, expectedCode) {
  // Vite hands back the caller's map object untouched in two cases (an empty
  // `mappings` string, and the JSON fast path); ours must do the same.
  if (expectedMap === inMap && expectedMap != null) {
    return actualMap === inMap ? [] : [mismatch('map identity', 'the input map object itself', 'a different object')]
  }
  if (expectedMap == null || actualMap == null) {
    return expectedMap === actualMap ? [] : [mismatch('map', describeValue(expectedMap), describeValue(actualMap))]
  }

  const mismatches = []
  const expectedMappings = decode(expectedMap.mappings)
  const actualMappings = decode(actualMap.mappings)
  if (!isDeepStrictEqual(expectedMappings, actualMappings)) {
    mismatches.push(describeMappingsMismatch(expectedMappings, actualMappings, expectedCode))
  }

  // Everything that survives JSON serialisation (version, file, ignoreList,
  // ...) must match too, since the map is inlined into the served module.
  const expectedJson = toJsonValue(expectedMap)
  const actualJson = toJsonValue(actualMap)
  const otherKeys = [...new Set([...Object.keys(expectedJson), ...Object.keys(actualJson)])]
    .filter((key) => !MAP_FIELDS_COMPARED_SEPARATELY.includes(key))
  for (const key of ['sources', 'sourcesContent', 'names', ...otherKeys]) {
    if (!isDeepStrictEqual(expectedJson[key], actualJson[key])) {
      mismatches.push(describeJsonMismatch(`map.${key}`, expectedJson[key], actualJson[key]))
    }
  }

  for (const method of ['toString', 'toUrl']) {
    if (typeof expectedMap[method] === 'function' && typeof actualMap[method] !== 'function') {
      mismatches.push(mismatch(`map.${method}`, 'a method', describeValue(actualMap[method])))
    }
  }
  if (typeof actualMap.toString === 'function' && !isDeepStrictEqual(JSON.parse(actualMap.toString()), actualJson)) {
    mismatches.push(mismatch('map.toString()', 'the JSON of the map object', truncate(actualMap.toString())))
  }
  return mismatches
}

/** Locates the first differing line and column of two texts. */
function describeTextMismatch(subject, expectedText, actualText) {
  const expectedLines = expectedText.split('\n')
  const actualLines = actualText.split('\n')
  const lineIndex = firstDifferenceIndex(expectedLines, actualLines, (a, b) => a === b)
  const expectedLine = expectedLines[lineIndex]
  const actualLine = actualLines[lineIndex]
  if (expectedLine === undefined || actualLine === undefined) {
    return mismatch(
      `${subject} line count (vite ${expectedLines.length}, native ${actualLines.length}), first extra line ${lineIndex + 1}`,
      describeValue(expectedLine),
      describeValue(actualLine),
    )
  }
  const column = firstDifferenceIndex(expectedLine, actualLine, (a, b) => a === b)
  return mismatch(
    `${subject} at line ${lineIndex + 1}, column ${column} (0-based, UTF-16)`,
    excerpt(expectedLine, column),
    excerpt(actualLine, column),
  )
}

function describeMappingsMismatch(expectedMappings, actualMappings, expectedCode) {
  const lineIndex = firstDifferenceIndex(expectedMappings, actualMappings, isDeepStrictEqual)
  const expectedSegments = expectedMappings[lineIndex]
  const actualSegments = actualMappings[lineIndex]
  if (expectedSegments === undefined || actualSegments === undefined) {
    return mismatch(
      `map.mappings generated line count (vite ${expectedMappings.length}, native ${actualMappings.length})`,
      describeValue(expectedSegments),
      describeValue(actualSegments),
    )
  }
  const segmentIndex = firstDifferenceIndex(expectedSegments, actualSegments, isDeepStrictEqual)
  const expectedSegment = expectedSegments[segmentIndex]
  const actualSegment = actualSegments[segmentIndex]
  const generatedLine = expectedCode.split('\n')[lineIndex] ?? ''
  const generatedColumn = (expectedSegment ?? actualSegment)[0]
  return mismatch(
    `map.mappings at generated line ${lineIndex + 1}, segment ${segmentIndex} ` +
      `(vite has ${expectedSegments.length} segments on the line, native ${actualSegments.length})`,
    describeValue(expectedSegment),
    describeValue(actualSegment),
    `[generatedColumn, sourceIndex, sourceLine, sourceColumn, nameIndex], 0-based; Vite's code at column ${generatedColumn}: ` +
      excerpt(generatedLine, generatedColumn),
  )
}

/** For arrays of strings such as `sourcesContent`, points at the first differing character. */
function describeJsonMismatch(subject, expected, actual) {
  if (Array.isArray(expected) && Array.isArray(actual) && expected.length === actual.length) {
    const index = firstDifferenceIndex(expected, actual, isDeepStrictEqual)
    if (typeof expected[index] === 'string' && typeof actual[index] === 'string') {
      return describeTextMismatch(`${subject}[${index}]`, expected[index], actual[index])
    }
  }
  return mismatch(subject, truncate(describeValue(expected)), truncate(describeValue(actual)))
}

/** Works on arrays and on strings (by UTF-16 code unit, like source-map columns). */
function firstDifferenceIndex(expected, actual, equals) {
  const sharedLength = Math.min(expected.length, actual.length)
  for (let index = 0; index < sharedLength; index++) {
    if (!equals(expected[index], actual[index])) return index
  }
  return sharedLength
}

/** A JSON-quoted slice around `column`, so CR, tabs and long minified lines stay readable. */
function excerpt(line, column) {
  const start = Math.max(0, column - EXCERPT_RADIUS)
  const end = column + EXCERPT_RADIUS
  return `${start > 0 ? '…' : ''}${JSON.stringify(line.slice(start, end))}${end < line.length ? '…' : ''}`
}

function truncate(text) {
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH)}…` : text
}

function describeValue(value) {
  return value === undefined ? '(none)' : JSON.stringify(value)
}

/** The JSON view of a value: what a consumer of the serialised result would see. */
function toJsonValue(value) {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value))
}

/**
 * Vite reports parse errors as `Parse failure: <parser message>\nAt file:
 * <url>:<line>:<column>` with `id`, `loc`, `frame` and `code`. The parser
 * message in between comes from oxc and is not compared.
 */
export async function expectSameParseError(input) {
  const url = input.url ?? DEFAULT_CASE_URL
  const expected = await captureRejection(() => transformWithVite(input))
  if (!expected) throw new Error(`Vite did not throw for ${url}; the case belongs in the parity list`)

  const mismatches = []
  for (const [entryPoint, run] of nativeEntryPoints(input)) {
    const actual = await captureRejection(run)
    if (!actual) {
      mismatches.push(mismatch(`${entryPoint} throws`, 'a parse error', 'no error'))
      continue
    }
    for (const { label, vite, native } of describeParseErrorMismatches(expected, actual)) {
      mismatches.push(mismatch(`${entryPoint} ${label}`, vite, native))
    }
  }
  if (mismatches.length > 0) throw new ParityMismatchError(`parse error differs from Vite for ${url}`, mismatches)
}

function describeParseErrorMismatches(expected, actual) {
  const mismatches = []
  if (!(actual instanceof Error)) mismatches.push(mismatch('thrown value', 'an Error', describeValue(actual)))
  const message = String(actual?.message)
  const expectedPrefix = 'Parse failure: '
  const expectedSuffix = expected.message.slice(expected.message.lastIndexOf('\nAt file: '))
  if (!message.startsWith(expectedPrefix) || !message.endsWith(expectedSuffix)) {
    mismatches.push(mismatch(
      'message layout (start and end)',
      `${JSON.stringify(expectedPrefix)} … ${JSON.stringify(expectedSuffix)}`,
      `${JSON.stringify(message.slice(0, expectedPrefix.length))} … ${JSON.stringify(message.slice(-expectedSuffix.length))}`,
    ))
  }
  for (const key of ['id', 'loc', 'frame', 'code']) {
    if (!isDeepStrictEqual(toJsonValue(expected[key]), toJsonValue(actual?.[key]))) {
      mismatches.push(mismatch(key, describeValue(expected[key]), describeValue(actual?.[key])))
    }
  }
  return mismatches
}

/**
 * Both native entry points must throw an Error whose message matches
 * `messagePattern`, for inputs where refusing is the intended outcome.
 */
export async function expectNativeToReject(input, messagePattern) {
  for (const [entryPoint, run] of nativeEntryPoints(input)) {
    const error = await captureRejection(run)
    if (!(error instanceof Error) || !messagePattern.test(error.message)) {
      throw new Error(`${entryPoint} should throw an Error matching ${messagePattern}, got: ${error === undefined ? 'a result' : String(error?.message ?? error)}`)
    }
  }
}

/** `[name, run]` for each native entry point, so error paths are checked on both. */
function nativeEntryPoints(input) {
  const args = transformArguments(input)
  return [
    ['ssrTransformSync', () => ssrTransformSync(...args)],
    ['ssrTransform', () => ssrTransform(...args)],
  ]
}

/** Resolves to the thrown value, or `undefined` when `run` succeeds. */
async function captureRejection(run) {
  try {
    await run()
    return undefined
  } catch (error) {
    return error ?? new Error(`threw ${String(error)}`)
  }
}

const AsyncFunction = (async () => {}).constructor
const RUNNER_HELPER_NAMES = [
  '__vite_ssr_exports__',
  '__vite_ssr_import_meta__',
  '__vite_ssr_import__',
  '__vite_ssr_dynamic_import__',
  '__vite_ssr_exportAll__',
  '__vite_ssr_exportName__',
]

/**
 * Throws the engine's SyntaxError unless `code` compiles the way Vite's module
 * runner evaluates it (a strict async function of the six helpers). Compiles
 * only; nothing runs. A hashbang is only valid at the very start of a source
 * text, so it is turned into a line comment first.
 */
export function compileAsModuleRunnerCode(code) {
  const body = code.startsWith('#!') ? `//${code.slice(2)}` : code
  return new AsyncFunction(...RUNNER_HELPER_NAMES, `"use strict";\n${body}`)
}
