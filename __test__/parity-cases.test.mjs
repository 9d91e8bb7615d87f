import { describe, expect, test } from 'vitest'
import { moduleEarlyErrorCases, nativeLimitCases, parityCases, parseErrorCases, viteBugCases } from './cases/ssr-transform-cases.mjs'
import {
  compileAsModuleRunnerCode,
  expectNativeMatchesVite,
  expectNativeToReject,
  expectSameParseError,
  transformWithNative,
  transformWithVite,
} from './helpers/parity.mjs'

const PARSE_FAILURE = /^Parse failure: /

test('case names are unique, so every failure points at one case', () => {
  const names = [...parityCases, ...parseErrorCases, ...nativeLimitCases, ...viteBugCases, ...moduleEarlyErrorCases].map(({ name }) => name)
  const duplicates = names.filter((name, index) => names.indexOf(name) !== index)
  expect(duplicates).toEqual([])
})

describe('parity with Vite on hand-written cases', () => {
  for (const input of parityCases) test(input.name, () => expectNativeMatchesVite(input))
})

describe('parse errors match Vite', () => {
  for (const input of parseErrorCases) test(input.name, () => expectSameParseError(input))
})

describe('inputs the native transform deliberately refuses', () => {
  for (const input of nativeLimitCases) {
    test(input.name, async () => {
      // Vite accepts them; otherwise the case would belong with the parse errors.
      await transformWithVite(input)
      await expectNativeToReject(input, /lone surrogate/)
    })
  }
})

// Vite's output is wrong for these, so there is nothing to compare against:
// the native transform must give code the module runner can compile, or a
// parse error where the input is not a valid module.
describe('inputs Vite transforms incorrectly', () => {
  for (const { expectNativeParseError, ...input } of viteBugCases) {
    test(input.name, async () => {
      if (expectNativeParseError) {
        await expectNativeToReject(input, PARSE_FAILURE)
        return
      }
      const { code } = await transformWithNative(input)
      expect(() => compileAsModuleRunnerCode(code)).not.toThrow()
    })
  }
})

// Vite transforms these; ours reports them, like native ESM (docs/divergences.md, D7).
describe('module early errors Vite misses are reported', () => {
  for (const input of moduleEarlyErrorCases) {
    test(input.name, async () => {
      await expect(transformWithVite(input)).resolves.toBeDefined()
      await expectNativeToReject(input, /^Parse failure: .*\n(.|\n)*At file: \/src\/case\.js:\d+:\d+$/)
    })
  }
})
