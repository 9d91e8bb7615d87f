import nativeSsrTransform from './vite.js'

export { nativeSsrTransform }
export default nativeSsrTransform
