import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    globalSetup: ["tests/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 240_000,
    // build and browser suites share dist/ and ports: run files one after another
    fileParallelism: false,
  },
});
