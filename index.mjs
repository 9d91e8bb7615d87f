import native from './index.js'

export const { ssrTransform, ssrTransformSync, SourceMap } = native
export default native
