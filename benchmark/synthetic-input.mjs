// Inputs of a chosen size (for the scaling and event-loop measurements), made by
// concatenating corpus modules and cycling through the corpus when it is too small.
//
// Nothing is renamed. A module may not declare a name twice at its top level, though,
// nor export one twice, so each copy of a module's body is wrapped in
// `(async () => { … })();`, where its declarations are local, `await` and
// `import.meta` still work, and `this` and `arguments` mean what they did. The
// wrapper's `export` keywords are cut from declarations; export lists, re-exports and
// anonymous default exports are dropped. Import declarations stay at the top level,
// except those that would bind a name bound already, and those of later copies.
import { parseSync } from 'vite'

const WRAPPER_START = '\n(async () => {\n'
const WRAPPER_END = '\n})();\n'

const withBytes = (text) => ({ text, bytes: Buffer.byteLength(text) })

/**
 * Where the text kept of a top-level statement starts, or null when it is dropped:
 * `export const a`, `export function f` and `export default class C` keep their
 * declaration; other exports have nothing to keep that would parse on its own.
 */
function keptStart(statement) {
  if (!statement.type.startsWith('Export')) return statement.start
  const { declaration } = statement
  switch (declaration?.type) {
    case 'VariableDeclaration':
      return declaration.start
    case 'FunctionDeclaration':
    case 'ClassDeclaration':
      return declaration.id ? declaration.start : null
    default:
      return null
  }
}

/**
 * Splits one module into its import declarations and the rest of its text, the latter
 * in chunks that each end at a top-level statement, so that an input can be cut near
 * any size and still parse.
 */
function splitModule({ code, url }) {
  const { program, errors } = parseSync(url, code, { sourceType: 'module', lang: 'js' })
  if (errors.length > 0) throw new Error(`${url} does not parse: ${errors[0].message}`)
  const imports = []
  const bodyChunks = []
  let from = program.hashbang?.end ?? 0
  for (const statement of program.body) {
    const leading = code.slice(from, statement.start)
    from = statement.end
    if (statement.type === 'ImportDeclaration') {
      const localNames = statement.specifiers.map((specifier) => specifier.local.name)
      imports.push({ text: code.slice(statement.start, statement.end), localNames })
      bodyChunks.push(leading)
      continue
    }
    const start = keptStart(statement)
    bodyChunks.push(start === null ? leading : leading + code.slice(start, statement.end))
  }
  bodyChunks.push(code.slice(from))
  return { imports, bodyChunks: bodyChunks.map(withBytes) }
}

/**
 * Returns a factory of `{ relativePath, url, code, bytes }` inputs of at least
 * `targetBytes` UTF-8 bytes (exceeding it by less than one top-level statement of a
 * module, plus the wrapper's end).
 */
export function syntheticInputFactory(corpusFiles) {
  const modules = corpusFiles.map(splitModule)
  const boundNames = new Set()
  const firstCopyImports = modules.map(({ imports }) => {
    const kept = imports.filter(({ localNames }) => localNames.every((name) => !boundNames.has(name)))
    for (const { localNames } of kept) for (const name of localNames) boundNames.add(name)
    return withBytes(kept.map(({ text }) => `${text}\n`).join(''))
  })
  const wrapperStart = withBytes(WRAPPER_START)
  const wrapperEnd = withBytes(WRAPPER_END)

  return function syntheticInput(targetBytes) {
    const parts = []
    let bytes = 0
    const append = ({ text, bytes: size }) => {
      parts.push(text)
      bytes += size
    }
    for (let copy = 0; bytes < targetBytes; copy++) {
      const index = copy % modules.length
      if (copy < modules.length) append(firstCopyImports[index])
      append(wrapperStart)
      for (const chunk of modules[index].bodyChunks) {
        if (bytes >= targetBytes) break
        append(chunk)
      }
      append(wrapperEnd)
    }
    const megabytes = targetBytes / 1e6
    const code = parts.join('')
    return { relativePath: `synthetic ${megabytes} MB`, url: `/synthetic-${megabytes}mb.js`, code, bytes }
  }
}
