import native from './index.js'

export const {
  ssrTransform,
  ssrTransformSync,
  transformCjsImport,
  rewriteCjsImports,
  detectCjsExports,
  cjsExportNames,
  expandCjsExportStar,
  SourceMap,
} = native
export default native
