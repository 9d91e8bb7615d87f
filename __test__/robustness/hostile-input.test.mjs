// Hostile input: none of it may crash or hang Node; each gets a correct result (the
// same as Vite's where Vite can be asked) or a clear error.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { moduleRunnerTransform } from 'vite'
import { describe, expect, test } from 'vitest'
import { ssrTransform, ssrTransformSync, transformCjsImport } from '../../index.mjs'
import { expectNativeMatchesVite } from '../helpers/parity.mjs'
import { MODULE_URL, NESTING_KINDS, copiesFor, repeatedModule, singleLineModule } from './helpers/inputs.mjs'

const NESTED_TRANSFORM_CHILD = fileURLToPath(new URL('./helpers/nested-transform-child.mjs', import.meta.url))
const MODES = ['sync', 'async']

describe('deep nesting: a correct result or a clear error, never a crash', () => {
  for (const depth of [10_000, 100_000]) {
    for (const kind of NESTING_KINDS) {
      for (const mode of MODES) {
        test(`${depth} levels of ${kind}, ${mode}`, () => {
          const child = spawnSync(process.execPath, [NESTED_TRANSFORM_CHILD, kind, String(depth), mode], { encoding: 'utf8' })
          expect({ signal: child.signal, status: child.status, stderr: child.stderr }).toEqual({ signal: null, status: 0, stderr: '' })
          const outcome = JSON.parse(child.stdout)
          if (outcome.outcome === 'error') {
            expect(outcome.message).toMatch(/nest|deep|stack/i)
          } else {
            expect(outcome).toEqual({ outcome: 'result', correct: true })
          }
        })
      }
    }
  }
})

/**
 * Vite's output for `copies` copies of the repeated block, extrapolated from its output
 * for one and two: every copy after the first is transformed alike (see inputs.mjs).
 */
async function expectedRepeatedOutput(copies) {
  const [one, two] = await Promise.all(
    [1, 2].map((n) => {
      const code = repeatedModule(n)
      return moduleRunnerTransform(code, null, MODULE_URL, code)
    }),
  )
  const extend = (first, second) => {
    expect(second.startsWith(first)).toBe(true)
    return first + second.slice(first.length).repeat(copies - 1)
  }
  return { code: extend(one.code, two.code), mappings: extend(one.map.mappings, two.map.mappings) }
}

describe('large inputs', () => {
  const FIFTY_MB = 50 * 1024 * 1024

  test('a 50 MB module, sync and async', async () => {
    const copies = copiesFor(FIFTY_MB)
    const code = repeatedModule(copies)
    expect(Buffer.byteLength(code)).toBeGreaterThanOrEqual(FIFTY_MB)
    const expected = await expectedRepeatedOutput(copies)
    // The async call runs on the threadpool while the sync one runs here.
    const asyncResult = ssrTransform(code, null, MODULE_URL)
    for (const result of [ssrTransformSync(code, null, MODULE_URL), await asyncResult]) {
      // Not toEqual: a failure would print 50 MB.
      expect(result.code === expected.code).toBe(true)
      expect(result.map.mappings === expected.mappings).toBe(true)
      expect(result.deps).toEqual(['a', 'ns', 'def'])
    }
  })

  test('a 1 MB single line is transformed as Vite does', async () => {
    const code = singleLineModule(1024 * 1024)
    expect(code).not.toContain('\n')
    await expectNativeMatchesVite({ code, url: MODULE_URL })
  })
})

describe('unusual characters are kept, with their columns, as Vite keeps them', () => {
  const importLine = `import { a } from 'a'\n`
  const cases = {
    'lone surrogates in strings, templates and comments': `${importLine}const s = '\uD800' + "x\uDC00" + \`\uDBFF\${a}\uDFFF\`; a(s) // \uD83D\nexport const t = a /* \uDE00 */ + s`,
    'a lone surrogate right before a rewritten import': `${importLine}const s = ['\uD800', a, '\uDC00'], r = a\n`,
    'NUL in strings, templates and comments': `${importLine}const s = '\0' + "\0\0" + \`\0\${a}\0\` // \0\nexport default a(s, '\0')`,
    'BOM at the start and in strings': `\uFEFF${importLine}const s = '\uFEFF' + a + \`\uFEFF\`\nexport { s }`,
    'BOM as whitespace between tokens': `${importLine}const s =\uFEFFa\uFEFF+\uFEFF1\nexport { s }`,
    'astral characters and a lone surrogate on one line': `${importLine}const s = '😀\uD800😀' + a + '\uDC00😀'; a(s)`,
    // The binding looks for lone surrogates only where the text holds U+FFFD.
    'U+FFFD itself, beside lone surrogates': `${importLine}const s = '\uFFFD\uD800\uFFFD' + a + '\uFFFD\uDFFF'; a(s)`,
    'U+FFFD itself, with no lone surrogate': `${importLine}const s = '\uFFFD' + a + \`\uFFFD\${a}\`; a(s)`,
  }
  for (const [name, code] of Object.entries(cases)) test(name, () => expectNativeMatchesVite({ code, url: MODULE_URL }))
})

describe('line endings', () => {
  const statements = [`import { a } from 'a'`, `import b from 'b'`, `export const c = a + b`, `export default function f() { return a }`, `a(b)`, `// done`]
  const cases = {
    CRLF: statements.join('\r\n'),
    'CRLF with a final line break': `${statements.join('\r\n')}\r\n`,
    'lone CR': statements.join('\r'),
    'mixed LF, CRLF, CR, U+2028 and U+2029': statements.map((s, i) => s + ['\n', '\r\n', '\r', '\u2028', '\u2029', '\n'][i]).join(''),
    'CRLF inside templates and comments': `import { a } from 'a'\r\nconst t = \`x\r\n\${a}\r\ny\`\r\n/* c\r\n*/ export { t }\r\n`,
  }
  for (const [name, code] of Object.entries(cases)) test(name, () => expectNativeMatchesVite({ code, url: MODULE_URL }))
})

describe('wrong arguments from JavaScript', () => {
  const code = `import { a } from 'a'\nexport const b = a\n`
  const rejected = {
    'null code': [[null, null, MODULE_URL], TypeError, /code must be a string/],
    'a Buffer as code': [[Buffer.from(code), null, MODULE_URL], TypeError, /code must be a string/],
    'a number url': [[code, null, 42], TypeError, /url must be a string/],
    'a missing url': [[code, null], TypeError, /url must be a string/],
    'an inMap without mappings': [[code, {}, MODULE_URL], TypeError, /inMap/],
    'an inMap with numeric mappings': [[code, { mappings: 5 }, MODULE_URL], TypeError, /inMap/],
    'a string as inMap': [[code, 'AAAA', MODULE_URL], TypeError, /inMap/],
    'options that are not an object': [[code, null, MODULE_URL, code, 'options'], TypeError, /options must be an object/],
    'an unknown export style': [[code, null, MODULE_URL, code, { exportStyle: 'commonjs' }], TypeError, /exportStyle/],
    'mappings with a character outside base64': [[code, { mappings: 'AAAA,!', sources: ['a.ts'] }, MODULE_URL], Error, /invalid character '!' in mappings/],
    'mappings with a VLQ value too large': [[code, { mappings: 'gggggggggggggggggggggggA', sources: ['a.ts'] }, MODULE_URL], Error, /VLQ value too large/],
    'mappings with a negative position': [[code, { mappings: 'AAAA,KAAD,DAAD', sources: ['a.ts'] }, MODULE_URL], Error, /negative position/],
  }
  for (const [name, [args, ErrorType, message]] of Object.entries(rejected)) {
    test(`${name}: ${ErrorType.name}`, async () => {
      expect(() => ssrTransformSync(...args)).toThrow(ErrorType)
      expect(() => ssrTransformSync(...args)).toThrow(message)
      await expect(ssrTransform(...args)).rejects.toThrow(ErrorType)
      await expect(ssrTransform(...args)).rejects.toThrow(message)
    })
  }

  // Segments for lines, columns, sources and names the code or the map does not have:
  // the composed map is Vite's.
  const pastTheEnd = {
    'generated lines and columns past the end of the code': 'AAAA,gBAAgB;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;AAmCA',
    'a source index past the end of sources': 'AAAA,KCAK,KCAK',
    'a name index past the end of names': 'AAAAA,KAAKE',
  }
  for (const [name, mappings] of Object.entries(pastTheEnd)) {
    test(`an inMap with ${name}: Vite's result`, () =>
      expectNativeMatchesVite({ code, url: MODULE_URL, inMap: { version: 3, mappings, sources: ['a.ts'], names: [] } }))
  }

  test('transformCjsImport: wrong argument types are TypeErrors', () => {
    const valid = [`import a from 'dep'`, '/deps/dep.js', 'dep', 0, '/src/a.js', false]
    const wrong = { 0: null, 1: 42, 2: undefined, 3: -1, 4: {} }
    for (const [index, value] of Object.entries(wrong)) {
      const args = valid.with(Number(index), value)
      expect(() => transformCjsImport(...args)).toThrow(TypeError)
    }
  })
})
