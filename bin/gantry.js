#!/usr/bin/env node
// Entry point of the `gantry` command: registers a TypeScript loader so the sources (and the Pulumi
// program they run under mocks) load without a build step, then runs the CLI.
"use strict";
// V8's compiled code for every module (the three Pulumi SDKs are ~4,000 files) is cached on disk
// across runs: start-up is dominated by compiling them. Node >= 22.1; older Nodes just run slower.
require("../scripts/compile-cache.js").enable();
// The SDK loads the TypeScript compiler on import for a serializer no gantry command uses.
require("../scripts/defer-typescript.js").deferTypeScript();
require("../scripts/register-ts.js");
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
