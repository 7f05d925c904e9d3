// The program's entry point for the Pulumi engine. The TypeScript sources are compiled by our
// small esbuild hook (cached, only our own .ts files) instead of ts-node: the engine then spends
// ~1 s less per update, and types are checked by `npm run check` (tsc) in CI instead.
"use strict";
require("../scripts/register-ts.js");
module.exports = require("./index.ts");
