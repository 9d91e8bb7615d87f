#!/usr/bin/env node
// Writes the fuzzers' seed inputs: the code of every hand-written case of
// __test__/cases/ssr-transform-cases.mjs and the corpus modules that fit in the fuzzers'
// input size limit. Seeds are named by the SHA-1 of their content, as libFuzzer names
// what it adds, so writing them again adds nothing.
//
//   node fuzz/seed-corpus.mjs DIR...      (fuzz/run.sh passes fuzz/corpus/<target>)
import { createHash } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import * as cases from '../__test__/cases/ssr-transform-cases.mjs'
import { corpusPaths, loadCorpusFile } from '../__test__/helpers/corpus.mjs'

/** Keep in step with `-max_len` in fuzz/run.sh: a longer seed would be cut. */
const MAX_SEED_BYTES = 8192

function seedInputs() {
  const caseCodes = Object.values(cases).filter(Array.isArray).flat().map(({ code }) => code)
  const corpusCodes = corpusPaths.map((relativePath) => loadCorpusFile(relativePath).code)
  const fits = (code) => Buffer.byteLength(code) <= MAX_SEED_BYTES
  return [...new Set([...caseCodes, ...corpusCodes])].filter(fits)
}

function writeSeeds(directory, inputs) {
  mkdirSync(directory, { recursive: true })
  for (const input of inputs) {
    const name = createHash('sha1').update(input).digest('hex')
    writeFileSync(path.join(directory, name), input)
  }
}

const directories = process.argv.slice(2)
if (directories.length === 0) {
  console.error('usage: node fuzz/seed-corpus.mjs DIR...')
  process.exit(2)
}
const inputs = seedInputs()
for (const directory of directories) writeSeeds(directory, inputs)
console.log(`${inputs.length} seeds written to ${directories.join(', ')}`)
