import { createRequire } from 'node:module'

// Vite < 8 bundles a config file with everything it imports from outside node_modules (a
// linked checkout or workspace package, an import by path). A static import of the
// CommonJS vite.js would be inlined into that ES module bundle, where its `require` calls
// throw `Dynamic require of "node:module" is not supported`. The bundler leaves a require
// made by `createRequire` alone, and Vite points `import.meta.url` at this file.
const nativeSsrTransform = createRequire(import.meta.url)('./vite.js')

export { nativeSsrTransform }
export default nativeSsrTransform
