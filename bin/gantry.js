#!/usr/bin/env node
// Entry point of the `gantry` command: registers tsx so the TypeScript sources (and the Pulumi
// program they run under mocks) load without a build step, then runs the CLI.
"use strict";
require("tsx/cjs/api").register();
const { main } = require("../src/cli/main.ts");
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`gantry: ${err && err.message ? err.message : err}\n`);
    process.exitCode = 1;
  },
);
