// zod's own Vitest suite, as its npm package ships it (node_modules/zod/src/**/tests), run
// against zod's TypeScript sources. NATIVE_SSR_TRANSFORM=1 adds the plugin. See run.mjs.
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
import nativeSsrTransform from '../../vite.mjs'

const zodRoot = fileURLToPath(new URL('../../node_modules/zod/', import.meta.url))
// zod's package.json maps this condition to src/*.ts: the library's own imports of
// "zod/v4" etc. then load its sources, so they go through the SSR transform too.
const conditions = ['@zod/source', 'module', 'node', 'development|production']

export default defineConfig({
  root: zodRoot,
  plugins: process.env.NATIVE_SSR_TRANSFORM === '1' ? [nativeSsrTransform({ logLevel: 'info' })] : [],
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: ['src/**/*.test.ts'],
    exclude: [
      // These import packages that are zod's devDependencies, not ours: esbuild,
      // @seriousme/openapi-schema-validator, @web-std/file, recheck.
      'src/v4/classic/tests/file.test.ts',
      'src/v4/classic/tests/redos.test.ts',
      'src/v4/classic/tests/to-json-schema.test.ts',
      'src/v4/core/tests/polyfill-collision.test.ts',
      'src/v4/core/tests/treeshake.test.ts',
    ],
    server: { deps: { inline: [/\/node_modules\/zod\//] } },
  },
})
