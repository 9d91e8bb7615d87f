// Nothing lost: for every input Vite can transform (the corpus modules and the
// hand-written cases), every original character that no rewrite touches is in our
// output, and the source map points at it.
import { parseAst } from 'vite'
import { describe, expect, test } from 'vitest'
import { ssrTransformSync } from '../../index.mjs'
import { parityCases, viteBugCases } from '../cases/ssr-transform-cases.mjs'
import { corpusPaths, loadCorpusFile } from '../helpers/corpus.mjs'
import { DEFAULT_CASE_URL } from '../helpers/parity.mjs'
import { lostCharacters, rewritableRanges } from './helpers/kept-characters.mjs'

/** The characters of `code` that our output loses, described for a failure message. */
function describeLoss(code, url) {
  const { code: output, map } = ssrTransformSync(code, null, url, code)
  const { lost, checked } = lostCharacters(code, output, map.mappings, rewritableRanges(parseAst(code)))
  const excerpts = lost.slice(0, 5).map((at) => JSON.stringify(code.slice(Math.max(0, at - 20), at + 20)))
  return { lostCount: lost.length, checked, excerpts }
}

function viteParses(code) {
  try {
    parseAst(code)
    return true
  } catch {
    return false
  }
}

// The map must be the map of our edits alone: no input map, no JSON fast path. Vite
// transforms every case its parser reads (wrongly for the Vite bug cases: D1–D5), not
// the D6 ones; of those it reads, ours refuses the HTML-like comment, as native ESM does.
const cases = [...parityCases, ...viteBugCases].filter(
  ({ code, inMap, options, expectNativeParseError }) =>
    inMap == null && options?.json == null && !expectNativeParseError && viteParses(code),
)

describe('every untouched character is kept where the map says', () => {
  test.each(corpusPaths)('%s', (relativePath) => {
    const { code, url } = loadCorpusFile(relativePath)
    const loss = describeLoss(code, url)
    expect(loss).toEqual({ lostCount: 0, checked: loss.checked, excerpts: [] })
  })

  test(`${cases.length} hand-written cases`, () => {
    const failures = cases
      .map(({ name, code, url = DEFAULT_CASE_URL }) => ({ name, ...describeLoss(code, url) }))
      .filter(({ lostCount }) => lostCount > 0)
    expect(failures).toEqual([])
  })
})

test('the check notices a character missing from the output', () => {
  const code = `import { a } from 'a'\nconst kept = a + 'text'\n`
  const { code: output, map } = ssrTransformSync(code, null, DEFAULT_CASE_URL)
  const damaged = output.replace("'text'", "'tExt'")
  const { lost } = lostCharacters(code, damaged, map.mappings, rewritableRanges(parseAst(code)))
  expect(lost.map((at) => code[at])).toEqual(['e'])
})
