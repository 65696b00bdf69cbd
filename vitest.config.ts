import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Native addons (nodejieba, hnswlib-node) are safest in forked workers.
    pool: "forks",
  },
});
