import { sveltekit } from '@sveltejs/kit/vite'
import { defineConfig } from 'vite'
import { testPlugins } from '../shared/test-plugins.mjs'

export default defineConfig({ plugins: [sveltekit(), ...testPlugins()] })
