'use strict'
// The browser side of `native-ssr-transform/vite`: `export * from '<CommonJS dependency>'`
// keeps the dependency's names (docs/vite-plugin.md, "export * from a CommonJS dependency").
//
// `export * from 'x'`, where `x` is a CommonJS dependency that Vite pre-bundled, is
// rewritten by Vite's import analysis to the pre-bundled file, whose only export is
// `default`: every name is lost, with a warning. Named re-exports (`export { a } from 'x'`)
// go through Vite's CommonJS interop instead, so the star is expanded into those first.

// Modules Vite's import analysis reads as JavaScript: scripts and single-file components.
const JS_LIKE_ID = /\.(?:[jt]sx?|m[jt]s|vue|marko|svelte|astro|imba|mdx)(?:$|\?)/
// `export`, then spaces or comments, then `*`: most modules fail this and skip the parse.
const MAY_EXPORT_STAR = /\bexport(?:\s|\/\*[\s\S]*?\*\/|\/\/[^\n]*\n)*\*/

function withoutQuery(id) {
  return id.replace(/[?#][\s\S]*$/, '')
}

/** The `x` of each `export * from 'x'` and `export * as ns from 'x'` in an ESTree program. */
function exportStarSpecifiers(program) {
  const specifiers = new Set()
  for (const node of program.body) {
    if (node.type === 'ExportAllDeclaration') specifiers.add(node.source.value)
  }
  return [...specifiers]
}

// Vite's `optimizedDepNeedsInterop`: a dependency is interoperated as CommonJS when its
// pre-bundling said so or, before the bundle exists, when it is listed in
// `optimizeDeps.needsInterop` or its source has no import/export syntax.
async function viteInteropsAsCommonJs(environment, depInfo) {
  if (depInfo.needsInterop !== undefined) return depInfo.needsInterop
  if (environment.config.optimizeDeps?.needsInterop?.includes(depInfo.id)) return true
  const exportsData = await depInfo.exportsData
  return exportsData ? !exportsData.hasModuleSyntax : false
}

/**
 * The plugin that takes the main plugin's place in browser environments: its transform
 * has no `order`, so it runs before Vite's import analysis (the last normal-order
 * transform), where the main plugin's `post` transform runs after it. The native
 * functions come from the caller, so that this file requires nothing: Vite before 8
 * bundles a config with what it imports from outside `node_modules`.
 */
function createCjsExportStarPlugin({ name, log, cjsExportNames, expandCjsExportStar }) {
  // Per optimizer entry: a re-optimization makes new entries, so the names are read again.
  const namesByDepInfo = new WeakMap()

  function exportNamesOf(depInfo) {
    let names = namesByDepInfo.get(depInfo)
    if (!names) {
      try {
        names = cjsExportNames(depInfo.src)
      } catch (error) {
        // No names: the star stays as Vite serves it, with Vite's warning.
        log.warn(`could not read the export names of ${depInfo.id} from ${depInfo.src}: ${error.message}`)
        names = []
      }
      namesByDepInfo.set(depInfo, names)
    }
    return names
  }

  /** The export names of the CommonJS dependency `specifier` names, if Vite interops it. */
  async function commonJsExportNames(context, specifier, importer) {
    const { depsOptimizer } = context.environment
    // A specifier that fails to resolve is reported by the import analysis.
    const resolved = await context.resolve(specifier, importer).catch(() => null)
    if (!resolved || resolved.external || !depsOptimizer.isOptimizedDepFile(resolved.id)) return
    const file = withoutQuery(resolved.id)
    const depInfo = depsOptimizer.metadata.depInfoList.find((info) => info.file === file)
    if (!depInfo?.src || !(await viteInteropsAsCommonJs(context.environment, depInfo))) return
    return exportNamesOf(depInfo)
  }

  return {
    name: `${name}:cjs-export-star`,
    async transform(code, id) {
      const depsOptimizer = this.environment?.depsOptimizer
      if (!depsOptimizer || !JS_LIKE_ID.test(id) || !MAY_EXPORT_STAR.test(code)) return
      if (id.includes('/node_modules/') || depsOptimizer.isOptimizedDepFile(id)) return
      let program
      try {
        program = this.parse(code)
      } catch {
        return // The import analysis reports what it cannot read.
      }
      const specifiers = exportStarSpecifiers(program)
      const namesBySpecifier = new Map()
      await Promise.all(
        specifiers.map(async (specifier) => {
          const names = await commonJsExportNames(this, specifier, id)
          // A plain star with no name found stays, with Vite's warning that it loses them;
          // `export * as ns` needs no names to become a namespace import Vite interops.
          if (names) namesBySpecifier.set(specifier, names)
        }),
      )
      if (!namesBySpecifier.size) return
      let expansion
      try {
        expansion = expandCjsExportStar(code, namesBySpecifier, { url: withoutQuery(id) })
      } catch (error) {
        log.warn(`left export * in ${id} as it is: ${error.message}`)
        return
      }
      if (!expansion) return
      return { code: expansion.code, map: expansion.map }
    },
  }
}

module.exports = { createCjsExportStarPlugin }
