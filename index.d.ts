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
  exportStyle?: 'exportName' | 'defineProperty'
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

/** Vite's `ssrTransform(code, inMap, url, originalCode)`, run on the libuv threadpool. */
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
