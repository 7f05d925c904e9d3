import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/engine/**", "node_modules/**"],
    // Pulumi's mock runtime is process-global state: give every test file its own process.
    pool: "forks",
    isolate: true,
    testTimeout: 30_000,
    // The JSON report is what .ci/run turns into its "N passed, N failed" line.
    reporters: ["default", ["json", { outputFile: "test-results/vitest.json" }]],
  },
});
