import { defineConfig } from "vitest/config";

// This example's own Vitest setup, as an integration's project would have it.
export default defineConfig({
  test: { include: ["test/**/*.test.js"], testTimeout: 20_000, hookTimeout: 30_000 },
});
