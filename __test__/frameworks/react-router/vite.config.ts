import { reactRouter } from '@react-router/dev/vite'
import { defineConfig } from 'vite'
import { testPlugins } from '../shared/test-plugins.mjs'

export default defineConfig({ plugins: [reactRouter(), ...testPlugins()] })
