// Parse errors must look like Vite's (message shape, id, loc, frame) and leave the
// process usable; lone surrogates must never be changed silently.
import { moduleRunnerTransform } from 'vite'
import { describe, expect, test } from 'vitest'
import { loadOurPackage } from './helpers/ours.mjs'

const url = '/src/broken.js'
const grinningFace = '\u{1F600}' // astral: two UTF-16 code units

// Every input is an invalid ES module. Which of them Vite 8 rejects is observed at run
// time rather than written down here.
const malformedInputs = [
  { name: 'unterminated double-quoted string', code: 'const a = "abc' },
  { name: 'string broken by a newline', code: "const a = 'abc\nconst b = 1" },
  { name: 'unterminated template literal', code: 'const t = `abc ${x}' },
  { name: 'unterminated template substitution', code: 'const t = `${' },
  { name: 'unterminated regex', code: 'const r = /abc' },
  { name: 'unterminated regex character class', code: 'const r = /[abc/;' },
  { name: 'regex flag given twice', code: 'const r = /a/gg;' },
  { name: 'unknown regex flag', code: 'const r = /a/q;' },
  { name: 'unterminated block comment', code: 'let a = 1; /* never closed' },
  { name: 'stray @ token', code: 'const a = 1 @ 2;' },
  { name: 'invalid character', code: 'let x = \u00A4;' },
  { name: 'NUL character', code: 'let a = 1;\u0000' },
  { name: 'lone closing brace', code: '}' },
  { name: 'extra closing paren', code: 'f())' },
  { name: 'missing closing brace at EOF', code: 'function f() {' },
  { name: 'missing closing paren, EOF after blank lines', code: 'const a = (\n\n' },
  { name: 'import declaration inside a function', code: "function f() { import x from 'y' }" },
  { name: 'import declaration inside a block', code: "{ import x from 'y' }" },
  { name: 'namespace import without a name', code: "import * from 'x'" },
  { name: 'non-string import attribute value', code: "import a from 'x' with { type: }" },
  { name: 'export declaration inside a function', code: 'function f() { export const a = 1 }' },
  { name: 'export of nothing', code: 'export' },
  { name: 'export followed by a semicolon', code: 'export;' },
  { name: 'export default of nothing', code: 'export default;' },
  { name: 'export list missing a comma', code: 'export { a b }' },
  { name: 'duplicate export name', code: 'export const a = 1; export const b = 2; export { a as b }' },
  { name: 'short \\u escape in a string', code: 'const s = "\\u12";' },
  { name: 'code point escape beyond U+10FFFF', code: 'const s = "\\u{110000}";' },
  { name: 'escape that is not an identifier start', code: 'var \\u0030abc = 1;' },
  { name: 'malformed \\u{} escape in an identifier', code: 'var a\\u{zz} = 1;' },
  { name: 'await inside a non-async function', code: 'function f() { await x }' },
  { name: 'yield as a name inside a generator', code: 'function* g() { var yield; }' },
  { name: 'top-level return', code: 'return 1' },
  { name: 'new.target outside functions', code: 'new.target' },
  { name: 'import.<not meta>', code: 'import.foo' },
  { name: 'JSX in a .js module', code: 'const a = <div/>;' },
  { name: 'TypeScript annotation in a .js module', code: 'let a: number = 1;' },
  { name: 'two errors (first one is reported)', code: 'const = 1;\nconst = 2;' },
  { name: 'error at the end of a very long line', code: `const a = [${'1, '.repeat(3000)}]];` },
  { name: 'error in the middle of a very long line', code: `const a = 1; ${'x'.repeat(300)} @ ${'y'.repeat(300)}` },
  { name: 'error on line 1000', code: `${'a;\n'.repeat(999)}const = 1` },
  { name: 'error after a hashbang', code: '#!/usr/bin/env node\nconst = 1' },
  { name: 'error after a BOM', code: '\uFEFFconst = 1' },
  { name: 'error after CRLF lines', code: 'a;\r\nb;\r\nconst = 1;\r\n' },
  { name: 'error after lone-CR lines', code: 'a;\rb;\rconst = 1;' },
  { name: 'error after U+2028/U+2029 line separators', code: 'a;\u2028b;\u2029const = 1;' },
  { name: 'error after tabs', code: '\t\tconst = 1' },
  { name: 'error after astral characters on the same line', code: `const s = "${grinningFace}${grinningFace}"; const = 1` },
  // Early errors that a parser reports only with semantic checks. Vite 8.3.8 accepts all
  // of these; they show whether we agree.
  { name: 'legacy octal literal in strict code', code: 'const a = 012;' },
  { name: 'with statement in strict code', code: 'with (a) {}' },
  { name: 'HTML-like comment in a module', code: 'a <!-- b' },
  { name: 'let named let', code: 'let let = 1' },
  { name: 'let declared twice', code: 'let a; let a;' },
  { name: 'delete of a plain name in strict code', code: 'delete x;' },
  { name: 'super outside methods', code: 'super.x' },
  { name: 'break outside loops', code: 'break;' },
]

const MIN_INPUTS_BOTH_REJECT = 25

async function outcomeOf(transform) {
  try {
    return { threw: false, result: await transform() }
  } catch (error) {
    return { threw: true, error }
  }
}

async function transformEveryWay(code) {
  const { ssrTransform, ssrTransformSync } = await loadOurPackage()
  return {
    vite: await outcomeOf(() => moduleRunnerTransform(code, null, url, code)),
    oursSync: await outcomeOf(() => ssrTransformSync(code, null, url, code)),
    oursAsync: await outcomeOf(() => ssrTransform(code, null, url, code)),
  }
}

function expectViteShapedParseError(error) {
  expect(error).toBeInstanceOf(Error)
  expect(error.message).toMatch(/^Parse failure: /)
  expect(error.id).toBe(url)
  expect(error.loc).toEqual({ file: url, line: expect.any(Number), column: expect.any(Number) })
  const suffix = `\nAt file: ${url}:${error.loc.line}:${error.loc.column}`
  expect(error.message.slice(-suffix.length)).toBe(suffix)
  expect(error.frame).toEqual(expect.any(String))
  expect(error.frame).not.toBe('')
}

describe('parse errors', () => {
  test.for(malformedInputs)('$name', async ({ code }) => {
    const { vite, oursSync, oursAsync } = await transformEveryWay(code)
    expect(oursAsync.threw).toBe(oursSync.threw)
    // Whether we reject where Vite accepts (or the reverse) is reported by the summary
    // test below, not asserted per input.
    if (!oursSync.threw) return

    expectViteShapedParseError(oursSync.error)
    expectViteShapedParseError(oursAsync.error)
    expect(oursAsync.error.message).toBe(oursSync.error.message)
    expect(oursAsync.error.loc).toEqual(oursSync.error.loc)
    expect(oursAsync.error.frame).toBe(oursSync.error.frame)
    if (vite.threw) {
      expect(oursSync.error.loc).toEqual(vite.error.loc)
      expect(oursSync.error.frame).toBe(vite.error.frame)
    }
  })

  test(`at least ${MIN_INPUTS_BOTH_REJECT} inputs are rejected by both; disagreements are annotated`, async ({ annotate }) => {
    let bothReject = 0
    const disagreements = []
    for (const { name, code } of malformedInputs) {
      const { vite, oursSync } = await transformEveryWay(code)
      if (vite.threw && oursSync.threw) bothReject++
      if (vite.threw !== oursSync.threw) {
        disagreements.push(`${name}: ${vite.threw ? 'Vite rejects, ours accepts' : `ours rejects (${oursSync.error.message.split('\n')[1]}), Vite accepts`}`)
      }
    }
    if (disagreements.length > 0) await annotate(`accept/reject disagreements with Vite:\n${disagreements.join('\n')}`)
    expect(bothReject).toBeGreaterThanOrEqual(MIN_INPUTS_BOTH_REJECT)
  })

  test('the process still transforms valid code afterwards, like Vite', async () => {
    const { ssrTransform, ssrTransformSync } = await loadOurPackage()
    const code = "import { a } from './a.js'\nexport const b = a + 1\n"
    const viteResult = await moduleRunnerTransform(code, null, '/src/ok.js', code)
    for (const ours of [ssrTransformSync(code, null, '/src/ok.js', code), await ssrTransform(code, null, '/src/ok.js', code)]) {
      expect(ours.code).toBe(viteResult.code)
      expect(ours.deps).toEqual(viteResult.deps)
    }
  })
})

const highSurrogate = String.fromCharCode(0xd800)
const lowSurrogate = String.fromCharCode(0xdfff)

// Valid modules holding an unpaired surrogate code unit. A UTF-8 round trip would turn it
// into U+FFFD, silently changing the program.
const loneSurrogateInputs = [
  { name: 'high surrogate in a double-quoted string', code: `const s = "${highSurrogate}";` },
  { name: 'low surrogate in a single-quoted string', code: `const s = '${lowSurrogate}';` },
  { name: 'reversed pair in a template literal', code: `const s = \`${lowSurrogate}${highSurrogate}\`;` },
  { name: 'high surrogate in a comment', code: `// ${highSurrogate}\nexport const a = 1` },
  { name: 'low surrogate in a regex literal', code: `export const r = /${lowSurrogate}/;` },
  { name: 'surrogate before rewritten imports and exports', code: `import { f } from './f.js'\nconst s = "${highSurrogate}"\nf(s)\nexport default s` },
]

describe('lone surrogates are kept exactly or rejected clearly', () => {
  test.for(loneSurrogateInputs)('$name', async ({ code }) => {
    const { vite, oursSync, oursAsync } = await transformEveryWay(code)
    expect(vite.threw).toBe(false)
    // The control: Vite (pure JS) keeps the code unit as it is.
    expect(vite.result.code).toContain(code.match(/[\uD800-\uDFFF]+/)[0])

    for (const ours of [oursSync, oursAsync]) {
      if (ours.threw) {
        expect(ours.error).toBeInstanceOf(Error)
        expect(ours.error.message).toMatch(/surrogate|UTF-?16/i)
      } else {
        expect(ours.result.code).toBe(vite.result.code)
      }
    }
  })
})
