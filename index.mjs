import native from './index.js'

export const { ssrTransform, ssrTransformSync, transformCjsImport, rewriteCjsImports, SourceMap } = native
export default native
