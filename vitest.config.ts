import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'tools/**/*.test.ts', 'agents/**/*.test.ts', 'evals/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: each file boots its own PGlite (~1 s of WASM start-up), so keep parallelism modest.
    maxWorkers: 2,
    minWorkers: 1,
  },
})
