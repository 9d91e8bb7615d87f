import { testPlugins } from '../shared/test-plugins.mjs'

export default defineNuxtConfig({
  compatibilityDate: '2026-01-01',
  devtools: { enabled: false },
  telemetry: false,
  hooks: {
    // Per Vite config (Nuxt builds one for the client and one for the server), so that
    // each gets plugin instances of its own.
    'vite:extendConfig'(config) {
      config.plugins ??= []
      config.plugins.push(...testPlugins())
    },
  },
})
