#!/usr/bin/env node
'use strict'
// Prints what the native ssrTransform makes of one file, or its source map, or how it
// compares with the installed Vite's JS transform.

const { readFileSync } = require('node:fs')
const { createRequire } = require('node:module')
const { extname, isAbsolute, join, relative, resolve, sep } = require('node:path')
const { pathToFileURL } = require('node:url')
const { parseArgs } = require('node:util')
const { exportStyles, ssrTransform } = require('../index.js')

const USAGE = `Usage: native-ssr-transform <file> [--url U] [--export-style S] [--map] [--compare-vite]

  --url U             the module URL Vite would use (default: /<path relative to the cwd>)
  --export-style S    exportName (default, Vite 7+) or defineProperty (Vite 5-6 runners)
  --map               print the source map instead of the code
  --compare-vite      compare code and map with the installed Vite's moduleRunnerTransform;
                      exits with 1 when they differ

TypeScript and JSX files are first stripped with the installed Vite's oxc or esbuild
transform, as Vite's dev server does, and that map is combined.`

const NEEDS_STRIPPING = new Set(['.ts', '.mts', '.cts', '.tsx', '.jsx'])
const MAP_FIELDS = ['version', 'file', 'sources', 'sourcesContent', 'names', 'mappings']
const DIFF_CONTEXT_LINES = 2

class UsageError extends Error {}

function parseCommandLine(argv) {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        url: { type: 'string' },
        'export-style': { type: 'string', default: 'exportName' },
        map: { type: 'boolean', default: false },
        'compare-vite': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    })
  } catch (error) {
    throw new UsageError(error.message)
  }
  const { values, positionals } = parsed
  if (values.help) return { help: true }
  if (positionals.length !== 1) throw new UsageError('expected exactly one file')
  if (!exportStyles.includes(values['export-style'])) throw new UsageError(`--export-style must be one of ${exportStyles.join(', ')}`)
  return {
    file: resolve(positionals[0]),
    url: values.url,
    exportStyle: values['export-style'],
    printMap: values.map,
    compareVite: values['compare-vite'],
  }
}

function defaultUrl(file) {
  const fromCwd = relative(process.cwd(), file)
  if (fromCwd.startsWith('..') || isAbsolute(fromCwd)) return file.split(sep).join('/')
  return `/${fromCwd.split(sep).join('/')}`
}

/** The user's Vite (resolved from the cwd), else the one next to this package, if any. */
async function loadVite() {
  for (const base of [join(process.cwd(), 'package.json'), __filename]) {
    try {
      const entry = createRequire(base).resolve('vite')
      return await import(pathToFileURL(entry).href)
    } catch {}
  }
  return undefined
}

async function stripTypes(vite, code, file) {
  if (!vite) throw new Error(`${file} needs its types or JSX removed first, which takes an installed vite`)
  const result = vite.transformWithOxc ? await vite.transformWithOxc(code, file) : await vite.transformWithEsbuild(code, file)
  return { code: result.code, map: result.map }
}

function comparableMap(map) {
  return JSON.stringify(Object.fromEntries(MAP_FIELDS.map((field) => [field, map?.[field]])))
}

function firstDifference(expected, actual) {
  const expectedLines = expected.split('\n')
  const actualLines = actual.split('\n')
  const at = expectedLines.findIndex((line, i) => line !== actualLines[i])
  const line = at === -1 ? expectedLines.length : at
  const from = Math.max(0, line - DIFF_CONTEXT_LINES)
  const context = expectedLines.slice(from, line).map((text) => `  ${text}`)
  const excerpt = (lines) => lines.slice(line, line + DIFF_CONTEXT_LINES + 1)
  return [
    `first difference at line ${line + 1}:`,
    ...context,
    ...excerpt(expectedLines).map((text) => `- ${text}`),
    ...excerpt(actualLines).map((text) => `+ ${text}`),
  ].join('\n')
}

async function main(argv) {
  const args = parseCommandLine(argv)
  if (args.help) return void console.log(USAGE)
  const originalCode = readFileSync(args.file, 'utf8')
  const url = args.url ?? defaultUrl(args.file)
  const vite = NEEDS_STRIPPING.has(extname(args.file)) || args.compareVite ? await loadVite() : undefined
  const input = NEEDS_STRIPPING.has(extname(args.file)) ? await stripTypes(vite, originalCode, args.file) : { code: originalCode, map: null }

  const ours = await ssrTransform(input.code, input.map, url, originalCode, { exportStyle: args.exportStyle })
  if (!args.compareVite) {
    process.stdout.write(args.printMap ? `${JSON.stringify(ours.map)}\n` : ours.code)
    return 0
  }

  if (!vite?.moduleRunnerTransform) throw new Error("--compare-vite needs Vite 6 or newer installed (it exports moduleRunnerTransform)")
  if (args.exportStyle !== 'exportName') console.error(`note: Vite ${vite.version} emits exportName; with --export-style ${args.exportStyle} the code differs by design`)
  const theirs = await vite.moduleRunnerTransform(input.code, input.map, url, originalCode)
  const sameCode = theirs.code === ours.code
  const sameMap = comparableMap(theirs.map) === comparableMap(ours.map)
  const sameDeps = JSON.stringify([theirs.deps, theirs.dynamicDeps]) === JSON.stringify([ours.deps, ours.dynamicDeps])
  if (sameCode && sameMap && sameDeps) {
    console.log(`identical to Vite ${vite.version}'s moduleRunnerTransform: code, map, deps and dynamicDeps`)
    return 0
  }
  console.log(`differs from Vite ${vite.version}'s moduleRunnerTransform (- Vite, + native):`)
  if (!sameCode) console.log(`code: ${firstDifference(theirs.code, ours.code)}`)
  if (!sameMap) console.log(`map:\n- ${comparableMap(theirs.map)}\n+ ${comparableMap(ours.map)}`)
  if (!sameDeps) console.log(`deps:\n- ${JSON.stringify([theirs.deps, theirs.dynamicDeps])}\n+ ${JSON.stringify([ours.deps, ours.dynamicDeps])}`)
  return 1
}

main(process.argv.slice(2)).then(
  (exitCode) => {
    process.exitCode = exitCode
  },
  (error) => {
    if (error instanceof UsageError) console.error(`${error.message}\n\n${USAGE}`)
    // Parse errors and file-system errors explain themselves (with a frame); others need the stack.
    else console.error(error?.code ? error.message : (error?.stack ?? error))
    process.exitCode = 2
  },
)
