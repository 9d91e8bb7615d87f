import { configDefaults, defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['__test__/**/*.test.mjs'],
    // Framework dev servers: `npm run test:frameworks` (vitest.frameworks.config.mjs).
    exclude: [...configDefaults.exclude, '__test__/frameworks/**'],
    // The largest corpus files take Vite's JS transform several seconds on a slow machine.
    testTimeout: 60_000,
    // Child processes keep a crash inside the native addon from taking down the runner.
    pool: 'forks',
  },
})
