import { defineConfig } from "vitest/config";
import compileCache from "./scripts/compile-cache.js";

// Every test worker (and every `gantry` it spawns) reuses V8's compiled code for the Pulumi SDKs:
// loading them is most of each test file's cost.
process.env.NODE_COMPILE_CACHE ??= compileCache.cacheDir();

/** Real tools run as processes (promtool, checkov, actionlint, loopback servers, the gantry CLI itself). */
const TOOLS = ["test/tools/**/*.test.ts", "test/release/**/*.test.ts"];

/** Pure tests: no Pulumi runtime, so their files can share worker processes (test/helpers/pure-setup.ts checks). */
const PURE = [
  "test/unit/**/*.test.ts",
  "test/policies/**/*.test.ts",
  "test/components/*-args.test.ts",
  "test/components/release*.test.ts",
  "test/components/service.validate.test.ts",
  "test/components/redis-scripts.test.ts",
];

export default defineConfig({
  test: {
    pool: "forks",
    // The JSON report is what .ci/run turns into its "N passed, N failed" line.
    reporters: ["default", ["json", { outputFile: "test-results/vitest.json" }]],
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: PURE,
          // One process per worker for all of these files: starting a process and loading the
          // SDKs per file cost more than the tests themselves.
          isolate: false,
          // Alone, before the others: run beside the isolated projects it was far slower
          // (unit + offline took 51 s together, against 3 s + 33 s one after the other).
          sequence: { groupOrder: 0 },
          setupFiles: ["test/helpers/pure-setup.ts"],
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          // Component, stack and plan tests: Pulumi's (mock) runtime is process-global state, so
          // every file gets its own process.
          name: "offline",
          sequence: { groupOrder: 1 },
          include: ["test/**/*.test.ts"],
          exclude: [...PURE, ...TOOLS, "test/engine/**", "node_modules/**"],
          isolate: true,
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          // The real-tools layer: each file drives real programs (their time is theirs, not the
          // mock-runtime suites').
          name: "tools",
          sequence: { groupOrder: 1 },
          include: TOOLS,
          isolate: true,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        // The real Pulumi engine: its own project and processes, never the mock runtime's.
        extends: true,
        test: {
          name: "engine",
          sequence: { groupOrder: 1 },
          include: ["test/engine/**/*.test.ts"],
          globalSetup: ["test/engine/setup.ts"],
          isolate: true,
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
