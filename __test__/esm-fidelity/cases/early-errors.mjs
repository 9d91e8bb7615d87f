// Early errors of module code. Node rejects each program with a SyntaxError before
// anything runs. Vite transforms most of them: the imports become constants and the rest
// runs as the body of a strict async function, where some of these are allowed and some
// are reported when the runner compiles the module. Ours reports them as Vite-shaped parse
// errors (`Parse failure: … At file: url:line:column`, columns from 0), in both modes,
// except the strict-mode errors (`with`, legacy octal, …), which the runner reports anyway.
import { parseFailure, throws } from '../../helpers/fidelity.mjs'
import { entryReportingGlobalProbe } from './programs.mjs'

const LIBS = {
  '/lib.js': `export const a = 'lib a'\nexport default 'lib default'`,
  '/other.js': `export const a = 'other a'\nexport default 'other default'`,
}
const IMPORT_A = `import { a } from './lib.js'\n`

const rejectedAt = (file, line, column) => ({
  native: throws('SyntaxError'),
  ours: parseFailure(file, line, column),
  strict: parseFailure(file, line, column),
})

/** The entry `code` is an invalid module; ours rejects it at line:column; `vite` is what Vite's run gives. */
const invalidEntry = ({ name, code, at: [line, column], vite }) => ({
  name,
  files: { ...LIBS, '/main.js': code },
  ...rejectedAt('/main.js', line, column),
  vite,
})

/**
 * `code`, a module without import or export (which Vite parses as a script), is invalid;
 * it reports through globalThis.fidelityProbe what it got to run.
 */
const invalidScriptLikeModule = ({ name, code, at: [line, column], vite }) => ({
  name,
  files: { '/script.js': code, ...entryReportingGlobalProbe('./script.js') },
  ...rejectedAt('/script.js', line, column),
  vite,
})

/** Invalid in a strict function body too: the runner rejects it when it compiles the module, whatever transformed it. */
const rejectedByTheRunner = ({ name, code }) => ({
  name,
  files: { '/main.js': `${code}\nexport const result = 'ran'` },
  native: throws('SyntaxError'),
})

export const cases = [
  // A top-level name declared twice, one of them by an import.
  invalidEntry({ name: 'import and let of one name', code: `${IMPORT_A}let a = 'local'\nexport const result = a`, at: [2, 4], vite: 'lib a' }),
  invalidEntry({ name: 'import and const of one name', code: `${IMPORT_A}const a = 'local'\nexport const result = a`, at: [2, 6], vite: 'lib a' }),
  invalidEntry({ name: 'import and var of one name', code: `${IMPORT_A}var a = 'local'\nexport const result = a`, at: [2, 4], vite: 'lib a' }),
  invalidEntry({
    name: 'import and function of one name',
    code: `${IMPORT_A}function a() { return 'local' }\nexport const result = a()`,
    at: [2, 9],
    vite: throws('TypeError'),
  }),
  invalidEntry({ name: 'import and class of one name', code: `${IMPORT_A}class a {}\nexport const result = a.name`, at: [2, 6], vite: undefined }),
  invalidEntry({
    name: 'default import and let of one name',
    code: `import a from './lib.js'\nlet a = 'local'\nexport const result = a`,
    at: [2, 4],
    vite: 'lib default',
  }),
  invalidEntry({
    name: 'namespace import and let of one name',
    code: `import * as a from './lib.js'\nlet a = 'local'\nexport const result = typeof a`,
    at: [2, 4],
    vite: 'object',
  }),
  // The same name bound by two imports.
  invalidEntry({
    name: 'one name imported from two modules',
    code: `import a from './lib.js'\nimport a from './other.js'\nexport const result = a`,
    at: [2, 7],
    vite: 'other default',
  }),
  invalidEntry({
    name: 'one name imported twice from one module',
    code: `${IMPORT_A}import { a } from './lib.js'\nexport const result = a`,
    at: [2, 9],
    vite: 'lib a',
  }),
  invalidEntry({
    name: 'one name bound by the default and a named import',
    code: `import a, { a } from './lib.js'\nexport const result = a`,
    at: [1, 12],
    vite: 'lib a',
  }),
  // Top-level declarations that a function body allows but a module does not.
  invalidEntry({
    name: 'var and function of one name',
    code: `var f = 'var'\nfunction f() {}\nexport const result = typeof f`,
    at: [1, 4],
    vite: 'string',
  }),
  invalidEntry({
    name: 'two function declarations of one name',
    code: `function f() { return 1 }\nfunction f() { return 2 }\nexport const result = f()`,
    at: [2, 9],
    vite: 2,
  }),
  // Top-level declarations that a function body rejects too.
  invalidEntry({ name: 'let and var of one name', code: `let a\nvar a\nexport const result = 'ran'`, at: [2, 4], vite: throws('SyntaxError') }),
  invalidEntry({ name: 'let declared twice', code: `let a\nlet a\nexport const result = 'ran'`, at: [2, 4], vite: throws('SyntaxError') }),
  invalidEntry({
    name: 'function and let of one name',
    code: `function a() {}\nlet a\nexport const result = 'ran'`,
    at: [2, 4],
    vite: throws('SyntaxError'),
  }),
  // Exports of names the module does not declare.
  invalidEntry({ name: 'export of an undeclared name', code: `export { missing }\nexport const result = 'ran'`, at: [1, 9], vite: 'ran' }),
  invalidEntry({ name: 'export of a global', code: `export { Math }\nexport const result = 'ran'`, at: [1, 9], vite: 'ran' }),
  invalidEntry({
    name: 'export of a name declared only in a block',
    code: `{ let hidden = 1 }\nexport { hidden }\nexport const result = 'ran'`,
    at: [2, 9],
    vite: 'ran',
  }),
  // One name exported twice: the parser reports these, Vite's too.
  invalidEntry({
    name: 'one name exported twice',
    code: `export const a = 1\nexport { a }\nexport const result = 'ran'`,
    at: [1, 13],
    vite: parseFailure('/main.js', 1, 13),
  }),
  invalidEntry({
    name: 'two default exports',
    code: `export default 1\nexport default 2\nexport const result = 'ran'`,
    at: [1, 7],
    vite: parseFailure('/main.js', 1, 7),
  }),
  invalidEntry({
    name: 'a declaration and a specifier export one name',
    code: `export function a() {}\nconst b = 1\nexport { b as a }\nexport const result = 'ran'`,
    at: [1, 16],
    vite: parseFailure('/main.js', 1, 16),
  }),
  // eval and arguments bound by an import.
  invalidEntry({ name: 'import bound to eval', code: `import eval from './lib.js'\nexport const result = eval`, at: [1, 7], vite: 'lib default' }),
  invalidEntry({
    name: 'import bound to arguments',
    code: `import { a as arguments } from './lib.js'\nexport const result = String(arguments)`,
    at: [1, 14],
    vite: '[object Arguments]',
  }),
  invalidEntry({
    name: 'namespace import bound to eval',
    code: `import * as eval from './lib.js'\nexport const result = eval.a`,
    at: [1, 12],
    vite: 'lib a',
  }),
  // HTML-like comments: comments in scripts, a SyntaxError in modules.
  invalidScriptLikeModule({
    name: 'HTML-like open comment at a line start',
    code: `<!-- comment\nglobalThis.fidelityProbe = 'ran'`,
    at: [1, 0],
    vite: 'ran',
  }),
  invalidScriptLikeModule({
    name: 'HTML-like open comment after an expression',
    code: `globalThis.fidelityProbe = 'ran' <!-- comment`,
    at: [1, 33],
    vite: 'ran',
  }),
  invalidScriptLikeModule({
    name: 'HTML-like close comment at a line start',
    code: `globalThis.fidelityProbe = 'ran'\n--> comment`,
    at: [2, 2],
    vite: 'ran',
  }),
  invalidEntry({
    name: 'HTML-like open comment in a module with exports',
    code: `export const result = 'ran' <!-- comment`,
    at: [1, 28],
    vite: parseFailure('/main.js', 1, 28),
  }),
  // await is a keyword in modules.
  invalidScriptLikeModule({
    name: 'await as a variable name',
    code: `var await = 'ran'\nglobalThis.fidelityProbe = await`,
    at: [1, 4],
    vite: throws('SyntaxError'),
  }),
  invalidScriptLikeModule({ name: 'await as a label', code: `await: globalThis.fidelityProbe = 'ran'`, at: [1, 5], vite: throws('SyntaxError') }),
  invalidEntry({
    name: 'await as a variable name in a module with exports',
    code: `const await = 'ran'\nexport const result = 'ran'`,
    at: [1, 6],
    vite: throws('SyntaxError'),
  }),
  // …inside every function and class too, where Vite's parser and the runner's function
  // body allow it as a name. Where the parser already rejects it, Vite fails the same way.
  ...[
    ['await as a reference in a function', 'function f() { await; }', 15],
    ['await as a var in a function', 'function f() { var await = 1; }', 19],
    ['await as a label in a function', 'function g() { await: 1 }', 15],
    ['await as a break target', 'function g() { x: { break await; } }', 26, throws('SyntaxError')],
    ['await in a class field initializer', 'const f = async () => class { x = await }', 34],
    ['await as a shorthand property in a function', 'function f() { return { await } }', 24],
    ['await as a parameter', 'function f(await) {}', 11],
    ['await as a catch binding', 'function f() { try {} catch (await) {} }', 29],
    ['await destructured in a function', 'function f() { const { a: [await] } = {} }', 27],
    ['await in a class static block in a function', 'function f() { class C { static { await } } }', 40, 'parser'],
    ['await as a function expression name', 'const f = function await() {}', 19],
    ['await as an import local name', "import { await } from './lib.js'", 9, 'parser'],
    ['await as an exported local name', 'export { await }', 9, 'parser'],
  ].map(([name, code, column, vite = 'ran']) =>
    invalidEntry({
      name,
      code: `${code}\nexport const result = 'ran'`,
      at: [1, column],
      vite: vite === 'parser' ? parseFailure('/main.js', 1, column) : vite,
    }),
  ),
  // Allowed in the function body the runner compiles, but rejected by every parser here.
  invalidScriptLikeModule({
    name: 'top-level return',
    code: `globalThis.fidelityProbe = 'before'\nreturn\nglobalThis.fidelityProbe = 'after'`,
    at: [2, 0],
    vite: parseFailure('/script.js', 2, 0),
  }),
  invalidScriptLikeModule({
    name: 'new.target at the top level',
    code: `globalThis.fidelityProbe = typeof new.target`,
    at: [1, 34],
    vite: parseFailure('/script.js', 1, 34),
  }),
  // Strict-mode early errors: the runner compiles modules as strict code and reports them.
  rejectedByTheRunner({ name: 'with statement', code: 'with ({}) {}' }),
  rejectedByTheRunner({ name: 'legacy octal literal', code: 'const octal = 012' }),
  rejectedByTheRunner({ name: 'legacy octal escape in a string', code: `const octal = '\\012'` }),
  rejectedByTheRunner({ name: 'duplicate parameter names', code: 'function f(a, a) {}' }),
  rejectedByTheRunner({ name: 'delete of a plain name', code: 'let x\ndelete x' }),
  rejectedByTheRunner({ name: 'assignment to eval', code: 'eval = 1' }),
  rejectedByTheRunner({ name: 'arguments as a declared name', code: 'let arguments = 1' }),
  rejectedByTheRunner({ name: 'yield and package as names', code: 'var yield = 1\nvar package = 2' }),
  // The other words that strict code reserves, as names inside a function: the parser
  // lets them through, and the runner rejects them as native Node does.
  ...['implements', 'interface', 'let', 'private', 'protected', 'public', 'static', 'yield'].map((word) =>
    rejectedByTheRunner({ name: `${word} as a name in a function`, code: `function f() { var ${word} = 1 }` }),
  ),
  rejectedByTheRunner({ name: 'a function declaration as the body of an if', code: 'if (true) function f() {}' }),
  // Valid modules close to the errors above: nothing may be reported.
  {
    name: 'an import shadowed by a block declaration and by a parameter',
    files: {
      ...LIBS,
      '/main.js': `${IMPORT_A}
let inBlock
{ let a = 'block'; inBlock = a }
const byParameter = ((a) => a)('parameter')
export const result = [a, inBlock, byParameter]`,
    },
    native: ['lib a', 'block', 'parameter'],
  },
  {
    name: 'an import exported under two names',
    files: { ...LIBS, '/main.js': `${IMPORT_A}export { a, a as b }\nimport * as self from './main.js'\nexport const result = [self.a, self.b]` },
    native: ['lib a', 'lib a'],
  },
  {
    name: 'await as a property, key, method and export name',
    files: {
      '/lib.js': `const x = 'lib x'\nexport { x as await }`,
      '/main.js': `import { await as a } from './lib.js'
export { await as b } from './lib.js'
export { a as 'await' }
const o = { await: 1 }
class C { await() { return o.await } static await = 2 }
async function f() { return await 3 }
export const result = [a, o.await, new C().await(), C.await, await f()]`,
    },
    native: ['lib x', 1, 1, 2, 3],
  },
  {
    name: 'var declared twice, and a function declared twice inside a function',
    files: {
      '/main.js': `var v = 1\nvar v = 2\nfunction outer() { function f() { return 1 }\nfunction f() { return 2 }\nreturn f() }\nexport const result = [v, outer()]`,
    },
    native: [2, 2],
  },
]
