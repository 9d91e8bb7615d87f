// Access to the package under test. Loaded on first use rather than imported statically,
// so that a missing binding fails each test that needs it with one clear message while
// the Vite and native-Node controls in the same files still run.
export const EXPORT_STYLES = ['exportName', 'defineProperty']

let loading

export function loadOurPackage() {
  loading ??= import('../../index.mjs').catch((cause) => {
    throw new Error(
      'native-ssr-transform could not be loaded. Is the binding built? Run `npm run build`.\n' +
      `Cause: ${cause?.message ?? cause}`,
      { cause },
    )
  })
  return loading
}

/** Our async ssrTransform with fixed options, in moduleRunnerTransform's call shape. */
export function ourTransform(options) {
  return async (code, inMap, url, originalCode) => {
    const { ssrTransform } = await loadOurPackage()
    return ssrTransform(code, inMap, url, originalCode, options)
  }
}
