// Concurrency: many async calls at once give what the sync calls give, and an async
// transform leaves the event loop free while it runs on the threadpool.
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { describe, expect, test } from 'vitest'
import { ssrTransform, ssrTransformSync } from '../../index.mjs'
import { nativeLimitCases, parityCases, parseErrorCases, viteBugCases } from '../cases/ssr-transform-cases.mjs'
import { corpusPaths, loadCorpusFile } from '../helpers/corpus.mjs'
import { DEFAULT_CASE_URL, describeResultMismatches } from '../helpers/parity.mjs'
import { MODULE_URL, copiesFor, repeatedModule } from './helpers/inputs.mjs'

const CONCURRENT_CALLS = 2000
const SMALL_CORPUS_FILE_BYTES = 64 * 1024

/** Results, parse errors, refusals, input maps, options and lone surrogates, small and large. */
function mixedInputs() {
  const cases = [...parityCases, ...parseErrorCases, ...nativeLimitCases, ...viteBugCases]
  const corpusFiles = corpusPaths
    .map(loadCorpusFile)
    .filter(({ bytes }) => bytes <= SMALL_CORPUS_FILE_BYTES)
    .map(({ code, url }) => ({ code, url }))
  const withLoneSurrogate = { code: `import { a } from 'a'\nexport const s = '\uD800' + a + '\uDC00'` }
  return [...cases, ...corpusFiles, withLoneSurrogate]
}

function argumentsOf({ code, inMap = null, url = DEFAULT_CASE_URL, originalCode = code, options }) {
  return [code, inMap, url, originalCode, options]
}

async function settle(run) {
  try {
    return { result: await run() }
  } catch (error) {
    return { error }
  }
}

describe('concurrency', () => {
  test(`${CONCURRENT_CALLS} concurrent async calls give the sync results`, async () => {
    const inputs = mixedInputs()
    const calls = Array.from({ length: CONCURRENT_CALLS }, (_, i) => inputs[i % inputs.length])
    const expected = await Promise.all(calls.map((input) => settle(() => ssrTransformSync(...argumentsOf(input)))))
    const actual = await Promise.all(calls.map((input) => settle(() => ssrTransform(...argumentsOf(input)))))
    const disagreements = calls.flatMap((input, i) => {
      const [sync, async] = [expected[i], actual[i]]
      const mismatches =
        sync.result && async.result
          ? describeResultMismatches(sync.result, async.result, input).map(({ label }) => label)
          : sync.error?.message === async.error?.message
            ? []
            : ['outcome']
      return mismatches.length > 0 ? [{ call: i, name: input.name ?? input.url, mismatches }] : []
    })
    expect(disagreements).toEqual([])
    expect(actual.filter(({ error }) => error).length).toBeGreaterThan(0)
    expect(actual.filter(({ result }) => result).length).toBeGreaterThan(CONCURRENT_CALLS / 2)
  })

  test('mid-sized modules requested one at a time, and together, give the sync results', async () => {
    // 4–32 K characters: alone in a turn of the event loop, a module is transformed in
    // place; requested together, on the threads (index.js). Both ways must agree with sync,
    // a parse error included.
    const midSized = mixedInputs().filter(({ code }) => code.length > 4096 && code.length <= 32 * 1024)
    const broken = { code: `${'let a = 1\n'.repeat(600)}export const b = (`, url: '/broken.js' }
    const inputs = [...midSized, broken]
    expect(midSized.length).toBeGreaterThan(5)
    const expected = await Promise.all(inputs.map((input) => settle(async () => ssrTransformSync(...argumentsOf(input)))))
    const together = await Promise.all(inputs.map((input) => settle(() => ssrTransform(...argumentsOf(input)))))
    const inTurn = []
    for (const input of inputs) inTurn.push(await settle(() => ssrTransform(...argumentsOf(input))))
    expect(expected.at(-1).error).toBeInstanceOf(Error)
    // An input map the binding refuses rejects its own call, alone or among others.
    const refusedMap = { mappings: 'AAAA', sources: ['a.ts'], ignoreList: 'none' }
    const { code, url = DEFAULT_CASE_URL } = midSized[0]
    await expect(ssrTransform(code, refusedMap, url)).rejects.toThrow('ignoreList')
    const mixed = await Promise.all([refusedMap, null].map((map) => settle(() => ssrTransform(code, map, url))))
    expect(mixed[0].error?.message).toContain('ignoreList')
    expect(mixed[1].result?.code).toBe(ssrTransformSync(code, null, url).code)
    for (const actual of [together, inTurn]) {
      for (const [i, outcome] of expected.entries()) {
        if (outcome.error) expect(actual[i].error?.message).toBe(outcome.error.message)
        else expect(describeResultMismatches(outcome.result, actual[i].result)).toEqual([])
      }
    }
  })

  test('an async transform of a large module does not block the event loop', async () => {
    const code = repeatedModule(copiesFor(8 * 1024 * 1024))
    const syncStart = performance.now()
    const expected = ssrTransformSync(code, null, MODULE_URL)
    const syncDuration = performance.now() - syncStart

    const delay = monitorEventLoopDelay({ resolution: 1 })
    delay.enable()
    const result = await ssrTransform(code, null, MODULE_URL)
    delay.disable()
    const longestBlockMs = delay.max / 1e6

    expect(result.code === expected.code).toBe(true)
    // The thread still converts the strings in and out; the transform itself runs elsewhere.
    expect(longestBlockMs).toBeLessThan(syncDuration / 4)
  })
})
