// The framework dev-server tests (`npm run test:frameworks`): each installs its app on
// demand and runs its real dev server twice, so they run one at a time.
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['__test__/frameworks/*.test.mjs'],
    testTimeout: 60_000,
    pool: 'forks',
    fileParallelism: false,
  },
})
