import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // expect.poll waits 1 s by default: too short for a browser on a loaded two-core CI machine, where a
    // history navigation and its refetch can take longer. A poll that times out is still a failure.
    expect: { poll: { timeout: 15_000, interval: 100 } },
    // Two cores: a few files at a time, each with its own databases.
    maxWorkers: 3,
    reporters: ['default'],
  },
});
