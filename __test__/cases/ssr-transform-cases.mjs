// Hand-written inputs for the differential tests. Inputs only: the expected
// output of every case is produced by running Vite itself at test time.
//
// A case is `{ name, code, url?, inMap?, originalCode?, options? }`; the
// defaults are the ones of `transformWithVite` in ../helpers/parity.mjs.
// Exported lists: `parityCases` (byte parity with Vite), `parseErrorCases`
// (Vite throws; the error must match), `nativeLimitCases` (refused on purpose)
// and `viteBugCases` (Vite's output is wrong; no parity).

/** Joins source lines with LF; the TypeScript inputs of the source-map test use it too. */
export const lines = (...sourceLines) => sourceLines.join('\n')
const crlfLines = (...sourceLines) => sourceLines.join('\r\n')

const JSON_STRINGIFY = { json: { stringify: true } }
const JSON_NO_STRINGIFY = { json: { stringify: false } }
const JSON_MODULE_CODE = 'export default {"name":"x","nested":{"export default":1},"list":[1,2,3]}'

const importCases = [
  { name: 'import: default', code: lines(`import foo from 'foo'`, `foo()`, `console.log(foo)`) },
  { name: 'import: named', code: lines(`import { a } from 'a'`, `console.log(a)`) },
  { name: 'import: named with alias', code: lines(`import { a as b } from 'a'`, `b.c(b)`) },
  { name: 'import: several named', code: lines(`import { a, b, c as d } from 'm'`, `a(b, d)`) },
  { name: 'import: namespace', code: lines(`import * as ns from 'ns'`, `ns.x(ns)`, `console.log(ns)`) },
  { name: 'import: string-named', code: lines(`import { "a-b" as ab } from 'm'`, `ab()`, `console.log(ab)`) },
  { name: 'import: string-named that is a valid identifier', code: lines(`import { "ok" as ok } from 'm'`, `ok(ok)`) },
  { name: 'import: string-named with quotes and escapes', code: lines(`import { "a\\"b'c" as q, 'd\\u0065f' as r } from 'm'`, `q(r)`) },
  { name: 'import: string-named with control characters and line separators', code: lines(`import { "a\\u0001b\\u2028c\\u007f\\td" as x } from 'm\\u0000\\u2029'`, `x(x)`) },
  { name: 'import: string-named default and __proto__', code: lines(`import { "default" as d, "__proto__" as p, __proto__ } from 'm'`, `d(p, __proto__)`, `export { p as "__proto__" }`) },
  { name: 'import: names that are contextual keywords', code: lines(`import { async, of, get, set, static as s, let as l } from 'm'`, `async(of)`, `get + set`, `s(l)`, `const o = { async, get }`) },
  { name: 'import: default and named', code: lines(`import d, { a, b as c } from 'm'`, `d(a, c)`) },
  { name: 'import: default and namespace', code: lines(`import d, * as ns from 'm'`, `d(ns)`) },
  { name: 'import: named default specifier', code: lines(`import { default as d } from 'm'`, `d()`) },
  { name: 'import: side effect only', code: lines(`import 'side'`, `console.log(1)`) },
  { name: 'import: empty braces', code: lines(`import {} from 'empty'`, `console.log(1)`) },
  { name: 'import: same specifier twice', code: lines(`import { a } from 'm'`, `import { b } from 'm'`, `import 'm'`, `a(b)`) },
  { name: 'import: unused bindings', code: lines(`import a, { b } from 'a'`, `import * as c from 'c'`) },
  { name: 'import: attributes with type json', code: lines(`import data from './data.json' with { type: 'json' }`, `console.log(data)`) },
  { name: 'import: attributes on a side-effect import', code: lines(`import './style.css' with { type: 'css' }`, `export const x = 1`) },
  { name: 'import: after other statements is hoisted', code: lines(`console.log(1)`, `const x = 2`, `import { a } from 'a'`, `a(x)`) },
  { name: 'import: interleaved with code', code: lines(`import { a } from 'a'`, `a()`, `import { b } from 'b'`, `b()`, `import c from 'c'`, `c()`) },
  { name: 'import: several imports on one line', code: `import a from 'a'; import b from 'b'; a(b)` },
  { name: 'import: spanning several lines', code: lines(`import {`, `  a,`, `  b as c, // trailing`, `} from 'm'`, `a(c)`) },
  { name: 'import: followed by a line comment', code: lines(`import a from 'a' // comment`, `a()`) },
  { name: 'import: without trailing semicolon or newline', code: `import a from 'a'` },
  { name: 'import: specifier with quotes and backslash', code: lines(`import a from "a\\"b"`, `import b from 'it\\'s'`, `import c from 'c\\\\d'`, `a(b, c)`) },
  { name: 'import: specifier with escapes and non-ASCII', code: lines(`import a from '\\u0041'`, `import b from './ü.js'`, `import c from './😀.js'`, `a(b, c)`) },
  { name: 'import: specifier with a query and hash', code: lines(`import a from './a.js?raw#x'`, `a()`) },
  { name: 'import: imports only', code: lines(`import a from 'a'`, `import b from 'b'`) },
]

const exportCases = [
  { name: 'export: const with two declarators', code: `export const a = 1, b = 2` },
  { name: 'export: let and var', code: lines(`export let x`, `export var y = 1`, `x = y`) },
  { name: 'export: function declaration', code: lines(`export function f() { return 1 }`, `f()`) },
  { name: 'export: async and generator functions', code: lines(`export async function f() {}`, `export function* g() {}`, `export async function* h() {}`) },
  { name: 'export: class declaration', code: lines(`export class C {}`, `new C()`) },
  { name: 'export: object destructuring', code: `export const { a, b: { c }, d: [e] = [], ...rest } = obj` },
  { name: 'export: array destructuring', code: `export const [x, , y = 1, ...z] = arr` },
  { name: 'export: destructuring with defaults from imports', code: lines(`import { a } from 'm'`, `export const { x = a, y: [z = a()] = [] } = obj`) },
  { name: 'export: list of locals', code: lines(`const a = 1, b = 2`, `export { a, b as c }`) },
  { name: 'export: list before declarations', code: lines(`export { x, f }`, `const x = 1`, `function f() {}`) },
  { name: 'export: same local under two names', code: lines(`const x = 1`, `export { x, x as y, x as z }`) },
  { name: 'export: local as default', code: lines(`const a = 1`, `export { a as default }`) },
  { name: 'export: local as string name', code: lines(`const a = 1`, `export { a as "a b", a as "😀" }`) },
  { name: 'export: empty list', code: lines(`export {}`, `console.log(1)`) },
  { name: 'export default: number', code: `export default 42` },
  { name: 'export default: expression', code: lines(`const a = 1`, `export default a + 1`) },
  { name: 'export default: sequence in parentheses', code: `export default (1, 2)` },
  { name: 'export default: without space before parenthesis', code: lines(`const x = 1`, `export default(x)`) },
  { name: 'export default: object literal', code: `export default { a: 1, b() {} }` },
  { name: 'export default: arrow function', code: `export default () => 1` },
  { name: 'export default: anonymous function', code: lines(`export default function () { return 1 }`, `console.log(1)`) },
  { name: 'export default: anonymous generator and async functions', code: lines(`export default async function () {}`) },
  { name: 'export default: anonymous class', code: lines(`export default class { m() {} }`, `console.log(1)`) },
  { name: 'export default: named function', code: lines(`export default function f() { return f }`, `f()`) },
  { name: 'export default: named async generator function', code: lines(`export default async function* gen() {}`, `gen()`) },
  { name: 'export default: named class', code: lines(`export default class C { static x = C }`, `new C()`) },
  { name: 'export default: parenthesized named function expression', code: `export default (function f() { return f })` },
  { name: 'export default: parenthesized named class expression', code: `export default (class C {})` },
  { name: 'export default: named function followed by a parenthesized statement', code: lines(`export default function f() {}`, `(function () {})()`) },
  { name: 'export default: anonymous function followed by a parenthesized statement', code: lines(`export default function () {}`, `(function () {})()`) },
  { name: 'export default: anonymous class followed by an array statement', code: lines(`export default class {}`, `[1].forEach(console.log)`) },
  { name: 'export default: extra space before function', code: lines(`export default  function f() {}`, `f()`) },
  { name: 'export default: newline between default and function', code: lines(`export default`, `function f() {}`) },
  { name: 'export default: comment between default and function', code: `export default /* c */ function f() {}` },
  { name: 'export default: newline between export and default', code: lines(`export`, `default 1`) },
  { name: 'export default: tab between export and default', code: `export\tdefault function f() {}` },
  { name: 'export default: the default import', code: lines(`import d from 'd'`, `export default d`) },
  { name: 'export all: from', code: `export * from 'm'` },
  { name: 'export all: from twice with code between', code: lines(`export * from 'a'`, `const x = 1`, `export * from 'b'`) },
  { name: 'export all: as namespace', code: `export * as ns from 'm'` },
  { name: 'export all: as string name', code: `export * as "name space" from 'm'` },
  { name: 'export all: from and as namespace from the same module', code: lines(`export * from 'm'`, `export * as ns from 'm'`) },
  { name: 'export all: with attributes', code: `export * from './data.json' with { type: 'json' }` },
  { name: 'export from: renamed', code: `export { a as b } from 'm'` },
  { name: 'export from: several', code: `export { a, b as c, default as d } from 'm'` },
  { name: 'export from: default', code: `export { default } from 'm'` },
  { name: 'export from: default as name', code: `export { default as x } from 'm'` },
  { name: 'export from: name as default', code: `export { x as default } from 'm'` },
  { name: 'export from: string names', code: `export { "a-b" as "c-d", "e f" as ef, g as "h i" } from 'm'` },
  { name: 'export from: empty list', code: `export {} from 'm'` },
  { name: 'export from: with attributes', code: `export { a } from './data.json' with { type: 'json' }` },
  { name: 'export from: between statements', code: lines(`const x = 1`, `export { a } from 'a'`, `console.log(x)`, `export { b } from 'b'`) },
  { name: 're-export: named import', code: lines(`import { a } from 'm'`, `export { a }`) },
  { name: 're-export: named import under another name', code: lines(`import { a } from 'm'`, `export { a as b, a as default }`) },
  { name: 're-export: string-named import', code: lines(`import { "a-b" as ab } from 'm'`, `export { ab }`) },
  { name: 're-export: namespace import', code: lines(`import * as ns from 'm'`, `export { ns }`) },
  { name: 're-export: default import', code: lines(`import d from 'm'`, `export { d as default, d }`) },
  { name: 're-export: import declared after the export', code: lines(`export { a }`, `import { a } from 'm'`) },
  { name: 'import and re-export: same specifier', code: lines(`import { a } from 'm'`, `export { a } from 'm'`, `a()`) },
  { name: 'import and re-export: same specifier, re-export first', code: lines(`export { b } from 'm'`, `import { a } from 'm'`, `export * from 'm'`, `a()`) },
  { name: 'exports: order of several export forms', code: lines(`export const a = 1`, `import { b } from 'b'`, `export { b }`, `export default b`, `export * from 'c'`, `export function f() {}`, `export * as ns from 'd'`, `export { e } from 'e'`) },
]

const referenceCases = [
  { name: 'call: with arguments', code: lines(`import { a } from 'a'`, `a(1, 2)`) },
  { name: 'call: without arguments', code: lines(`import { a } from 'a'`, `a()`) },
  { name: 'call: whitespace inside empty parentheses', code: lines(`import { a } from 'a'`, `a( )`) },
  { name: 'call: comment between callee and parenthesis', code: lines(`import { a } from 'a'`, `a /* c */ (1)`) },
  { name: 'call: newline between callee and parenthesis', code: lines(`import { a } from 'a'`, `a`, `(1)`) },
  { name: 'call: comment before the first argument', code: lines(`import { a } from 'a'`, `a(/* first */ 1, 2)`, `a(`, `  // line`, `  3,`, `)`) },
  { name: 'call: spread argument', code: lines(`import { a, b } from 'a'`, `a(...b)`) },
  { name: 'call: optional', code: lines(`import { a } from 'a'`, `a?.()`, `a?.(1)`) },
  { name: 'call: callee in parentheses', code: lines(`import { a } from 'a'`, `;(a)()`, `;(a)(1)`) },
  { name: 'call: default import as callee', code: lines(`import d from 'd'`, `d(d)`) },
  { name: 'call: namespace as callee and member callee', code: lines(`import * as ns from 'ns'`, `ns()`, `ns.f()`, `ns['g']()`) },
  { name: 'call: string-named import as callee', code: lines(`import { "a-b" as ab } from 'm'`, `ab(1)`) },
  { name: 'call: nested calls', code: lines(`import { a, b } from 'm'`, `a(b(a()))`) },
  { name: 'call: callee result called again', code: lines(`import { a } from 'm'`, `a()()`, `a(1)(2)`) },
  { name: 'argument: position', code: lines(`import { a } from 'a'`, `console.log(a)`, `f(1, a, 2)`) },
  { name: 'argument: optional call argument', code: lines(`import { a } from 'a'`, `f?.(a)`) },
  { name: 'new: with and without arguments', code: lines(`import { A } from 'a'`, `new A()`, `new A`, `new A(A)`) },
  { name: 'new: member of namespace', code: lines(`import * as ns from 'ns'`, `new ns.A()`) },
  { name: 'tagged template', code: lines(`import { tag } from 'a'`, 'tag`x${tag}y`') },
  { name: 'template literal expression', code: lines(`import { a } from 'a'`, 'const s = `${a}-${a()}`') },
  { name: 'member: object and computed property', code: lines(`import { a, b } from 'm'`, `a.b`, `a[b]`, `x[a]`, `a.b.c()`, `a?.b`, `a?.[b]`) },
  { name: 'member: non-computed property named like an import', code: lines(`import { a } from 'm'`, `x.a`, `x?.a`, `x.a()`) },
  { name: 'shorthand property', code: lines(`import { a, b } from 'm'`, `const o = { a, b, c: a }`) },
  { name: 'shorthand property of a default and a namespace import', code: lines(`import d, * as ns from 'm'`, `const o = { d, ns }`) },
  { name: 'spread in object and array', code: lines(`import { a } from 'm'`, `const o = { ...a }`, `const l = [...a]`) },
  { name: 'object destructuring declaration shadows', code: lines(`import { a, b } from 'm'`, `function f() {`, `  const { a, x: b } = obj`, `  return a + b`, `}`) },
  { name: 'object destructuring with defaults from imports', code: lines(`import { a } from 'm'`, `function f() {`, `  const { x = a, y: [z = a] = [] } = obj`, `  return x + z`, `}`) },
  { name: 'object destructuring with computed key from import', code: lines(`import { a } from 'm'`, `function f() {`, `  const { [a]: x } = obj`, `  return x`, `}`) },
  { name: 'array destructuring assignment to imports', code: lines(`import { a, b } from 'm'`, `let x`, `;[a, b] = arr`, `;[x = a, ...b] = arr`) },
  { name: 'destructuring assignment with defaults from imports', code: lines(`import { a } from 'm'`, `let x, y`, `;({ x = a } = obj)`, `;[y = a] = arr`) },
  { name: 'destructuring assignment nested in a function', code: lines(`import { a } from 'm'`, `function f() {`, `  let x`, `  ;({ a: x } = obj)`, `  ;[x] = [a]`, `}`) },
  { name: 'class extends import', code: lines(`import { Base } from 'm'`, `class A extends Base {}`) },
  { name: 'class extends import twice', code: lines(`import { Base } from 'm'`, `class A extends Base {}`, `class B extends Base {}`) },
  { name: 'class extends default import inside a function', code: lines(`import Base from 'm'`, `console.log(1)`, `function f() {`, `  class A extends Base {}`, `  return A`, `}`) },
  { name: 'class extends import inside a block', code: lines(`import { Base } from 'm'`, `if (x) {`, `  class A extends Base {}`, `}`) },
  { name: 'class extends import in an export', code: lines(`import { Base } from 'm'`, `export class A extends Base {}`, `export default class extends Base {}`) },
  { name: 'class extends member of namespace', code: lines(`import * as ns from 'm'`, `class A extends ns.Base {}`) },
  { name: 'class extends call of import', code: lines(`import { mixin } from 'm'`, `class A extends mixin(Object) {}`) },
  { name: 'class extends import inside an anonymous default export', code: lines(`import { Base } from 'm'`, `export default function () { class A extends Base {} }`) },
  { name: 'class extends two imports in one top-level statement', code: lines(`import { X, Y } from 'm'`, `function f() { class A extends X {} class B extends Y {} }`) },
  { name: 'class expression extends import', code: lines(`import { Base } from 'm'`, `const A = class extends Base {}`, `const B = class Named extends Base {}`) },
  { name: 'class expression name same as import', code: lines(`import { a } from 'm'`, `const C = class a { m() { return a } }`, `a()`) },
  { name: 'labels named like imports', code: lines(`import { a } from 'm'`, `a: for (;;) {`, `  if (a) break a`, `  continue a`, `}`) },
  { name: 'non-computed keys named like imports', code: lines(`import { a } from 'm'`, `const o = { a: 1, 'a': 2, a() {}, get a() { return a }, set a(v) {} }`) },
  { name: 'class members named like imports', code: lines(`import { a } from 'm'`, `class C {`, `  a = a`, `  static a = a`, `  a() { return a }`, `  static a() {}`, `  get a() { return a }`, `  #a = a`, `}`) },
  { name: 'computed keys from imports', code: lines(`import { a } from 'm'`, `const o = { [a]: a, [a + 1]() {} }`, `class C {`, `  [a] = 1;`, `  static [a] = 2;`, `  [a]() {}`, `}`) },
  { name: 'arguments is left alone', code: lines(`import { a } from 'm'`, `function f() { return a(arguments) }`) },
  { name: 'import.meta', code: lines(`console.log(import.meta)`, `const { url } = import.meta`) },
  { name: 'import.meta.url and members', code: lines(`console.log(import.meta.url)`, `import.meta.hot?.accept()`, `import.meta.env.DEV`) },
  { name: 'import.meta inside functions and typeof', code: lines(`function f() { return typeof import.meta }`, `const g = () => import.meta.url`) },
  { name: 'import.meta with a comment and spaces inside', code: lines(`console.log(import /* c */ . meta.url)`, `import.meta?.env`) },
  { name: 'dynamic import: string literal', code: lines(`import('a')`, `import("b")`, `await import('a')`) },
  { name: 'dynamic import: template literal', code: 'import(`a`)\nimport(`./${x}.js`)' },
  { name: 'dynamic import: non-literal argument', code: lines(`const name = 'x'`, `import(name)`, `import('a' + name)`) },
  { name: 'dynamic import: with attributes', code: lines(`import('./a.json', { with: { type: 'json' } })`) },
  { name: 'dynamic import: whitespace and comments', code: lines(`import ('a')`, `import(/* c */ 'b')`, `import(`, `  'c'`, `)`) },
  { name: 'dynamic import: comment between import and parenthesis', code: `import /* c */ ('a')` },
  { name: 'dynamic import: argument is an import', code: lines(`import { a } from 'm'`, `import(a)`) },
  { name: 'dynamic import: static import of the same specifier', code: lines(`import a from 'a'`, `import('a').then(a)`) },
  { name: 'typeof, delete, void and in', code: lines(`import { a } from 'm'`, `typeof a`, `delete a.b`, `void a`, `'x' in a`, `x instanceof a`) },
  { name: 'operators and conditionals', code: lines(`import { a, b } from 'm'`, `const x = a ? b : a ?? b`, `const y = (a, b)`, `if (a && !b) {}`) },
  { name: 'arrow functions returning imports', code: lines(`import { a } from 'm'`, `const f = () => a`, `const g = () => a()`, `const h = async () => await a`) },
  { name: 'generator yielding an import', code: lines(`import { a } from 'm'`, `function* g() { yield a; yield* a() }`) },
  { name: 'top-level await of imports', code: lines(`import { a } from 'm'`, `await a`, `await a()`, `for await (const x of a) {}`) },
  { name: 'assignment and update of imports', code: lines(`import { a } from 'm'`, `function f() {`, `  a = 1`, `  a++`, `  a += 2`, `}`) },
  { name: 'for-in and for-of assigning to an import', code: lines(`import { a } from 'm'`, `for (a in obj) {}`, `for (a of arr) {}`) },
  { name: 'new with call and member callees', code: lines(`import { a } from 'm'`, `new (a())()`, `new a.b()`, `new a()()`, `a.b?.()`, `a?.b()`) },
  { name: 'for-of over an import', code: lines(`import { a } from 'm'`, `for (const x of a) {}`, `for (const k in a) {}`) },
  { name: 'new.target and import.meta next to imports named target and meta', code: lines(`import { meta, target } from 'm'`, `function f() { return [new.target, import.meta, meta, target] }`) },
  { name: 'import attribute key named like an import', code: lines(`import { type } from 'm'`, `import y from './y.json' with { type: 'json' }`, `import('./z.json', { with: { type: 'json' } })`, `type(y)`) },
  { name: 'identifiers with $ and _ (not word characters for source-map boundaries)', code: lines(`import { $, _a$b } from 'm'`, `$(_a$b); const $x = $.y`) },
  { name: 'private name check with an import', code: lines(`import { a } from 'm'`, `class C { #p; static has(o) { return #p in o && a(o.#p) } }`) },
]

const scopeCases = [
  { name: 'scope: function parameter', code: lines(`import { a } from 'm'`, `function f(a) { return a }`, `a()`) },
  { name: 'scope: arrow parameters', code: lines(`import { a, b } from 'm'`, `const f = a => a`, `const g = (b, c) => b + c`, `a(b)`) },
  { name: 'scope: default parameter from an import', code: lines(`import { a } from 'm'`, `function f(x = a) { return x }`, `const g = (y = a()) => y`) },
  { name: 'scope: default parameter from an earlier parameter', code: lines(`import { a } from 'm'`, `function f(a, b = a) { return b }`) },
  { name: 'scope: rest parameter', code: lines(`import { a } from 'm'`, `function f(...a) { return a }`) },
  { name: 'scope: destructured parameters', code: lines(`import { a, b, c, d } from 'm'`, `function f({ a }, [b], { x: c = 1 }, { ...d }) { return a + b + c + d }`, `a(b, c, d)`) },
  { name: 'scope: nested functions', code: lines(`import { a } from 'm'`, `function outer() {`, `  function inner(a) { return a }`, `  return a(inner)`, `}`) },
  { name: 'scope: function declaration hoisting inside a function', code: lines(`import { a } from 'm'`, `function f() {`, `  a()`, `  function a() {}`, `}`, `a()`) },
  { name: 'scope: let used before declaration in a function', code: lines(`import { a } from 'm'`, `function f() {`, `  a()`, `  let a = 1`, `}`) },
  { name: 'scope: block with let and const', code: lines(`import { a, b } from 'm'`, `{`, `  let a = 1`, `  const b = 2`, `  a + b`, `}`, `a(b)`) },
  { name: 'scope: if and else blocks', code: lines(`import { a } from 'm'`, `if (x) {`, `  let a = 1`, `  a++`, `} else if (y) {`, `  a()`, `} else {`, `  const a = 2`, `  a`, `}`) },
  { name: 'scope: for with let', code: lines(`import { i } from 'm'`, `for (let i = 0; i < 3; i++) { i }`, `i()`) },
  { name: 'scope: for with var in a function', code: lines(`import { i } from 'm'`, `function f() {`, `  for (var i = 0; i < 3; i++) {}`, `  return i`, `}`, `i()`) },
  { name: 'scope: for-in and for-of with const', code: lines(`import { k, v } from 'm'`, `for (const k in obj) k`, `for (const v of arr) { v }`, `k(v)`) },
  { name: 'scope: for-of with destructuring', code: lines(`import { k, v } from 'm'`, `for (const [k, { v }] of entries) { k(v) }`, `k(v)`) },
  { name: 'scope: for-of with var in a function', code: lines(`import { v } from 'm'`, `function f() {`, `  for (var v of arr) {}`, `  return v`, `}`) },
  { name: 'scope: for-of over the name it declares', code: lines(`import { a } from 'm'`, `function f() {`, `  for (const a of a) {}`, `}`) },
  { name: 'scope: while and do-while bodies', code: lines(`import { a } from 'm'`, `while (a) { let a = 1; a }`, `do { const a = 2 } while (a())`) },
  { name: 'scope: catch parameter', code: lines(`import { e } from 'm'`, `try {} catch (e) { e }`, `e()`) },
  { name: 'scope: destructured catch parameter', code: lines(`import { message, code } from 'm'`, `try {} catch ({ message, cause: [code] }) { message + code }`, `message(code)`) },
  { name: 'scope: catch without parameter', code: lines(`import { e } from 'm'`, `try { e() } catch { e() } finally { e() }`) },
  { name: 'scope: switch case with let', code: lines(`import { a } from 'm'`, `switch (x) {`, `  case 1:`, `    let a = 1`, `    a`, `    break`, `  default:`, `    a`, `}`, `a()`) },
  { name: 'scope: switch discriminant shadowed inside a case', code: lines(`import { a } from 'm'`, `function f() {`, `  switch (a) {`, `    case 1:`, `      let a = 2`, `      return a`, `  }`, `}`) },
  { name: 'scope: switch case test uses import', code: lines(`import { a, b } from 'm'`, `switch (x) {`, `  case a:`, `  case b(): {`, `    break`, `  }`, `}`) },
  { name: 'scope: labeled blocks', code: lines(`import { a } from 'm'`, `outer: {`, `  const a = 1`, `  if (a) break outer`, `}`, `a()`) },
  { name: 'scope: class fields and methods', code: lines(`import { a, b } from 'm'`, `class C {`, `  x = a`, `  static y = b()`, `  m(a) { return a + b }`, `}`) },
  { name: 'scope: class static block', code: lines(`import { a } from 'm'`, `class C {`, `  static {`, `    a()`, `    this.x = a`, `  }`, `}`) },
  { name: 'scope: class declaration name shadows in a function', code: lines(`import { a } from 'm'`, `function f() {`, `  class a {}`, `  return new a()`, `}`, `a()`) },
  { name: 'scope: function expression name', code: lines(`import { a } from 'm'`, `const f = function a() { return a }`, `a()`) },
  { name: 'scope: function expression name in a call argument', code: lines(`import { a } from 'm'`, `setTimeout(function a() { a() })`) },
  { name: 'scope: object method parameters', code: lines(`import { a } from 'm'`, `const o = {`, `  m(a) { return a },`, `  n() { return a },`, `  async *g(a = a) {},`, `}`) },
  { name: 'scope: var hoisted out of a block', code: lines(`import { a } from 'm'`, `function f() {`, `  {`, `    var a = 1`, `  }`, `  return a`, `}`) },
  { name: 'scope: var hoisted out of nested blocks and loops', code: lines(`import { a } from 'm'`, `function f() {`, `  if (x) { while (y) { var a = 1 } }`, `  return a`, `}`) },
  { name: 'scope: function declaration in a block', code: lines(`import { a } from 'm'`, `function f() {`, `  {`, `    function a() {}`, `    a()`, `  }`, `  return a()`, `}`) },
  { name: 'scope: shadowing only in the inner function', code: lines(`import { a } from 'm'`, `function f() {`, `  const g = () => { const a = 1; return a }`, `  return a + g()`, `}`) },
  { name: 'scope: shadowed by a later top-level sibling function parameter', code: lines(`import { a } from 'm'`, `function f() { return a }`, `function g(a) { return a }`) },
  { name: 'scope: arrow with destructured defaults', code: lines(`import { a, b } from 'm'`, `const f = ({ x = a, y: { b } = {} } = {}) => x + b`) },
  { name: 'scope: nested destructuring declarations', code: lines(`import { a, b, c } from 'm'`, `function f() {`, `  const { x: { a }, y: [, b], ...c } = obj`, `  return [a, b, c]`, `}`, `a(b, c)`) },
  { name: 'scope: let shadow does not leak to outer references', code: lines(`import { a } from 'm'`, `function f() {`, `  if (x) { let a = 1 }`, `  return a`, `}`) },
  { name: 'scope: closures over a shadowing var', code: lines(`import { a } from 'm'`, `function f() {`, `  const g = () => a`, `  var a = 1`, `  return g`, `}`) },
]

// Vite appends `;` after a statement (except the last one of a list) unless it
// already ends in `;` or is a function, class, block or import declaration.
const semicolonCases = [
  { name: 'semicolon: expression statement before a call of an import', code: lines(`import { a } from 'm'`, `foo`, `a(1)`) },
  { name: 'semicolon: declaration before an optional call of an import', code: lines(`import { a } from 'm'`, `let x = 1`, `a?.()`) },
  { name: 'semicolon: statement followed by a parenthesized expression', code: lines(`import { a } from 'm'`, `let x`, `(a)()`) },
  { name: 'semicolon: statement followed by an array', code: lines(`import { a } from 'm'`, `let x`, `[a].forEach(console.log)`) },
  { name: 'semicolon: statement followed by a template', code: lines(`import { a } from 'm'`, `let x`, '`${a}`') },
  { name: 'semicolon: statements that already end in semicolons', code: lines(`import { a } from 'm';`, `let x = 1;`, `a();`, `x;`) },
  { name: 'semicolon: after a block', code: lines(`import { a } from 'm'`, `{ x }`, `a()`) },
  { name: 'semicolon: after class and function declarations', code: lines(`import { a } from 'm'`, `class C {}`, `a()`, `function f() {}`, `a()`) },
  { name: 'semicolon: after class and function expressions', code: lines(`import { a } from 'm'`, `const C = class {}`, `a()`, `const f = function () {}`, `a()`) },
  { name: 'semicolon: after exported declarations', code: lines(`import { a } from 'm'`, `export const x = 1`, `a()`, `export function f() {}`, `a()`, `export class C {}`, `a()`) },
  { name: 'semicolon: after export default expressions', code: lines(`import { a } from 'm'`, `export default 1`, `a()`) },
  { name: 'semicolon: after export lists', code: lines(`import { a } from 'm'`, `const x = 1`, `export { x }`, `a()`) },
  { name: 'semicolon: after if, loops and try', code: lines(`import { a } from 'm'`, `if (x) foo`, `a()`, `for (;;) break`, `a()`, `while (x) x--`, `a()`, `do x++; while (x < 3)`, `a()`, `try {} catch {}`, `a()`) },
  { name: 'semicolon: inside blocks', code: lines(`import { a } from 'm'`, `{`, `  foo`, `  a()`, `  bar`, `}`) },
  { name: 'semicolon: inside function bodies', code: lines(`import { a } from 'm'`, `function f() {`, `  foo`, `  a()`, `  return`, `}`) },
  { name: 'semicolon: inside switch cases', code: lines(`import { a } from 'm'`, `switch (x) {`, `  case 1:`, `    foo`, `    a()`, `  default:`, `    bar`, `    a()`, `}`) },
  { name: 'semicolon: inside static blocks', code: lines(`import { a } from 'm'`, `class C {`, `  static {`, `    foo`, `    a()`, `  }`, `}`) },
  { name: 'semicolon: inside labeled and nested statements', code: lines(`import { a } from 'm'`, `l: {`, `  foo`, `  a()`, `}`, `bar`, `a()`) },
  { name: 'semicolon: comment with a semicolon after a statement', code: lines(`import { a } from 'm'`, `foo /* ; */`, `a()`, `bar // ;`, `a()`) },
  { name: 'semicolon: directive prologue', code: lines(`'use strict'`, `import { a } from 'm'`, `a()`) },
  { name: 'semicolon: empty statements', code: lines(`import { a } from 'm'`, `;;`, `a()`, `;`) },
  { name: 'semicolon: statements on one line separated by ASI at line terminator U+2028', code: `import { a } from 'm'\nfoo\u2028a()` },
  // A module that imports no binding skips statements whose text has neither `{` nor `import`.
  { name: 'semicolon: module without import bindings, nested lists', code: lines(`foo`, `if (x) bar`, `const f = () => { a; b }`, `x = y`, `l: for (;;) { a; b }`, `switch (x) { case 1: a; b }`, `class C { static { a; b } }`) },
  { name: 'semicolon: module without import bindings, import.meta and import()', code: lines(`import 'side'`, `foo`, `x = import.meta.url`, `if (x) import('./d.js')`, `s = "import"`, `t = 1`, `export const e = () => import.meta`) },
]

const hashbangCases = [
  { name: 'hashbang: LF', code: lines(`#!/usr/bin/env node`, `import { a } from 'm'`, `export const b = a()`) },
  { name: 'hashbang: CRLF', code: crlfLines(`#!/usr/bin/env node`, `import { a } from 'm'`, `export const b = a()`) },
  { name: 'hashbang: CR', code: `#!/usr/bin/env node\rimport { a } from 'm'\rexport const b = a()` },
  { name: 'hashbang: U+2028', code: `#!/usr/bin/env node\u2028import { a } from 'm'\nexport const b = a()` },
  { name: 'hashbang: U+2029', code: `#!/usr/bin/env node\u2029import { a } from 'm'\nexport const b = a()` },
  { name: 'hashbang: without a line terminator', code: `#!/usr/bin/env node` },
  { name: 'hashbang: followed by exports only', code: lines(`#!/usr/bin/env node`, `export default 1`, `export * from 'm'`) },
  { name: 'hashbang: CRLF and nothing else', code: `#!/usr/bin/env node\r\n` },
  { name: 'hashbang: followed by import.meta without a newline at the end', code: lines(`#!/usr/bin/env node`, `export * from 'm'`, `console.log(import.meta.url)`) },
  { name: 'hashbang: import not at the start', code: lines(`#!/usr/bin/env node`, `console.log(1)`, `import a from 'a'`, `a()`) },
]

const lineEndingCases = [
  { name: 'CRLF: imports, exports and references', code: crlfLines(`import { a } from 'm'`, `import * as ns from 'ns'`, `export const x = a()`, `export default ns`, `function f() {`, `  return a(x)`, `}`, ``) },
  { name: 'CRLF: multi-line import and export statements', code: crlfLines(`import {`, `  a,`, `  b,`, `} from 'm'`, `export {`, `  a,`, `  b as c,`, `}`, `a(b)`) },
  { name: 'CRLF: newline between callee and arguments', code: crlfLines(`import { a } from 'm'`, `a`, `(`, `  1`, `)`) },
  { name: 'CRLF: export default of a multi-line expression', code: crlfLines(`export default {`, `  a: 1,`, `}`) },
  { name: 'CR: line endings only', code: `import { a } from 'm'\rexport const x = a()\rfunction f() {\r  return a\r}` },
  { name: 'mixed line endings', code: `import { a } from 'm'\r\nconst x = 1\nexport { x }\ra(x)\u2028a(x)\u2029a(x)` },
  { name: 'no trailing newline after the last import', code: `const x = 1\nimport a from 'a'` },
  { name: 'tabs and other whitespace around edits', code: `import\t{\ta\t}\tfrom\t'm'\n\ta\u00a0(1)\v\f\n\ta\u2003(a)` },
  { name: 'raw CR and CRLF inside a template literal', code: 'import { a } from \'m\'\nconst t = `x\ry\r\nz${a}`\na(t)' },
]

const bomCases = [
  { name: 'BOM: before an import', code: '\uFEFFimport { a } from \'m\'\na()' },
  { name: 'BOM: before an export', code: '\uFEFFexport const x = 1\nexport default x' },
  { name: 'BOM: before a plain statement', code: '\uFEFFconsole.log(1)\nimport a from \'a\'\na()' },
]

// Source-map columns are UTF-16 code units, and magic-string's boundary map
// splits at word characters, so non-ASCII text around edits matters.
const unicodeCases = [
  { name: 'unicode: non-ASCII identifiers', code: lines(`import { ñ, 変数 } from 'm'`, `ñ(変数)`, `const ü = ñ`, `export { ü, 変数 }`) },
  { name: 'unicode: astral identifiers', code: lines(`import { 𝑓, 𐊧 } from 'm'`, `𝑓(𐊧)`, `export const 𝒙 = 𝑓`) },
  { name: 'unicode: identifier escapes', code: lines(`import { a, \\u0062 } from 'm'`, `\\u0061()`, `b(\\u{61})`, `export const \\u0063 = 1`) },
  { name: 'unicode: strings before and after edits', code: lines(`import { a } from 'm'`, `const s = 'héllo wörld'`, `a(s, 'ünïcödé')`, `const t = 'after ✓'`) },
  { name: 'unicode: emoji before and after edits', code: lines(`import { a } from 'm'`, `const e = '😀👍🏽'; a(e); const f = '🎉'`, `a('👨‍👩‍👧')`) },
  { name: 'unicode: astral characters on the same line as several edits', code: lines(`import { a, b } from 'm'`, `const x = ['𝟘', a, '𝟙', b(), '𝟚', a.c]`) },
  { name: 'unicode: CJK and RTL text in comments', code: lines(`// 日本語のコメント`, `import { a } from 'm' // עברית`, `/* 한국어 */ a() /* العربية */`) },
  { name: 'unicode: combining characters', code: lines(`import { a } from 'm'`, `const s = 'e\u0301'`, `a(s)`) },
  { name: 'unicode: U+2028 and U+2029 inside string literals', code: `import { a } from 'm'\nconst s = '\u2028x\u2029'\na(s)` },
  { name: 'unicode: non-ASCII word characters next to edits', code: lines(`import { a } from 'm'`, `const ñ = a`, `const x = a+ñ+a`, `exportñ(a)`) },
  { name: 'unicode: in template literals', code: lines(`import { a } from 'm'`, 'const s = `ü${a}😀${a()}é`') },
  { name: 'unicode: in export names and specifiers', code: lines(`import { "ü-😀" as u } from './ü.js'`, `export { u as "ä-👍" }`, `export * as "名前" from './名前.js'`) },
  { name: 'unicode: in dynamic import specifiers', code: lines(`import('./ü.js')`, `import("./😀.js")`) },
  { name: 'unicode: before a hoisted import', code: lines(`const s = '😀'`, `import { a } from 'm'`, `a(s)`) },
  { name: 'unicode: NUL characters in a string and a comment', code: lines(`import { a } from 'm'`, `const s = '\0x'`, `/* \0 */ a(s)`) },
  // Lone surrogates cannot survive a UTF-8 round trip; Vite keeps them as they are.
  { name: 'unicode: raw lone surrogate in a string literal', code: lines(`const s = '\uD800'`, `import { a } from 'm'`, `a(s)`) },
  { name: 'unicode: raw lone surrogate in a comment', code: lines(`// \uDC00 end`, `import { a } from 'm'`, `a()`) },
]

const commentCases = [
  { name: 'comment: between export and const', code: `export /* c */ const a = 1` },
  { name: 'comment: line comment between export and function', code: lines(`export // c`, `function f() {}`) },
  { name: 'comment: between export and a list', code: lines(`const a = 1`, `export /* c */ { a }`) },
  { name: 'comment: between export and export-all', code: `export /* c */ * from 'm'` },
  { name: 'comment: between export default and the expression', code: `export default /* c */ 1` },
  { name: 'comment: JSDoc before exports', code: lines(`/** docs */`, `export function f() {}`, `/** more */`, `export default f`) },
  { name: 'comment: inside an import statement', code: lines(`import /* a */ { /* b */ a /* c */ } /* d */ from /* e */ 'm' /* f */`, `a()`) },
  { name: 'comment: before the first import', code: lines(`/* license */`, `// line`, `import { a } from 'm'`, `a()`) },
  { name: 'comment: pure annotations on calls of imports', code: lines(`import { a } from 'm'`, `const x = /* @__PURE__ */ a()`, `const y = /*#__PURE__*/ a(1)`) },
]

const jsonCases = [
  { name: 'json: stringify with a .json url', code: JSON_MODULE_CODE, url: '/x.json', options: JSON_STRINGIFY },
  { name: 'json: stringify with a ?import query', code: JSON_MODULE_CODE, url: '/x.json?import', options: JSON_STRINGIFY },
  { name: 'json: stringify with several query parameters', code: JSON_MODULE_CODE, url: '/x.json?import&t=1', options: JSON_STRINGIFY },
  { name: 'json: stringify with a .json5 url', code: JSON_MODULE_CODE, url: '/x.json5', options: JSON_STRINGIFY },
  { name: 'json: stringify keeps the input map', code: JSON_MODULE_CODE, url: '/x.json', options: JSON_STRINGIFY, inMap: { version: 3, sources: ['x.json'], names: [], mappings: 'AAAA' } },
  { name: 'json: stringify with JSON.parse output', code: `export default JSON.parse("{\\"a\\":1}")`, url: '/x.json', options: JSON_STRINGIFY },
  { name: 'json: stringify with a non-JSON url', code: JSON_MODULE_CODE, url: '/x.js', options: JSON_STRINGIFY },
  { name: 'json: stringify with .json only inside the query', code: JSON_MODULE_CODE, url: '/x.js?file=a.json', options: JSON_STRINGIFY },
  { name: 'json: stringify with a .jsonc url', code: JSON_MODULE_CODE, url: '/x.jsonc', options: JSON_STRINGIFY },
  { name: 'json: stringify false', code: JSON_MODULE_CODE, url: '/x.json', options: JSON_NO_STRINGIFY },
  { name: 'json: stringify false with named exports', code: lines(`export const name = "x"`, `export default {"name":"x"}`), url: '/x.json?import', options: JSON_NO_STRINGIFY },
  { name: 'json: no options', code: JSON_MODULE_CODE, url: '/x.json' },
  { name: 'json: stringify with code that has no export default', code: `const x = 1`, url: '/x.json', options: JSON_STRINGIFY },
  { name: 'json: empty json options', code: JSON_MODULE_CODE, url: '/x.json', options: { json: {} } },
]

const sourceMapCases = [
  { name: 'input map with empty mappings is returned as is', code: lines(`import { a } from 'm'`, `a()`), inMap: { version: 3, sources: ['case.js'], names: [], mappings: '' } },
  { name: 'input map without sources is not combined', code: lines(`import { a } from 'm'`, `a()`), inMap: { version: 3, sources: [], names: [], mappings: 'AAAA' } },
  {
    name: 'input map is combined with the transform map',
    code: lines(`import { a } from 'm'`, `export const x = a(1)`),
    originalCode: lines(`import { a } from 'm'`, `export const x: number = a(1)`),
    url: '/src/case.ts',
    inMap: { version: 3, sources: ['case.ts'], sourcesContent: [lines(`import { a } from 'm'`, `export const x: number = a(1)`)], names: [], mappings: 'AAAA,SAAS,SAAS;AAClB,eAAe,CAAS,EAAE' },
  },
  { name: 'originalCode differs from code', code: lines(`import { a } from 'm'`, `a()`), originalCode: '// the original text' },
  { name: 'url with directories and a query', code: lines(`import { a } from 'm'`, `a()`), url: '/src/deep/dir/file.js?v=123' },
  { name: 'url with a Windows-style path', code: lines(`import { a } from 'm'`, `a()`), url: 'C:\\project\\src\\file.js' },
  { name: 'url ending with a slash', code: lines(`import { a } from 'm'`, `a()`), url: '/src/' },
  { name: 'url of a virtual module', code: lines(`import { a } from 'm'`, `a()`), url: '\0virtual:my-module' },
  { name: 'url of a virtual module as served', code: lines(`import { a } from 'm'`, `a()`), url: '/@id/__x00__virtual:my-module' },
  { name: 'input map without a sources field is not combined', code: lines(`import { a } from 'm'`, `a()`), inMap: { mappings: 'AAAA' } },
  {
    name: 'input map without sourcesContent, with ignoreList and one-field segments is combined',
    code: lines(`import { a } from 'm'`, `export const x = a(1)`),
    url: '/src/case.js',
    inMap: { version: 3, sources: ['case.ts'], names: [], ignoreList: [0], mappings: 'AAAA,C;AACA,E,SAAS' },
  },
  { name: 'input map with a null source is combined', code: lines(`import { a } from 'm'`, `a()`), inMap: { version: 3, sources: [null], names: [], mappings: 'AAAA;AACA' } },
  {
    name: 'input map with names, sourceRoot and two sources is combined',
    code: lines(`import { a } from 'm'`, `export const x = a(1)`, `export const y = a(2)`),
    url: '/src/bundle.js',
    inMap: { version: 3, file: 'bundle.js', sourceRoot: '/root/', sources: ['one.ts', 'two.ts'], sourcesContent: ['// one', null], names: ['a', 'x'], mappings: 'AAAA;AACA,aAAAC,KAAAD;ACDA,aAAA' },
  },
]

const miscCases = [
  { name: 'empty file', code: '' },
  { name: 'whitespace only', code: '\n\n  \n' },
  { name: 'comments only', code: lines(`// a`, `/* b */`) },
  { name: 'no imports or exports', code: lines(`const x = 1`, `console.log(x)`) },
  { name: 'long single line with many edits', code: `import { a, b } from 'm';` + Array.from({ length: 200 }, (_, index) => `a(${index}, b);`).join('') },
  { name: 'many imports', code: Array.from({ length: 60 }, (_, index) => `import { x${index} } from 'm${index % 7}'`).join('\n') + '\nexport default [' + Array.from({ length: 60 }, (_, index) => `x${index}`).join(', ') + ']' },
  { name: 'deep nesting: 2000 parentheses', code: `import { a } from 'm'\nconst x = ${'('.repeat(2000)}a${')'.repeat(2000)}` },
  { name: 'deep nesting: 2000 arrays', code: `import { a } from 'm'\nconst x = ${'['.repeat(2000)}a${']'.repeat(2000)}` },
  { name: 'deep nesting: 2000 blocks', code: `import { a } from 'm'\n${'{'.repeat(2000)}a()${'}'.repeat(2000)}` },
  { name: 'deep nesting: 2000 functions', code: `import { a } from 'm'\n${'function f() {'.repeat(2000)}a()${'}'.repeat(2000)}` },
  { name: 'deep nesting: 5000 binary operators', code: `import { a } from 'm'\nconst x = a${' + a'.repeat(5000)}` },
  { name: 'regular expressions and division near imports', code: lines(`import { a } from 'm'`, `const r = /a(b)/g.test(a)`, `const d = a / 2 / a`) },
  { name: 'string containing import and export keywords', code: lines(`import { a } from 'm'`, `const s = "import x from 'y'; export default 1"`, 'const t = `import.meta ${a}`') },
  { name: 'getter and setter pair referencing imports', code: lines(`import { a } from 'm'`, `export const o = { get x() { return a }, set x(v) { a(v) } }`) },
  { name: 'async arrow and await in nested functions', code: lines(`import { a } from 'm'`, `export const f = async () => { const r = await a(); return r }`) },
  { name: 'sequence of exports of the same function', code: lines(`function f() {}`, `export { f, f as g }`, `export default f`) },
  { name: 'class with everything', code: lines(`import { Base, mixin, key, value } from 'm'`, `export class C extends mixin(Base) {`, `  static #count = 0`, `  [key] = value`, `  static { C.#count = value() }`, `  constructor(value) { super(value); this.v = value }`, `  get [key]() { return key }`, `}`) },
]

// Early errors that Vite's parser does not report and that the runner reports when it
// compiles the module as a strict function body: the native transform leaves them to
// the runner too.
const unreportedEarlyErrorCases = [
  { name: 'unreported early error: with statement', code: lines(`with (x) {}`, `export const y = 1`) },
  { name: 'unreported early error: legacy octal literal and escape', code: lines(`const x = 010`, `const y = '\\08'`) },
  { name: 'unreported early error: top-level await without module syntax', code: `await foo()` },
  { name: 'unreported early error: function declaration as an if body', code: lines(`import { a } from 'm'`, `if (a) function f() {}`) },
  { name: 'unreported early error: break outside a loop and duplicate labels', code: lines(`break`, `l: l: x`) },
  { name: 'unreported early error: duplicate parameters', code: `function f(a, a) {}` },
  { name: 'unreported early error: delete of an identifier and assignment to eval', code: lines(`delete x`, `eval = 1`) },
  { name: 'unreported early error: invalid regular expression', code: lines(`import { a } from 'm'`, `const r = /(/`, `a(r)`) },
  { name: 'unreported early error: super call outside a constructor', code: `class C extends D { m() { super() } }` },
  { name: 'unreported early error: import assertions syntax', code: lines(`import json from './a.json' assert { type: 'json' }`, `json()`) },
]

// Module early errors that Vite's parser does not report and that evaluation as a
// function body never would (a redeclared import, `var` and `function` of one name, an
// undeclared export, an import bound to `eval`): ours reports them as Vite-shaped parse
// errors (docs/divergences.md, D7).
export const moduleEarlyErrorCases = [
  { name: 'module early error: import redeclared by let', code: lines(`import { a } from 'm'`, `let a = 1`, `a()`) },
  { name: 'module early error: import redeclared by var in a block', code: lines(`import { a } from 'm'`, `{ var a = 1 }`, `a()`) },
  { name: 'module early error: import redeclared by a function', code: lines(`import { a } from 'm'`, `export function a() {}`) },
  { name: 'module early error: the same binding imported twice', code: lines(`import a from 'a'`, `import a from 'b'`, `a()`) },
  { name: 'module early error: import bound to arguments and eval', code: lines(`import { x as arguments } from 'm'`, `import { y as eval } from 'm'`) },
  { name: 'module early error: let redeclared', code: lines(`let x = 1`, `let x = 2`) },
  { name: 'module early error: export of an undeclared name', code: `export { undeclared }` },
]

export const parityCases = [
  ...importCases,
  ...exportCases,
  ...referenceCases,
  ...scopeCases,
  ...semicolonCases,
  ...hashbangCases,
  ...lineEndingCases,
  ...bomCases,
  ...unicodeCases,
  ...commentCases,
  ...jsonCases,
  ...sourceMapCases,
  ...miscCases,
  ...unreportedEarlyErrorCases,
]

// Inputs where Vite throws a parse error. The native transform must throw an
// error with the same location, frame and message layout.
export const parseErrorCases = [
  { name: 'parse error: unexpected token', code: `let x = ;` },
  { name: 'parse error: at the very start', code: `)` },
  { name: 'parse error: unterminated string', code: `const s = 'unterminated` },
  { name: 'parse error: unexpected end of input', code: `foo(\n` },
  { name: 'parse error: after astral characters on the same line', code: `const s = '😀'; let x = ;` },
  { name: 'parse error: after CRLF lines', code: crlfLines(`const s = '😀';`, `let y = 1`, `let x = ;`) },
  { name: 'parse error: after a CR line terminator', code: `x\rlet y = ;` },
  { name: 'parse error: after U+2028 and U+2029 line terminators', code: `x\u2028\u2029let y = ;` },
  { name: 'parse error: after a hashbang', code: lines(`#!/usr/bin/env node`, `let x = ;`) },
  { name: 'parse error: on a line longer than the frame', code: `const veryLongLine = [${'1, '.repeat(60)}] + ;` },
  { name: 'parse error: on a long non-ASCII line', code: `const s = '${'é'.repeat(80)}'; let x = ;${' '.repeat(80)}` },
  { name: 'parse error: several errors', code: `const x: number = 1` },
  { name: 'parse error: TypeScript syntax in a .ts url', code: `const x: number = 1`, url: '/src/case.ts' },
  { name: 'parse error: JSX', code: `export default <div />` },
  { name: 'parse error: top-level return', code: lines(`import { a } from 'm'`, `return a`) },
  { name: 'parse error: duplicated export', code: lines(`export const a = 1`, `export { a }`) },
  { name: 'parse error: duplicated re-export name', code: `export { x as y } from 'm'; export { z as y } from 'n'` },
  { name: 'parse error: duplicated export of an import', code: lines(`import { a } from 'm'`, `export { a }`, `export { a }`) },
  { name: 'parse error: two default exports', code: lines(`export { a as default }`, `export default 1`) },
  { name: 'parse error: export name with a lone surrogate', code: lines(`const a = 1`, `export { a as "\\uD800" }`) },
  { name: 'parse error: import name with a lone surrogate', code: `import { "\\uD800" as x } from 'm'` },
  { name: 'parse error: class field without semicolon before a computed method', code: lines(`class C {`, `  static [a] = 2`, `  [a]() {}`, `}`) },
  { name: 'parse error: new.target outside a function', code: `new.target` },
  { name: 'parse error: assignment to import.meta', code: `import.meta = 1` },
  { name: 'parse error: import() without a specifier', code: `import()` },
  { name: 'parse error: assignment to an optional chain', code: `a?.b = 1` },
  { name: 'parse error: hashbang after a BOM', code: '\uFEFF#!/usr/bin/env node\nx' },
  { name: 'parse error: hashbang not on the first line', code: lines(`x`, `#!/usr/bin/env node`) },
  { name: 'parse error: import attribute value that is not a string', code: lines(`import { json } from 'm'`, `export * from './x.json' with { type: json }`) },
  { name: 'parse error: HTML-like comment with module syntax', code: lines(`<!-- x`, `export const y = 1`) },
  { name: 'parse error: with statement right after an import reads as import attributes', code: lines(`import { a } from 'm'`, `with (a) {}`) },
  { name: 'parse error: url with a query', code: `let x = ;`, url: '/src/case.js?v=1&import' },
]

// Inputs Vite handles correctly but the native transform deliberately refuses
// (docs/divergences.md, "Limits"): a lone surrogate in a module specifier
// cannot reach `deps` unchanged through a Rust string.
export const nativeLimitCases = [
  { name: 'import specifier with a lone surrogate escape', code: lines(`import a from '\\uD800'`, `a()`) },
  { name: 're-export specifiers with lone surrogate escapes', code: lines(`export * from '\\uD800'`, `export { a } from '\\uDC00'`) },
  { name: 'dynamic import specifier with a lone surrogate escape', code: `import('\\uD800')` },
]

// Inputs where Vite's output is wrong, so byte parity is not the goal. Each
// comment says what Vite does wrong. `expectNativeParseError` marks inputs
// whose correct outcome is a parse error.
export const viteBugCases = [
  // Removes the first 15 characters as "export default ", leaving "default function f() {}": invalid code.
  { name: 'comment between export and default of a named function', code: `export /* c */ default function f() {}` },
  // Replaces the first 14 characters as "export default", leaving "=fault {}": invalid code.
  { name: 'comment between export and default of an expression', code: `export /**/ default {}` },
  // Same 14-character replacement: "const __vite_ssr_export_default__ = default 1", invalid code.
  { name: 'longer comment between export and default of an expression', code: `export /* c */ default 1` },
  // Same 14-character replacement with two spaces: "=t 1", invalid code.
  { name: 'two spaces between export and default', code: `export  default 1` },
  // Same 14-character replacement with a CRLF between the keywords: "=t 1", invalid code.
  { name: 'CRLF between export and default', code: `export\r\ndefault 1` },
  // Removes 15 characters, cutting the comment after "default": "**/function f() {}", invalid code.
  { name: 'comment right after default before a named function', code: `export default/**/function f() {}` },
  // Same 15-character removal before a named class: "**/class C {}", invalid code.
  { name: 'comment right after default before a named class', code: `export default/**/class C {}` },
  // Rewrites `{ a = 1 }` in a destructuring assignment to "{ __vite_ssr_import_0__.a = 1 }": invalid code.
  { name: 'destructuring assignment with a default to an import', code: lines(`import { a } from 'm'`, `;({ a = 1 } = obj)`) },
  // Leaves object-pattern targets of an assignment unrewritten, so they assign to an undeclared global.
  { name: 'object destructuring assignment to imports', code: lines(`import { a, b } from 'm'`, `;({ a, x: b } = obj)`) },
  // Leaves for-of assignment targets unrewritten, so they assign to an undeclared global.
  { name: 'for-of destructuring assignment to imports', code: lines(`import { a, b } from 'm'`, `for ({ a } of arr) {}`, `for ([b] of arr) {}`) },
  // Treats the body's `var a` as visible in the parameter default, which refers to the import.
  { name: 'parameter default shadowed by a var in the body', code: lines(`import { a } from 'm'`, `function f(x = a) { var a = 1; return x }`) },
  // Ignores declarations in class static blocks, so references to the local `a` are rewritten to the import.
  { name: 'var declared in a class static block', code: lines(`import { a } from 'm'`, `class C { static { var a = 1; console.log(a) } }`) },
  // Same for let and function declarations in static blocks.
  { name: 'let and function declared in class static blocks', code: lines(`import { a, b } from 'm'`, `class C {`, `  static { let a = 1; console.log(a) }`, `  static { function b() {} b() }`, `}`) },
  // Declares `const Base = …` just before the top-level statement holding the class, after a call to
  // the hoisted function that needs it: ReferenceError (temporal dead zone).
  { name: 'class extends import inside a function called before its declaration', code: lines(`import { Base } from 'm'`, `f()`, `function f() { class A extends Base {} return A }`) },
  // Walks into the attributes of a re-export it has already replaced, and throws a MagicString
  // "cannot split a chunk that has already been edited" error.
  { name: 'import attribute key of a re-export named like an import', code: lines(`import { type } from 'm'`, `export * from './x.json' with { type: 'json' }`, `export { x } from './x.json' with { type: 'json' }`, `type()`) },
  // Parses a file without import/export as a script, so top-level `await` followed by `[`, `/`
  // or in `for await` is a parse error, although the file is an ES module.
  { name: 'top-level await of an array literal without module syntax', code: `await []` },
  { name: 'top-level await of a regular expression without module syntax', code: `await /x/` },
  { name: 'top-level for await without module syntax', code: `for await (const x of xs) {}` },
  // The same script parse accepts an HTML-like comment, which is a syntax error in a module.
  { name: 'HTML-like comment without module syntax', code: lines(`<!-- x`, `console.log(1)`), expectNativeParseError: true },
  // Generated names can collide with user bindings: redeclared const, invalid code.
  { name: 'user binding named like a generated import', code: lines(`import { a } from 'm'`, `const __vite_ssr_import_0__ = 1`, `a()`) },
  // Generated names can collide with user bindings: redeclared const, invalid code.
  { name: 'user binding named like the generated default export', code: lines(`const __vite_ssr_export_default__ = 1`, `export default 2`) },
  // Generated names can be shadowed: the rewritten reference reads the parameter instead of the import.
  { name: 'parameter named like a generated import', code: lines(`import { a } from 'm'`, `function f(__vite_ssr_import_0__) { return a }`) },
]
