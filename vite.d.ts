import type { Plugin } from 'vite'
import type { ExportStyle } from './index'

export interface NativeSsrTransformOptions {
  /**
   * How exports are defined. Chosen from the host when left out: `'exportName'` on Vite 7+
   * (whose runners all have `__vite_ssr_exportName__`), `'defineProperty'` on Vite 5 and 6.
   */
  exportStyle?: ExportStyle
  /**
   * `'vite'`: a module the native transform rejects goes through Vite's JS transform
   * instead, and the first such module is logged. Left out, the native error is thrown.
   */
  fallback?: 'vite'
  /**
   * In the browser pipeline (Vite >= 6), expand `export * from '<pre-bundled CommonJS dependency>'`
   * into an explicit list of the names Node's lexer finds in the dependency, before Vite's import
   * analysis, which would otherwise drop them all. Default `true`.
   */
  cjsExportStar?: boolean
  /**
   * ECMAScript module semantics where Vite's output bends them (reading an export before it is
   * initialised throws, anonymous default exports are named `default`, a superclass is read live,
   * template tags get no receiver), at the cost of byte parity with Vite. Default `false`.
   */
  strictEsm?: boolean
  /** `'info'` also prints, when a server closes, how many modules went through and how long they took. Default `'warn'`; `DEBUG=native-ssr-transform` sets `'info'`. */
  logLevel?: 'silent' | 'warn' | 'info'
}

export interface NativeSsrTransformStats {
  /** Modules transformed by the native transform. */
  modules: number
  /** The sum of each module's transform time, in milliseconds. */
  transformMs: number
  /** Modules handed to Vite's JS transform under `fallback: 'vite'`. */
  fallbacks: number
}

export interface NativeSsrTransformApi {
  version: string
  /** Live counters, updated as modules are transformed. */
  stats: NativeSsrTransformStats
  /** The export style in use (known once the host is). */
  readonly exportStyle: ExportStyle
}

export type NativeSsrTransformPlugin = Plugin & { api: NativeSsrTransformApi }

/**
 * Routes every server-side module through the native ssrTransform instead of Vite's JS one, and
 * in the browser pipeline expands `export * from` CommonJS dependencies (`cjsExportStar`).
 */
export declare function nativeSsrTransform(options?: NativeSsrTransformOptions): NativeSsrTransformPlugin

export default nativeSsrTransform
