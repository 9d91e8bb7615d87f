import type { BindingExportStyle } from './binding'

/** How exports are defined; the values of the binding's `BindingExportStyle`. */
export type ExportStyle = `${BindingExportStyle}`

/** Every `ExportStyle`, in the binding's order: `['exportName', 'defineProperty']`. */
export declare const exportStyles: readonly ExportStyle[]

/** A Source Map v3 object, shaped like magic-string's `SourceMap`. */
export declare class SourceMap {
  version: 3
  file?: string
  sources: string[]
  sourcesContent: (string | null | undefined)[]
  names: string[]
  mappings: string
  ignoreList?: number[]
  /** `JSON.stringify(map)` */
  toString(): string
  /** A `data:application/json;charset=utf-8;base64,…` URL of the map. */
  toUrl(): string
}

/** The map of the previous transform, as Vite passes it. */
export interface InputSourceMap {
  mappings: string
  sources?: (string | null)[]
  sourcesContent?: (string | null)[]
  names?: string[]
  sourceRoot?: string
  file?: string
  version?: number
  ignoreList?: number[]
}

export interface SsrTransformOptions {
  /** Vite's `json.stringify` fast path: for `.json`/`.json5` urls, `export default` becomes an assignment. */
  json?: { stringify?: boolean }
  /**
   * How exports are defined. `'exportName'` (default) uses `__vite_ssr_exportName__`, as Vite 7 and 8,
   * vite-node 3.2+ and Vitest 4+ expect. `'defineProperty'` defines getters on `__vite_ssr_exports__`,
   * for Vite 5 and 6 and vite-node 3.1 and older. Both hoist every export to the file start.
   */
  exportStyle?: ExportStyle
  /**
   * Keep ECMAScript module semantics where Vite's output bends them, at the cost of byte parity
   * with Vite: reading an export before its declaration ran throws `ReferenceError`; anonymous
   * default exports are named `default` and a default function is hoisted; `class X extends
   * Imported` reads the import live; an imported template tag is called with `this === undefined`.
   */
  strictEsm?: boolean
}

/** The result Vite's module graph stores. */
export interface TransformResult {
  code: string
  /** Our map, the combined map when `inMap` has mappings and sources, or `inMap` itself when its mappings are empty. */
  map: SourceMap | InputSourceMap | null
  ssr: true
  deps: string[]
  dynamicDeps: string[]
}

/** A parse failure, shaped like Vite's. */
export interface SsrTransformError extends Error {
  code: 'PARSE_ERROR' | 'INVALID_INPUT' | 'INTERNAL_ERROR'
  id: string
  pos?: number
  loc?: { line: number; column: number; file: string }
  frame?: string
}

/** Vite's `ssrTransform(code, inMap, url, originalCode)`, run off the JS thread, on a thread per core that takes the largest waiting module first. */
export declare function ssrTransform(
  code: string,
  inMap: InputSourceMap | null | undefined,
  url: string,
  originalCode?: string,
  options?: SsrTransformOptions,
): Promise<TransformResult>

/** Vite's `ssrTransform(code, inMap, url, originalCode)`, run synchronously. */
export declare function ssrTransformSync(
  code: string,
  inMap: InputSourceMap | null | undefined,
  url: string,
  originalCode?: string,
  options?: SsrTransformOptions,
): TransformResult

export interface CjsImportOptions {
  /** `'serve'` (default) warns through `onWarn` about an `export * from` whose exports are lost; `'build'` does not. */
  command?: 'serve' | 'build'
  onWarn?: (message: string) => void
  /** `'legacy'`: Vite 2–5's single-string form. */
  format?: 'current' | 'legacy'
}

/** Vite 8.3's `transformCjsImport` result. */
export interface CjsImportResult {
  importLine: string
  hoistedAssignments?: string
}

/** Vite's `transformCjsImport` for one import statement of a pre-bundled CommonJS dependency. */
export declare function transformCjsImport(
  importExp: string,
  url: string,
  rawUrl: string,
  importIndex: number,
  importer: string,
  isNodeMode: boolean,
  options?: CjsImportOptions & { format?: 'current' },
): CjsImportResult | undefined
export declare function transformCjsImport(
  importExp: string,
  url: string,
  rawUrl: string,
  importIndex: number,
  importer: string,
  isNodeMode: boolean,
  options: CjsImportOptions & { format: 'legacy' },
): string | undefined

export interface CjsImportRequest {
  /** The specifier as written in the module (the string's value). */
  specifier: string
  /** The url of the pre-bundled module. */
  url: string
  /** Node's interop (`.mjs`, or `"type": "module"`). */
  nodeMode?: boolean
}

/** Vite's `interopNamedImports` applied to every listed import of a module, in one parse. */
export declare function rewriteCjsImports(
  code: string,
  imports: CjsImportRequest[],
  options?: Omit<CjsImportOptions, 'format'> & { importer?: string },
): { code: string; map: SourceMap }

/** Export names and re-exported specifiers of CommonJS source, as Node's cjs-module-lexer finds them. */
export declare function detectCjsExports(source: string): { exports: string[]; reexports: string[] }

/**
 * The names (besides `default`) that Node's `import()` of a CommonJS file exposes: its own, and
 * recursively those of the modules it re-exports, resolved as `require` resolves them.
 */
export declare function cjsExportNames(filename: string, options?: { readFile?: (file: string) => string }): string[]

/**
 * Replaces `export * from 'x'` with an explicit `export { … } from 'x'` for each listed specifier,
 * without `default`, the module's own exports, and names provided by two stars. `undefined` when unchanged.
 */
export declare function expandCjsExportStar(
  code: string,
  namesBySpecifier: Record<string, string[]> | Map<string, string[]>,
  options?: { url?: string },
): { code: string; map: SourceMap; expanded: string[] } | undefined
