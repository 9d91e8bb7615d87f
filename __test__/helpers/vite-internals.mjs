// Vite's internal CommonJS-interop functions, taken from the installed packages'
// dist files, so that the differential tests compare against the real code rather
// than a copy of it. Vite does not export them: `transformCjsImport` and
// `interopNamedImports` live in a bundled chunk of `vite/dist/node/chunks/`.
//
// A chunk is an ES module of top-level declarations. We parse it, copy the wanted
// declarations together with every top-level declaration they depend on
// (transitively, in source order), and evaluate that text in a function whose
// parameters supply the few bindings the chunk imports from other packages. The
// copy therefore follows Vite when it changes; a new dependency on an import we do
// not supply fails loudly with the binding's name.
import crypto from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseAst as parseAstVite8 } from 'vite'
import { parseAst as parseAstVite5 } from 'vite5'

/**
 * Stands in for picocolors: every colour function returns its text unchanged, so
 * that a warning reads as the plain text `onWarn` receives.
 */
const plainColors = new Proxy({}, { get: () => (text) => String(text) })

/** Vite 8.3's internals, loaded on first use (parsing the 2 MB chunk takes about half a second). */
export const loadVite8Internals = memoize(() => {
  const bindings = loadChunkBindings({
    packageEntry: 'vite',
    anchorFunction: 'transformCjsImport',
    wanted: ['transformCjsImport', 'interopNamedImports', 'interopHelperStr', 'MagicString', 'parse$2', 'init'],
    supplied: {
      parseAst: parseAstVite8,
      crypto,
      import_picocolors: { default: plainColors },
    },
  })
  return {
    transformCjsImport: bindings.transformCjsImport,
    interopNamedImports: bindings.interopNamedImports,
    interopHelperStr: bindings.interopHelperStr,
    /** The magic-string class Vite bundles (1.4.x at Vite 8.3). */
    MagicString: bindings.MagicString,
    /** The es-module-lexer `parse` Vite bundles; call `await lexerReady` first. */
    parseImports: bindings.parse$2,
    lexerReady: bindings.init,
  }
})

/** Vite 5.4's internals (the `vite5` npm alias), loaded on first use. */
export const loadVite5Internals = memoize(() => {
  const bindings = loadChunkBindings({
    packageEntry: 'vite5',
    anchorFunction: 'transformCjsImport',
    wanted: ['transformCjsImport'],
    supplied: { parseAst: parseAstVite5, colors$1: plainColors },
  })
  return { transformCjsImport: bindings.transformCjsImport }
})

/**
 * The `config` Vite's functions read (`command` and `logger.warn`), plus the list of
 * warnings it received.
 */
function createViteConfig(command = 'serve') {
  const warnings = []
  return { config: { command, logger: { warn: (message) => warnings.push(message) } }, warnings }
}

/**
 * Vite 8.3's `transformCjsImport(importExp, url, rawUrl, importIndex, importer, isNodeMode, config)`.
 * Returns its result and the warnings it logged.
 */
export function transformCjsImportWithVite8({ importExp, url, rawUrl, importIndex, importer, isNodeMode, command }) {
  const { transformCjsImport } = loadVite8Internals()
  const { config, warnings } = createViteConfig(command)
  const result = transformCjsImport(importExp, url, rawUrl, importIndex, importer, isNodeMode, config)
  return { result, warnings }
}

/**
 * Vite 5.4's `transformCjsImport(importExp, url, rawUrl, importIndex, importer, config)`:
 * the legacy single-string form, which has no node mode.
 */
export function transformCjsImportWithVite5({ importExp, url, rawUrl, importIndex, importer, command }) {
  const { transformCjsImport } = loadVite5Internals()
  const { config, warnings } = createViteConfig(command)
  const result = transformCjsImport(importExp, url, rawUrl, importIndex, importer, config)
  return { result, warnings }
}

const templateLiteralRE = /^\s*`(.*)`\s*$/

/**
 * What Vite 8.3's import analysis does to a module whose listed imports resolve to
 * CommonJS dependencies that need interop: it lexes the module with es-module-lexer
 * and calls `interopNamedImports` on one MagicString for each such import, with the
 * import's index in the lexer's `imports` array (which also holds `import.meta` and
 * non-literal `import()`). As in `importAnalysis`, a template literal without
 * substitutions counts as a literal. Imports are visited in source order; Vite visits
 * each as soon as its resolution completes (`Promise.all`), which is the same order
 * unless resolutions finish out of order.
 * Not mirrored, being outside `interopNamedImports`: the BOM strip before lexing, the
 * removal of static import attributes, and the prepended HMR and env lines.
 *
 * `imports`: `[{ specifier, url, nodeMode? }]`, `specifier` being es-module-lexer's
 * decoded specifier. The map is the one import analysis generates in a build with
 * source maps: `s.generateMap({ hires: 'boundary', source: importer })`.
 */
export async function rewriteCjsImportsWithVite8(code, imports, { importer = '', command = 'serve' } = {}) {
  const { interopNamedImports, MagicString, parseImports, lexerReady } = loadVite8Internals()
  await lexerReady
  const { config, warnings } = createViteConfig(command)
  const interopUrlBySpecifier = new Map(imports.map((entry) => [entry.specifier, entry]))
  const [lexedImports] = parseImports(code)
  const magicString = new MagicString(code)
  lexedImports.forEach((lexedImport, index) => {
    const entry = interopUrlBySpecifier.get(specifierAsImportAnalysisSeesIt(code, lexedImport))
    if (entry === undefined) return
    interopNamedImports(magicString, lexedImport, entry.url, index, importer, entry.nodeMode ?? false, config)
  })
  return {
    code: magicString.toString(),
    map: magicString.generateMap({ hires: 'boundary', source: importer }),
    warnings,
  }
}

function specifierAsImportAnalysisSeesIt(code, { n: specifier, s: start, e: end }) {
  const rawUrl = code.slice(start, end)
  if (rawUrl === 'import.meta') return undefined
  if (templateLiteralRE.test(rawUrl) && !(rawUrl.includes('${') && rawUrl.includes('}'))) {
    return rawUrl.replace(templateLiteralRE, '$1')
  }
  return specifier
}

// ---------------------------------------------------------------------------
// Copying declarations out of a bundled chunk

function memoize(load) {
  let value
  return () => (value ??= load())
}

/** The chunk of `<package>/dist/node/chunks/` that declares `function <anchorFunction>(`. */
function findChunkDeclaring(packageEntry, anchorFunction) {
  const chunksDir = join(dirname(fileURLToPath(import.meta.resolve(packageEntry))), 'chunks')
  const declaration = `function ${anchorFunction}(`
  const matches = readdirSync(chunksDir)
    .filter((name) => name.endsWith('.js'))
    .map((name) => join(chunksDir, name))
    .filter((file) => readFileSync(file, 'utf8').includes(declaration))
  if (matches.length !== 1) {
    throw new Error(`Expected one chunk of ${chunksDir} to declare \`${declaration}\`, found ${matches.length}`)
  }
  return matches[0]
}

/**
 * Evaluates the declarations named in `wanted` from the chunk declaring
 * `anchorFunction`, with their top-level dependencies. `supplied` gives the value of
 * every binding the copied code takes from outside the chunk or that must be
 * replaced; it is an error if the copied code needs another imported binding.
 */
function loadChunkBindings({ packageEntry, anchorFunction, wanted, supplied }) {
  const chunkFile = findChunkDeclaring(packageEntry, anchorFunction)
  const source = readFileSync(chunkFile, 'utf8')
  const chunk = indexTopLevel(parseAstVite8(source))
  const statements = collectDependencyClosure(chunk, wanted, new Set(Object.keys(supplied)), basename(chunkFile))
  const body = [
    '"use strict";',
    ...statements.map((statement) => source.slice(statement.start, statement.end)),
    `return { ${wanted.join(', ')} };`,
  ].join('\n')
  const suppliedNames = Object.keys(supplied)
  return new Function(...suppliedNames, body)(...suppliedNames.map((name) => supplied[name]))
}

/**
 * The chunk's top-level statements: which statement declares each name, which names
 * are imported (and from where), and the expression statements that may mutate a
 * declared binding (such as `forbiddenIdentifiers.add("")`).
 */
function indexTopLevel(program) {
  const declarations = new Map()
  const imports = new Map()
  const expressionStatements = []
  for (const statement of program.body) {
    if (statement.type === 'ImportDeclaration') {
      for (const specifier of statement.specifiers) imports.set(specifier.local.name, statement.source.value)
      continue
    }
    if (statement.type === 'ExpressionStatement') {
      expressionStatements.push(statement)
      continue
    }
    const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement
    if (declaration == null) continue
    for (const name of declaredNamesOf(declaration)) declarations.set(name, declaration)
  }
  return { declarations, imports, expressionStatements }
}

function declaredNamesOf(declaration) {
  switch (declaration.type) {
    case 'FunctionDeclaration':
    case 'ClassDeclaration':
      return [declaration.id.name]
    case 'VariableDeclaration': {
      const names = []
      for (const declarator of declaration.declarations) collectPatternNames(declarator.id, names)
      return names
    }
    default:
      return []
  }
}

/**
 * The statements to copy, in source order: those declaring `wanted`, everything they
 * reference, and the top-level calls made on a copied binding. Names in `supplied`
 * and JavaScript globals are left to the caller.
 */
function collectDependencyClosure(chunk, wanted, supplied, chunkName) {
  const included = new Set()
  const includedNames = new Set()
  const pending = [...wanted]
  const include = (statement) => {
    if (included.has(statement)) return
    included.add(statement)
    pending.push(...freeNamesOf(statement))
  }
  while (pending.length > 0) {
    while (pending.length > 0) {
      const name = pending.pop()
      if (supplied.has(name) || includedNames.has(name)) continue
      const declaration = chunk.declarations.get(name)
      if (declaration !== undefined) {
        includedNames.add(name)
        include(declaration)
      } else if (chunk.imports.has(name)) {
        throw new Error(`${chunkName} imports \`${name}\` from "${chunk.imports.get(name)}", which the copied code needs: supply it`)
      } else if (!(name in globalThis)) {
        throw new Error(`The code copied from ${chunkName} references \`${name}\`, which it neither declares nor imports`)
      }
    }
    for (const statement of chunk.expressionStatements) {
      if (mutatedBindingOf(statement) !== undefined && includedNames.has(mutatedBindingOf(statement))) include(statement)
    }
  }
  return [...included].sort((a, b) => a.start - b.start)
}

/** `x` for a top-level `x.method(...)` statement. */
function mutatedBindingOf({ expression }) {
  if (expression.type !== 'CallExpression' || expression.callee.type !== 'MemberExpression') return undefined
  const { object } = expression.callee
  return object.type === 'Identifier' ? object.name : undefined
}

/**
 * The names a statement references but does not declare anywhere inside itself. This
 * over-approximates the declared set (a name bound in one inner function counts as
 * bound everywhere), which is harmless here: a missed dependency throws a
 * ReferenceError on first use.
 */
function freeNamesOf(statement) {
  const referenced = new Set()
  const declared = new Set()
  walk(statement, referenced, declared)
  for (const name of declaredNamesOf(statement)) declared.add(name)
  return [...referenced].filter((name) => !declared.has(name))
}

const NON_REFERENCE_KEYS = {
  MemberExpression: (node) => (node.computed ? [] : ['property']),
  Property: (node) => (node.computed ? [] : ['key']),
  MethodDefinition: (node) => (node.computed ? [] : ['key']),
  PropertyDefinition: (node) => (node.computed ? [] : ['key']),
  AccessorProperty: (node) => (node.computed ? [] : ['key']),
  LabeledStatement: () => ['label'],
  BreakStatement: () => ['label'],
  ContinueStatement: () => ['label'],
  MetaProperty: () => ['meta', 'property'],
}

function walk(node, referenced, declared) {
  if (Array.isArray(node)) {
    for (const child of node) walk(child, referenced, declared)
    return
  }
  if (node === null || typeof node !== 'object' || typeof node.type !== 'string') return
  if (node.type === 'Identifier') {
    referenced.add(node.name)
    return
  }
  recordBindings(node, declared)
  const skipped = NON_REFERENCE_KEYS[node.type]?.(node) ?? []
  for (const [key, child] of Object.entries(node)) {
    if (child !== null && typeof child === 'object' && !skipped.includes(key)) walk(child, referenced, declared)
  }
}

function recordBindings(node, declared) {
  const names = []
  switch (node.type) {
    case 'VariableDeclarator':
      collectPatternNames(node.id, names)
      break
    case 'FunctionDeclaration':
    case 'FunctionExpression':
    case 'ArrowFunctionExpression':
      if (node.id) names.push(node.id.name)
      for (const param of node.params) collectPatternNames(param, names)
      break
    case 'ClassDeclaration':
    case 'ClassExpression':
      if (node.id) names.push(node.id.name)
      break
    case 'CatchClause':
      if (node.param) collectPatternNames(node.param, names)
      break
  }
  for (const name of names) declared.add(name)
}

function collectPatternNames(pattern, names) {
  switch (pattern?.type) {
    case 'Identifier':
      names.push(pattern.name)
      break
    case 'ObjectPattern':
      for (const property of pattern.properties) {
        collectPatternNames(property.type === 'RestElement' ? property.argument : property.value, names)
      }
      break
    case 'ArrayPattern':
      for (const element of pattern.elements) collectPatternNames(element, names)
      break
    case 'AssignmentPattern':
      collectPatternNames(pattern.left, names)
      break
    case 'RestElement':
      collectPatternNames(pattern.argument, names)
      break
    case 'TSParameterProperty':
      collectPatternNames(pattern.parameter, names)
      break
  }
}
