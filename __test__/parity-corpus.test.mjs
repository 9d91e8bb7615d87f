import { describe, expect, test } from 'vitest'
import { corpusPaths, loadCorpusFile, MAX_CORPUS_FILE_BYTES, MIN_CORPUS_FILE_BYTES } from './helpers/corpus.mjs'
import { expectNativeMatchesVite } from './helpers/parity.mjs'

describe('parity with Vite on real npm modules', () => {
  for (const relativePath of corpusPaths) {
    test(relativePath, async () => {
      const { code, url, bytes } = loadCorpusFile(relativePath)
      expect(bytes).toBeGreaterThanOrEqual(MIN_CORPUS_FILE_BYTES)
      expect(bytes).toBeLessThanOrEqual(MAX_CORPUS_FILE_BYTES)
      await expectNativeMatchesVite({ code, url, inMap: null, originalCode: code })
    })
  }
})
