// Sorts a difference between Vite's result and ours into the divergences documented in
// docs/divergences.md (D1–D9, and the lone-surrogate limit), or "unexplained". Each
// divergence is recognised from the input's syntax, since the output differs in ways
// that cannot be named in advance (a shifted map, a missing `;`, another import index).
import { collect, importLocalNames } from '../../__test__/robustness/helpers/estree.mjs'

export const UNEXPLAINED = 'unexplained'

export const DIVERGENCES = {
  D1: 'D1: text other than one space between `export` and `default`, or right after `default`',
  D2: 'D2: destructuring assignment to an import (object patterns; any pattern in a for-in/of head)',
  D3: 'D3: a static block declaring, or a body `var` shadowing in a parameter default, an imported name',
  D4: 'D4: the module uses a `__vite_ssr_` name',
  D5: 'D5: Vite splits an edited chunk (import attributes of a re-export)',
  D6: 'D6: Vite parses a module without import/export as a script',
  D7: 'D7: a module early error that Vite lets through',
  D8: 'D8: a class declaration without a name, outside `export default`',
  D9: 'D9: `await` as a name inside a function or class, which Vite lets through',
  LIMIT: 'limit: a module specifier with a lone surrogate',
}

/** The ExportDefaultDeclarations whose keywords Vite cuts by a fixed length (D1). */
function hasIrregularExportDefault(code, program) {
  return program.body.some(
    (node) => node.type === 'ExportDefaultDeclaration' && code.slice(node.start, node.declaration.start) !== 'export default ',
  )
}

/**
 * An imported name assigned through a destructuring pattern that Vite does not rewrite
 * (D2): an object pattern of an assignment, or any pattern of a for-in/of head (the docs'
 * table shows object patterns; Vite skips `for ([a] of list)` alike).
 */
function hasDestructuringAssignmentToImport(program, imported) {
  const isPattern = (node) => node.type === 'ObjectPattern' || node.type === 'ArrayPattern'
  const forHeads = collect(program, (node) => /^For(Of|In)Statement$/.test(node.type) && isPattern(node.left)).map((node) => node.left)
  const assignments = collect(program, (node) => node.type === 'AssignmentExpression' && isPattern(node.left)).map((node) => node.left)
  const hasObjectPattern = (target) => collect(target, (node) => node.type === 'ObjectPattern').length > 0
  return [...forHeads, ...assignments.filter(hasObjectPattern)].some((target) => mentions(target, imported))
}

function mentions(root, names) {
  return collect(root, (node) => node.type === 'Identifier' && names.has(node.name)).length > 0
}

/** A static block that declares an imported name, or a function with a parameter default whose body declares one (D3). */
function hasScopeWalkerGap(program, imported) {
  const declaresImported = (root) =>
    collect(root, (node) => /^(VariableDeclarator|FunctionDeclaration|ClassDeclaration)$/.test(node.type)).some(
      (declaration) => declaration.id && mentions(declaration.id, imported),
    )
  const hasDefault = (fn) => fn.params.some((param) => collect(param, (node) => node.type === 'AssignmentPattern').length > 0)
  const functionsWithDefaults = collect(program, (node) => /Function/.test(node.type) && hasDefault(node))
  const staticBlocks = collect(program, (node) => node.type === 'StaticBlock')
  return staticBlocks.some(declaresImported) || functionsWithDefaults.some((fn) => declaresImported(fn.body))
}

/** `class {}` as a statement or `export class {}` (D8). */
function hasAnonymousClassDeclaration(program) {
  const exportedByDefault = new Set(program.body.filter((node) => node.type === 'ExportDefaultDeclaration').map((node) => node.declaration))
  return collect(program, (node) => node.type === 'ClassDeclaration' && node.id === null && !exportedByDefault.has(node)).length > 0
}

function hasModuleSyntax(program) {
  return program.body.some((node) => /^(Import|Export)/.test(node.type)) || collect(program, (node) => node.type === 'MetaProperty').length > 0
}

/**
 * `outcome` is `{ vite, ours }`, each `{ result }` or `{ error }`; `program` is Vite's
 * parse of `code`; `isValidModule()` asks native Node.
 */
export function classify(code, program, { vite, ours }, isValidModule) {
  if (ours.error && /lone surrogate/.test(ours.error.message)) return 'LIMIT'
  if (ours.error && hasAnonymousClassDeclaration(program)) return 'D8'
  // With D5, Vite throws before it would have let an early error (D7) through.
  if (vite.error && /cannot split a chunk that has already been edited/i.test(vite.error.message)) {
    return !ours.error || !isValidModule() ? 'D5' : UNEXPLAINED
  }
  if (ours.error && !vite.error) {
    if (isValidModule()) return UNEXPLAINED
    return /Unexpected reserved word `await`/.test(ours.error.message) ? 'D9' : 'D7'
  }
  if (vite.error && !ours.error) {
    if (!hasModuleSyntax(program) || code.includes('<!--')) return 'D6'
    if (hasIrregularExportDefault(code, program)) return 'D1'
    return UNEXPLAINED
  }
  if (vite.error && ours.error) return UNEXPLAINED
  const imported = importLocalNames(program)
  if (hasIrregularExportDefault(code, program)) return 'D1'
  if (hasDestructuringAssignmentToImport(program, imported)) return 'D2'
  if (hasScopeWalkerGap(program, imported)) return 'D3'
  if (/__vite_ssr_/.test(code)) return 'D4'
  if (!hasModuleSyntax(program)) return 'D6'
  return UNEXPLAINED
}
