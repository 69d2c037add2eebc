// Runs only this folder's smoke tests: npx vitest run --config tools/services/vitest.dev.config.ts
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    root: new URL("../..", import.meta.url).pathname,
    include: ["tools/services/**/*.test.ts"],
    globalSetup: ["tools/services/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
