import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Pulumi's runtime is process-global state: every test file gets its own process.
    pool: "forks",
    isolate: true,
    // The JSON report is what .ci/run turns into its "N passed, N failed" line.
    reporters: ["default", ["json", { outputFile: "test-results/vitest.json" }]],
    projects: [
      {
        extends: true,
        test: {
          name: "offline",
          include: ["test/**/*.test.ts"],
          exclude: ["test/engine/**", "node_modules/**"],
          testTimeout: 30_000,
        },
      },
      {
        // The real Pulumi engine: its own project and processes, never the mock runtime's.
        extends: true,
        test: {
          name: "engine",
          include: ["test/engine/**/*.test.ts"],
          globalSetup: ["test/engine/setup.ts"],
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
