#!/usr/bin/env node
// Prints "N passed, N failed" from vitest's JSON report. Skipped or todo tests count as failed:
// CI runs every test, so a skip means something was not shown. A missing report is a failure.
"use strict";
const { readFileSync } = require("node:fs");
const file = process.argv[2] ?? "test-results/vitest.json";
let report;
try {
  report = JSON.parse(readFileSync(file, "utf8"));
} catch (e) {
  console.log(`no test report at ${file}: ${e.message}`);
  console.log("0 passed, 1 failed");
  process.exit(1);
}
const passed = report.numPassedTests ?? 0;
const failed = (report.numFailedTests ?? 0) + (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
// A suite that failed to load reports no tests; count it so the line cannot read "0 failed".
const brokenSuites = (report.testResults ?? []).filter(
  (s) => s.status === "failed" && (s.assertionResults ?? []).length === 0,
).length;
// A run that failed outside any test (global setup, unhandled error) still counts as a failure.
const unexplained = report.success === false && failed + brokenSuites === 0 ? 1 : 0;
const total = failed + brokenSuites + unexplained;
console.log(`${passed} passed, ${total} failed`);
process.exit(total > 0 ? 1 : 0);
