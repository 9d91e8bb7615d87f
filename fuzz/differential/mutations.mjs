// Mutations of a valid module that aim at what ssrTransform gets wrong: names that
// collide with imports (shadowing, redeclaration), code moved into blocks, loops,
// functions, classes and destructuring, export forms, dynamic imports and
// `import.meta`, and comments, odd whitespace and line endings between tokens.
//
// Each mutation takes `(code, program, random)`, with `program` Vite's parse of
// `code`, and returns the new code, or undefined when it does not apply. A result may
// not parse; the caller drops it.
import { collect, importLocalNames, isModuleDeclaration } from '../../__test__/robustness/helpers/estree.mjs'

const FALLBACK_NAMES = ['a', 'b', 'value', 'Base', 'type', 'default_', 'Object', 'x']

const insert = (code, at, text) => code.slice(0, at) + text + code.slice(at)

/** Replaces `[start, end)` ranges (non-overlapping, any order) with `text`. */
function replaceRanges(code, ranges, text) {
  let result = code
  for (const { start, end } of [...ranges].sort((a, b) => b.start - a.start)) {
    result = result.slice(0, start) + text + result.slice(end)
  }
  return result
}

function identifierNames(program) {
  return [...new Set(collect(program, (node) => node.type === 'Identifier').map((node) => node.name))]
}

/** A name of an import, or failing that any name of the module. */
function someImportedName(program, random) {
  return random.pick([...importLocalNames(program)]) ?? random.pick(identifierNames(program)) ?? random.pick(FALLBACK_NAMES)
}

/** Where a statement can go: the start of the module (after a hashbang) or the end of a top-level statement. */
function topLevelBoundary(code, program, random) {
  const ends = program.body.map((statement) => statement.end)
  const start = code.startsWith('#!') ? code.indexOf('\n') + 1 || code.length : 0
  return random.pick([start, ...ends])
}

/** A top-level boundary, or the start of a block or function body anywhere. */
function statementBoundary(code, program, random) {
  const blocks = collect(program, (node) => node.type === 'BlockStatement' || node.type === 'StaticBlock')
  if (blocks.length === 0 || random.chance(0.4)) return topLevelBoundary(code, program, random)
  const block = random.pick(blocks)
  return code.indexOf('{', block.start) + 1
}

function insertStatement(code, program, random, statement) {
  return insert(code, statementBoundary(code, program, random), `\n${statement}\n`)
}

const IMPORT_FORMS = [
  (name, k) => `import { ${name} } from './dep${k}.js'`,
  (name, k) => `import ${name} from './dep${k}.js'`,
  (name, k) => `import * as ${name} from './dep${k}.js'`,
  (name, k) => `import { other as ${name} } from './dep${k}.js'`,
  (name, k) => `import d${k}, { ${name} } from './dep${k}.js'`,
  (name, k) => `import { "string name" as ${name} } from './dep${k}.js'`,
  (name, k) => `import { ${name} } from './dep${k}.json' with { type: 'json' }`,
]

/** Imports a name the module already uses (shadowed by, or clashing with, its declarations). */
function addCollidingImport(code, program, random) {
  const imported = importLocalNames(program)
  const name = random.pick(identifierNames(program).filter((n) => !imported.has(n))) ?? random.pick(FALLBACK_NAMES)
  const statement = random.pick(IMPORT_FORMS)(name, random.int(4))
  return insert(code, topLevelBoundary(code, program, random), `\n${statement}\n`)
}

/** Renames every occurrence of one of the module's names to the local name of an import. */
function renameToImport(code, program, random) {
  const imported = [...importLocalNames(program)]
  if (imported.length === 0) return undefined
  const from = random.pick(identifierNames(program).filter((name) => !imported.includes(name)))
  if (from === undefined) return undefined
  const occurrences = collect(program, (node) => node.type === 'Identifier' && node.name === from)
  // A shorthand property or specifier is two nodes on one range.
  const unique = [...new Map(occurrences.map((node) => [node.start, node])).values()]
  return replaceRanges(code, unique, random.pick(imported))
}

const STATEMENT_WRAPPERS = [
  ['{', '}'],
  ['if (globalThis) {', '} else {}'],
  ['for (let i = 0; i < 1; i++) {', '}'],
  ['for (const item of [0]) {', '}'],
  ['for (const key in {}) {', '}'],
  ['while (true) {', 'break }'],
  ['do {', '} while (false)'],
  ['labelled: {', '}'],
  ['try {', '} catch (error) {} finally {}'],
  ['try {} catch { ', '}'],
  ['switch (0) { case 0:', '}'],
  ['function wrapper() {', '}'],
  ['async function wrapper() {', '}'],
  ['function* generator() {', '}'],
  ['await (async () => {', '})()'],
  ['(function () {', '})()'],
  ['class Wrapper { static {', '} }'],
  ['class Wrapper { async method() {', '} }'],
  ['class Wrapper { field = (() => {', '})() }'],
  ['const { wrapped = (() => {', '})() } = {}'],
  ['const [wrapped = await (async () => {', '})()] = []'],
  ['export function exportedWrapper() {', '}'],
]

/** Moves a run of top-level statements into a block, loop, function, class or destructuring default. */
function wrapStatements(code, program, random) {
  const plain = program.body.map((node, index) => (isModuleDeclaration(node) ? -1 : index)).filter((i) => i >= 0)
  if (plain.length === 0) return undefined
  const first = random.pick(plain)
  let last = first
  while (last + 1 < program.body.length && !isModuleDeclaration(program.body[last + 1]) && random.chance(0.5)) last++
  const [open, close] = random.pick(STATEMENT_WRAPPERS)
  const { start } = program.body[first]
  const { end } = program.body[last]
  return `${code.slice(0, start)}${open}\n${code.slice(start, end)}\n${close}${code.slice(end)}`
}

const EXPRESSION_WRAPPERS = [
  (e) => `(${e})`,
  (e) => `(0, ${e})`,
  (e) => `[${e}][0]`,
  (e) => `({ key: ${e} }).key`,
  (e) => `\`\${${e}}\``,
  (e) => `(() => ${e})()`,
  (e) => `(async () => ${e})()`,
  (e) => `(function () { return ${e} })()`,
  (e) => `((x = ${e}) => x)()`,
  (e) => `(({ y = ${e} }) => y)({})`,
  (e) => `new (class { value = ${e} })().value`,
  (e) => `(true ? ${e} : null)`,
  (e) => `(null ?? ${e})`,
]

/** Parent properties that hold an expression (not a pattern, a key or a label). */
const EXPRESSION_SLOTS = new Set([
  'callee', 'arguments', 'object', 'left', 'right', 'argument', 'expressions', 'elements', 'test',
  'consequent', 'alternate', 'init', 'expression', 'tag', 'superClass', 'body', 'value', 'quasi',
])

/** Wraps one expression in parentheses, a sequence, an array, an object, a template, a function or a class. */
function wrapExpression(code, program, random) {
  const expressions = collect(
    program,
    (node, parent, key) =>
      parent !== null &&
      EXPRESSION_SLOTS.has(key) &&
      !(parent.type === 'Property' && parent.shorthand) &&
      !(parent.type === 'AssignmentExpression' && key === 'left') &&
      (node.type === 'Identifier' || node.type.endsWith('Expression') || node.type === 'Literal'),
  )
  const target = random.pick(expressions)
  if (target === undefined) return undefined
  const wrapped = random.pick(EXPRESSION_WRAPPERS)(code.slice(target.start, target.end))
  return code.slice(0, target.start) + wrapped + code.slice(target.end)
}

// Uses of an imported name in every position the transform treats differently:
// references, calls, tags, shorthand properties, superclasses, assignment and
// destructuring targets, exports, and bindings that shadow it.
const USES = [
  (n) => `${n}()`,
  (n) => `${n}?.()`,
  (n) => `${n}.member(${n})`,
  (n) => `${n}\`tagged\``,
  (n) => `new ${n}()`,
  (n) => `typeof ${n}`,
  (n) => `const holder = { ${n} }`,
  (n) => `const holder = { ${n}: ${n}, [${n}]: 1, ${n}() { return ${n} } }`,
  (n) => `class Derived extends ${n} {}`,
  (n) => `function makeClass() { return class extends ${n} {} }`,
  (n) => `${n} = 1`,
  (n) => `${n}++`,
  (n) => `${n}.x = 1`,
  (n) => `;({ ${n} } = {})`,
  (n) => `;({ key: ${n} } = {})`,
  (n) => `;({ ${n} = 1 } = {})`,
  (n) => `;[${n}] = []`,
  (n) => `for ({ ${n} } of []) {}`,
  (n) => `for (${n} in {}) {}`,
  (n) => `{ let ${n} = 1; ${n}++ }`,
  (n) => `{ function ${n}() {} ${n}() }`,
  (n) => `function shadow(${n}) { return ${n} }`,
  (n) => `function withDefault(x = ${n}) { var ${n} = 1; return x }`,
  (n) => `const arrow = (${n}) => ${n}`,
  (n) => `const arrow = ({ ${n} = ${n} }) => ${n}`,
  (n) => `try {} catch (${n}) { ${n} }`,
  (n) => `try {} catch ({ ${n} }) { ${n} }`,
  (n) => `for (const ${n} of []) ${n}`,
  (n) => `for (let ${n} = 0; ${n} < 1; ${n}++) {}`,
  (n) => `switch (${n}) { case ${n}: { let ${n} = 2 } }`,
  (n) => `class Fields { ${n} = ${n}; static ${n} = ${n}; [${n}] = 1; #p = ${n}; static { var ${n} = 1; ${n} } }`,
  (n) => `const named = function ${n}() { return ${n} }`,
  (n) => `label: for (;;) { ${n}; break label }`,
  (n) => `const { ${n}: renamed = ${n} } = {}`,
  (n) => `const [first = ${n}, ...rest] = []`,
  (n) => `export { ${n} }`,
  (n) => `export { ${n} as alias${n.length} }`,
  (n) => `export { ${n} as "string export" }`,
  (n) => `export default ${n}`,
  (n) => `export const exported = ${n}`,
  (n) => `export function exportedFunction() { return ${n} }`,
  (n) => `export class ExportedClass extends ${n} {}`,
  (n) => `export default class extends ${n} {}`,
  (n) => `export default function () { return ${n} }`,
  (n) => `export const { ${n}: destructured } = {}`,
  (n) => `import('./${n}.js')`,
  (n) => `await import(\`./${n}-\${${n}}.js\`)`,
  (n) => `import.meta.${n}`,
  (n) => `import.meta.hot?.accept(${n})`,
  // Names like the ones the transform generates.
  (n) => `const __vite_ssr_import_0__ = ${n}`,
  (n) => `function generatedParameter(__vite_ssr_import_0__) { return ${n} }`,
  (n) => `let __vite_ssr_export_default__ = ${n}`,
  (n) => `{ const __vite_ssr_import_meta__ = ${n}; import.meta.url }`,
]

/** Inserts a statement that uses an imported name, at the top level or inside a block. */
function insertUse(code, program, random) {
  return insertStatement(code, program, random, random.pick(USES)(someImportedName(program, random)))
}

const RE_EXPORTS = [
  (k) => `export * from './re${k}.js'`,
  (k) => `export * as ns${k} from './re${k}.js'`,
  (k) => `export { x as y${k} } from './re${k}.js'`,
  (k) => `export { default as d${k}, "a b" as "c d${k}" } from './re${k}.js'`,
  (k) => `export * from './re${k}.json' with { type: 'json' }`,
  (k) => `export { type${k} } from './re${k}.js' with { type: 'json' }`,
]

/** Turns a top-level declaration or expression into an export, or adds an export list or a re-export. */
function exportify(code, program, random) {
  const hasDefault = program.body.some((node) => node.type === 'ExportDefaultDeclaration')
  const statement = random.pick(program.body.filter((node) => !isModuleDeclaration(node)))
  switch (random.int(3)) {
    case 0: {
      if (statement === undefined) return undefined
      if (statement.type === 'VariableDeclaration') return insert(code, statement.start, 'export ')
      if (statement.type === 'FunctionDeclaration' || statement.type === 'ClassDeclaration') {
        return insert(code, statement.start, hasDefault || random.chance(0.5) ? 'export ' : 'export default ')
      }
      if (statement.type === 'ExpressionStatement' && !hasDefault) {
        const expression = code.slice(statement.expression.start, statement.expression.end)
        return code.slice(0, statement.start) + `export default (${expression})` + code.slice(statement.expression.end)
      }
      return undefined
    }
    case 1: {
      const declared = collect(statement ?? {}, (node, parent, key) => node.type === 'Identifier' && key === 'id')
      const name = random.pick(declared)?.name
      if (name === undefined) return undefined
      const alias = random.pick([name, `${name} as renamed`, `${name} as "string name"`, ...(hasDefault ? [] : [`${name} as default`])])
      return `${code}\nexport { ${alias} }\n`
    }
    default:
      return insert(code, topLevelBoundary(code, program, random), `\n${random.pick(RE_EXPORTS)(random.int(3))}\n`)
  }
}

const GAPS = ['/* c */', '/**/', ' ', '\t', '\n', '// line\n', '/*\n*/', '\r\n', '\r', '\u00a0', '\ufeff', '\u2028', '\f', '\v', '  ', '/* é😀 */', '\n\n']

/** Puts a comment or unusual whitespace between two tokens (node boundaries, or inside `export default`). */
function addGap(code, program, random) {
  const nodes = collect(program, (node) => node.type !== 'TemplateElement' && node.type !== 'Program')
  const exportDefaults = program.body.filter((node) => node.type === 'ExportDefaultDeclaration')
  const keywordGaps = exportDefaults.flatMap((node) => [node.start + 'export'.length, node.start + 'export default'.length])
  const node = random.pick(nodes)
  const positions = [...keywordGaps, ...(node ? [node.start, node.end] : [])]
  if (positions.length === 0) return undefined
  return insert(code, random.pick(positions), random.pick(GAPS))
}

/** Makes every line, or some, end in CRLF or a lone CR. */
function changeLineEndings(code, _program, random) {
  const ending = random.pick(['\r\n', '\r', '\u2028'])
  const all = random.chance(0.5)
  return code.replace(/\n/g, (newline) => (all || random.chance(0.5) ? ending : newline))
}

/** Starts the module with a hashbang or a byte-order mark. */
function addFileStart(code, _program, random) {
  if (code.startsWith('#!') || code.startsWith('\ufeff')) return undefined
  return random.pick(['#!/usr/bin/env node\n', '#!/usr/bin/env node\r\n', '\ufeff']) + code
}

export const MUTATIONS = [
  addCollidingImport,
  renameToImport,
  wrapStatements,
  wrapExpression,
  insertUse,
  insertUse,
  exportify,
  addGap,
  addGap,
  changeLineEndings,
  addFileStart,
]
