import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'tools/**/*.test.ts', 'agents/**/*.test.ts', 'evals/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: each file boots its own PGlite (~1 s of WASM start-up), so keep parallelism modest.
    maxWorkers: 2,
    minWorkers: 1,
    // Browser tests poll the page for what a click caused; on a busy 2-core machine that can take seconds, not the
    // default 1 s. Correctness only: nothing here measures speed.
    expect: { poll: { timeout: 20_000, interval: 50 } },
  },
})
