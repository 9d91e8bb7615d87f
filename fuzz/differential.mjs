#!/usr/bin/env node
// Differential fuzzing against Vite: mutates valid modules (fuzz/differential/mutations.mjs)
// and compares our ssrTransform with Vite's moduleRunnerTransform on each: code byte for
// byte, decoded mappings, the other map fields, deps and dynamicDeps, or the parse
// error's location and frame. Every difference is put down to a documented divergence
// (fuzz/differential/classify.mjs) or reported, minimised, as unexplained. Independently
// of Vite, our output must compile as the module runner compiles it whenever native Node
// accepts the input as a module, and keep every original character that no rewrite
// touches where its map says (__test__/robustness/helpers/kept-characters.mjs).
//
//   node fuzz/differential.mjs [--programs N] [--seed S] [--report K] [--audit A]
//   node fuzz/differential.mjs --inputs DIR      (each file of DIR as it is, no mutation:
//                                                 e.g. a libFuzzer corpus, fuzz/corpus/ssr_transform)
//
// Seeds: the hand-written parity cases, and runs of top-level statements from the corpus
// modules. The classification reads features of the input, so a program could carry a
// documented divergence's feature and differ for another reason: the audit minimises
// the first A programs of each divergence while they differ at all, and reports those
// whose minimal form is no longer explained. Exits 1 when anything is unexplained.
import { isUtf8 } from 'node:buffer'
import { spawnSync } from 'node:child_process'
import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { isDeepStrictEqual, parseArgs } from 'node:util'
import vm from 'node:vm'

// Native Node, the judge of what a valid module is, compiles one only through
// vm.SourceTextModule, which needs this flag.
if (typeof vm.SourceTextModule !== 'function') {
  const flags = ['--experimental-vm-modules', '--no-warnings']
  const child = spawnSync(process.execPath, [...flags, ...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' })
  process.exit(child.status ?? 1)
}

const { parseAst, moduleRunnerTransform } = await import('vite')
const { ssrTransformSync } = await import('../index.mjs')
const { parityCases } = await import('../__test__/cases/ssr-transform-cases.mjs')
const { corpusPaths, loadCorpusFile } = await import('../__test__/helpers/corpus.mjs')
const { compileAsModuleRunnerCode, describeResultMismatches } = await import('../__test__/helpers/parity.mjs')
const { lostCharacters, rewritableRanges } = await import('../__test__/robustness/helpers/kept-characters.mjs')
const { DIVERGENCES, UNEXPLAINED, classify } = await import('./differential/classify.mjs')
const { minimize } = await import('./differential/minimize.mjs')
const { MUTATIONS } = await import('./differential/mutations.mjs')
const { createRandom } = await import('./differential/random.mjs')

const MODULE_URL = '/src/fuzz.js'
/** Our output does not compile although native Node accepts the input. */
const INVALID_OUTPUT = 'invalid output'
/** Our output or map loses an original character that no rewrite touches. */
const LOST_CHARACTERS = 'lost characters'
const MAX_MUTATIONS = 4
const MAX_WINDOW_STATEMENTS = 6
const MAX_STATEMENT_LENGTH = 2000
const MAX_BRACKET_DEPTH = 1000

const { values: args } = parseArgs({
  options: {
    programs: { type: 'string', default: '20000' },
    seed: { type: 'string', default: '1' },
    inputs: { type: 'string' },
    // How many unexplained findings to minimise and print.
    report: { type: 'string', default: '20' },
    // How many programs of each documented divergence to audit.
    audit: { type: 'string', default: '10' },
  },
})
const seed = Number(args.seed)

function tryParse(code) {
  try {
    return parseAst(code)
  } catch {
    return undefined
  }
}

/** Top-level statements of the corpus modules that can stand in any module. */
function corpusStatements() {
  return corpusPaths.map((relativePath) => {
    const { code } = loadCorpusFile(relativePath)
    return parseAst(code)
      .body.filter((node) => node.end - node.start <= MAX_STATEMENT_LENGTH)
      // A local export list names declarations elsewhere in its module.
      .filter((node) => !(node.type === 'ExportNamedDeclaration' && !node.declaration && !node.source))
      .map((node) => code.slice(node.start, node.end))
  })
}

/** The deepest nesting of brackets, counting every bracket character. */
function bracketDepth(code) {
  let depth = 0
  let deepest = 0
  for (const character of code) {
    if ('([{'.includes(character)) deepest = Math.max(deepest, ++depth)
    else if (')]}'.includes(character)) depth = Math.max(depth - 1, 0)
  }
  return deepest
}

/**
 * Whether the judges can read `code` at all: Vite's parser overflows its stack, and
 * takes the process down, a few thousand brackets deep; V8 refuses (a RangeError) from
 * about two thousand.
 */
function shallowEnough(code) {
  if (bracketDepth(code) > MAX_BRACKET_DEPTH) return false
  try {
    isValidModule(code)
    return true
  } catch {
    return false
  }
}

/** `count` programs made by mutating seeds: `{ next(), count, summary() }`. */
function createMutantSource(random, count) {
  const caseCodes = parityCases.map(({ code }) => code).filter((code) => shallowEnough(code) && tryParse(code))
  const statementsByFile = corpusStatements().filter((statements) => statements.length > 0)
  const corpusWindow = () => {
    const statements = random.pick(statementsByFile)
    const start = random.int(statements.length)
    return statements.slice(start, start + 1 + random.int(MAX_WINDOW_STATEMENTS)).join('\n')
  }
  let dropped = 0
  /** A seed with one to MAX_MUTATIONS mutations that each left it parseable by Vite. */
  const next = () => {
    let code = random.chance(0.5) ? random.pick(caseCodes) : corpusWindow()
    let program = tryParse(code)
    const steps = 1 + random.int(MAX_MUTATIONS)
    for (let step = 0; step < steps; step++) {
      const mutated = random.pick(MUTATIONS)(code, program, random)
      const mutatedProgram = mutated === undefined ? undefined : tryParse(mutated)
      if (mutatedProgram === undefined) {
        dropped++
        continue
      }
      ;[code, program] = [mutated, mutatedProgram]
    }
    return { code, program }
  }
  const summary = () => `${count} programs (seed ${seed}); ${dropped} mutations dropped because Vite could not parse their result`
  return { next, count, summary }
}

/** The files of `directory` that are UTF-8 and that Vite parses, as they are. */
function createDirectorySource(directory) {
  const files = readdirSync(directory).map((name) => readFileSync(path.join(directory, name)))
  const programs = files
    .filter((bytes) => isUtf8(bytes))
    .map((bytes) => bytes.toString('utf8'))
    .filter(shallowEnough)
    .map((code) => ({ code, program: tryParse(code) }))
    .filter(({ program }) => program !== undefined)
  let next = 0
  return {
    next: () => programs[next++],
    count: programs.length,
    summary: () =>
      `${programs.length} inputs of ${directory} (of ${files.length} files; the others are not UTF-8, nest too deep or do not parse)`,
  }
}

async function settle(run) {
  try {
    return { result: await run() }
  } catch (error) {
    return { error }
  }
}

async function transformBoth(code) {
  const vite = await settle(() => moduleRunnerTransform(code, null, MODULE_URL, code))
  const ours = await settle(() => ssrTransformSync(code, null, MODULE_URL, code))
  return { vite, ours }
}

/** What differs, as `{ label, vite, native }` items (none when the results agree). */
function differences({ vite, ours }) {
  if (vite.result && ours.result) return describeResultMismatches(vite.result, ours.result)
  if (vite.error && ours.error) {
    // As the parity tests: the message's wording is the parser's, the place must match.
    return ['loc', 'frame', 'code']
      .filter((key) => !isDeepStrictEqual(vite.error[key], ours.error[key]))
      .map((key) => ({ label: `error ${key}`, vite: JSON.stringify(vite.error[key]), native: JSON.stringify(ours.error[key]) }))
  }
  const describe = (side) => (side.error ? `throws ${side.error.message}` : 'transforms')
  return [{ label: 'outcome', vite: describe(vite), native: describe(ours) }]
}

function isValidModule(code) {
  try {
    new vm.SourceTextModule(code, { identifier: MODULE_URL })
    return true
  } catch (error) {
    if (error?.name === 'SyntaxError') return false
    throw error
  }
}

function compiles(code) {
  try {
    compileAsModuleRunnerCode(code)
    return true
  } catch {
    return false
  }
}

/** The class of a program's outcome: 'identical', a divergence id, UNEXPLAINED or INVALID_OUTPUT; with its differences. */
async function judge(code, program) {
  const outcome = await transformBoth(code)
  let valid
  const isValid = () => (valid ??= isValidModule(code))
  const ours = outcome.ours.result
  if (ours && !compiles(ours.code) && isValid()) {
    return { kind: INVALID_OUTPUT, diffs: [{ label: 'our output does not compile', vite: '', native: ours.code }] }
  }
  const { lost } = ours ? lostCharacters(code, ours.code, ours.map.mappings, rewritableRanges(program)) : { lost: [] }
  if (lost.length > 0) {
    const where = lost.slice(0, 3).map((at) => JSON.stringify(code.slice(at, at + 10)))
    return { kind: LOST_CHARACTERS, diffs: [{ label: 'lost characters', vite: '', native: where.join(', ') }] }
  }
  const diffs = differences(outcome)
  if (diffs.length === 0) return { kind: 'identical', diffs }
  return { kind: classify(code, program, outcome, isValid), diffs }
}

/**
 * The smallest input that Vite still parses, that native Node still accepts or still
 * refuses as the original, and whose verdict `keeps` holds for.
 */
async function minimizeWhile(code, keeps) {
  const valid = isValidModule(code)
  const small = await minimize(code, async (candidate) => {
    const program = tryParse(candidate)
    return program !== undefined && isValidModule(candidate) === valid && keeps(await judge(candidate, program))
  })
  return { code: small, verdict: await judge(small, tryParse(small)) }
}

const FINDING_KINDS = [UNEXPLAINED, INVALID_OUTPUT, LOST_CHARACTERS]

const source = args.inputs ? createDirectorySource(args.inputs) : createMutantSource(createRandom(seed), Number(args.programs))
const counts = new Map()
const findings = []
const auditSamples = []
const started = Date.now()
for (let i = 1; i <= source.count; i++) {
  const { code, program } = source.next()
  const verdict = await judge(code, program)
  counts.set(verdict.kind, (counts.get(verdict.kind) ?? 0) + 1)
  if (FINDING_KINDS.includes(verdict.kind)) findings.push({ code, verdict })
  else if (verdict.kind in DIVERGENCES && counts.get(verdict.kind) <= Number(args.audit)) auditSamples.push(code)
  if (i % 1000 === 0) {
    const seconds = ((Date.now() - started) / 1000).toFixed(0)
    console.error(`${i} programs, ${seconds}s, ${findings.length} unexplained`)
  }
}

const distinct = new Map()
const addFinding = (minimized) => {
  const entry = distinct.get(minimized.code) ?? { ...minimized, occurrences: 0 }
  entry.occurrences++
  distinct.set(minimized.code, entry)
}
// What differs first ('code', 'map.mappings', 'deps', 'error loc', …), without the
// position, which moves as the input shrinks.
const differingPart = (verdict) => verdict.diffs[0]?.label.replace(/ (at|line|count|\().*$/, '')
for (const { code, verdict } of findings.slice(0, Number(args.report))) {
  addFinding(await minimizeWhile(code, (v) => v.kind === verdict.kind && differingPart(v) === differingPart(verdict)))
}
let auditedUnexplained = 0
for (const code of auditSamples) {
  const minimized = await minimizeWhile(code, (v) => v.kind !== 'identical')
  if (FINDING_KINDS.includes(minimized.verdict.kind)) {
    auditedUnexplained++
    addFinding(minimized)
  }
}

const count = (kind) => counts.get(kind) ?? 0
console.log(`\ndifferential: ${source.summary()}; ${((Date.now() - started) / 1000).toFixed(0)}s`)
console.log(`identical to Vite: ${count('identical')}`)
for (const [id, description] of Object.entries(DIVERGENCES)) console.log(`${id.padEnd(5)} ${String(count(id)).padStart(6)}  ${description}`)
console.log(`unexplained difference: ${count(UNEXPLAINED)}`)
console.log(`our output does not compile for a module native Node accepts: ${count(INVALID_OUTPUT)}`)
console.log(`our output loses an untouched character: ${count(LOST_CHARACTERS)}`)
console.log(`audit: ${auditSamples.length} programs of documented divergences minimised; ${auditedUnexplained} no longer explained`)
if (distinct.size > 0) console.log(`\n${distinct.size} distinct minimised findings:`)
for (const { code, verdict, occurrences } of distinct.values()) {
  console.log(`\n--- ${verdict.kind} (${occurrences}×): ${JSON.stringify(code)}`)
  for (const { label, vite, native } of verdict.diffs) console.log(`  ${label}\n    vite:   ${vite}\n    native: ${native}`)
}
process.exitCode = findings.length + auditedUnexplained > 0 ? 1 : 0
