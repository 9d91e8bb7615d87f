// The project's own JS suite again, with every test module going through the native
// transform (`npm run test:dogfood`, also part of `npm test`).
import { defineConfig, mergeConfig } from 'vitest/config'
import nativeSsrTransform from './vite.mjs'
import baseConfig from './vitest.config.mjs'

const plugin = nativeSsrTransform({ logLevel: 'info' })

// A dogfood run in which the plugin transformed nothing would prove nothing.
const failUnlessTransformed = {
  name: 'dogfood:fail-unless-transformed',
  configureVitest({ vitest }) {
    vitest.onClose(() => {
      if (plugin.api.stats.modules > 0) return
      console.error('dogfood: the native-ssr-transform plugin transformed no module')
      process.exitCode = 1
    })
  },
}

export default mergeConfig(baseConfig, defineConfig({ plugins: [plugin, failUnlessTransformed] }))
