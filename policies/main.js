// The pack's entry point for the Pulumi engine (package.json "main"). The engine's policy-pack
// runner registers a TypeScript compiler for .ts files; our small cached esbuild hook (the same the
// program and the CLI use) replaces it, so no ts-node is needed and types are checked by tsc in CI.
"use strict";
require("../scripts/compile-cache.js").enable();
require("../scripts/register-ts.js");
require("./index.ts");
