// Runs small in-memory programs ({ '/main.js': 'source', ... }) two ways:
// - runModules: through Vite's real ModuleRunner, with a pluggable ssrTransform;
// - runNative:  with plain Node ESM in a child process (the ground truth).
//
// Contract for the programs: the entry module exports `result`, a structured-cloneable
// value (compute it with top-level await if it depends on timers). Both runners resolve
// to a structured clone of that value, so results from both worlds compare with toEqual.
// Everything a program does must have settled when the entry finishes evaluating.
import { spawn } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { builtinModules } from 'node:module'
import { dirname, join, posix } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseAst } from 'vite'
import { ESModulesEvaluator, ModuleRunner } from 'vite/module-runner'

const repoRoot = fileURLToPath(new URL('../..', import.meta.url))
// Inside the repo so that bare specifiers resolve to the repo's node_modules, as they do
// for the ModuleRunner's externalized imports.
const nativeScratchRoot = join(repoRoot, 'node_modules', '.cache', 'runner-native')
const NATIVE_TIMEOUT_MS = 20_000

const isRelative = (specifier) => specifier.startsWith('./') || specifier.startsWith('../')
const isBuiltin = (specifier) => specifier.startsWith('node:') || builtinModules.includes(specifier)
const isBare = (specifier) => !isRelative(specifier) && !specifier.startsWith('/')

function resolveInMemory(specifier, importer) {
  return isRelative(specifier) ? posix.resolve(posix.dirname(importer ?? '/'), specifier) : specifier
}

const NODE_TYPES_WITH_A_SPECIFIER = new Set(['ImportDeclaration', 'ImportExpression', 'ExportNamedDeclaration', 'ExportAllDeclaration'])

// Vite's import-analysis plugin runs before ssrTransform and rewrites every literal
// specifier to a root-relative URL ('./b.js' -> '/b.js'). The ModuleRunner depends on
// that: it caches modules by the URL as written, and resolves a dynamic `import('./x')`
// against the importer's URL. Doing the same rewrite here keeps the runner in the
// situation it is built for; the transform under test still sees every other byte.
function rewriteSpecifiersToRootRelative(code, importerId) {
  let program
  try {
    program = parseAst(code)
  } catch {
    // Vite's parser rejects it: hand it over unchanged, so that the transform under test
    // accepts or rejects the module itself (and the runner resolves relative dynamic
    // imports on its own).
    return code
  }
  const replacements = []
  const visit = (node) => {
    if (Array.isArray(node)) return node.forEach(visit)
    if (!node || typeof node !== 'object') return
    const source = NODE_TYPES_WITH_A_SPECIFIER.has(node.type) ? node.source : null
    if (source?.type === 'Literal' && typeof source.value === 'string' && isRelative(source.value)) {
      replacements.push({ start: source.start, end: source.end, text: JSON.stringify(resolveInMemory(source.value, importerId)) })
    }
    for (const key in node) visit(node[key])
  }
  visit(program)
  let rewritten = code
  // Back to front, so that earlier offsets stay valid.
  for (const { start, end, text } of replacements.sort((x, y) => y.start - x.start)) {
    rewritten = rewritten.slice(0, start) + text + rewritten.slice(end)
  }
  return rewritten
}

function createInMemoryTransport(files, transform) {
  const handlers = {
    // Same answer shape as Vite's DevEnvironment: 'node:*' and Node's builtin names.
    async getBuiltins() {
      return [{ type: 'RegExp', source: '^node:', flags: '' }, ...builtinModules.map((value) => ({ type: 'string', value }))]
    },
    async fetchModule(url, importer) {
      if (isBuiltin(url)) return { externalize: url, type: 'builtin' }
      if (isBare(url)) return { externalize: url, type: 'module' }
      const id = resolveInMemory(url, importer)
      if (!Object.hasOwn(files, id)) throw new Error(`runModules: no in-memory file "${id}" (imported as "${url}" from ${importer ?? 'the entry'})`)
      const code = rewriteSpecifiersToRootRelative(files[id], id)
      const transformed = await transform(code, null, id, code)
      return { code: transformed.code, file: id, id, url: id, invalidate: false }
    },
  }
  return {
    async invoke(payload) {
      const { name, data } = payload.data
      try {
        return { result: await handlers[name](...data) }
      } catch (error) {
        return { error }
      }
    },
  }
}

/**
 * Evaluate `files` with Vite's ModuleRunner, feeding it `transform(code, inMap, url,
 * originalCode)` output (Vite's moduleRunnerTransform or ours, sync or async), and
 * resolve to the entry's `result` export.
 */
export async function runModules(files, entry, { transform }) {
  const runner = new ModuleRunner(
    {
      transport: createInMemoryTransport(files, transform),
      hmr: false,
      // The interceptor replaces Error.prepareStackTrace process-wide, which would also
      // rewrite the test framework's own stack traces.
      sourcemapInterceptor: false,
    },
    new ESModulesEvaluator(),
  )
  try {
    const entryExports = await runner.import(entry)
    return structuredClone(entryExports.result)
  } finally {
    await runner.close()
  }
}

// Runs in the child: import the entry, post back its `result` (or the error).
const NATIVE_DRIVER = `
const entryUrl = process.argv[1]
try {
  const entryModule = await import(entryUrl)
  process.send({ ok: true, result: entryModule.result })
} catch (error) {
  process.send({ ok: false, error: { name: error?.name, message: String(error?.message ?? error), stack: error?.stack } })
}
`

function evaluateInChildNode(entryUrl, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '--eval', NATIVE_DRIVER, entryUrl], {
      cwd,
      // 'advanced' serialization is structured clone, the same copy runModules makes.
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
      timeout: NATIVE_TIMEOUT_MS,
    })
    let message
    let stderr = ''
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('message', (received) => (message = received))
    child.on('error', reject)
    child.on('close', (exitCode, signal) => {
      if (!message) return reject(new Error(`native node exited (${signal ?? exitCode}) without a result:\n${stderr}`))
      if (message.ok) return resolve(message.result)
      reject(Object.assign(new Error(message.error.message), { name: message.error.name, stack: message.error.stack }))
    })
  })
}

/**
 * Write `files` to a fresh directory and import the entry with Node's own ESM loader in
 * a child process (a clean module cache, and no test-framework module hooks), resolving
 * to the entry's `result` export.
 */
export async function runNative(files, entry) {
  await mkdir(nativeScratchRoot, { recursive: true })
  const root = await mkdtemp(join(nativeScratchRoot, 'program-'))
  try {
    for (const [id, code] of Object.entries(files)) {
      const path = join(root, id)
      await mkdir(dirname(path), { recursive: true })
      await writeFile(path, code)
    }
    return await evaluateInChildNode(pathToFileURL(join(root, entry)).href, root)
  } finally {
    await rm(root, { recursive: true, force: true })
  }
}
