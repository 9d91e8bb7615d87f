import preact from '@astrojs/preact'
import { defineConfig } from 'astro/config'
import { testPlugins } from '../shared/test-plugins.mjs'

export default defineConfig({ integrations: [preact()], vite: { plugins: testPlugins() } })
