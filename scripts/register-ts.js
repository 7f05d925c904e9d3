// A minimal TypeScript loader for the gantry CLI and benches: compiles our own .ts files with
// esbuild on require, caching the output by content hash. Unlike a general loader it leaves every
// .js file (thousands in @pulumi/aws) to Node untouched, which keeps `gantry plan` start-up within
// budget. No source maps: the CLI prints messages, not stack traces, and parsing inline maps for
// every module cost ~10% of a plan.
"use strict";
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");
const Module = require("node:module");

const cacheDir = path.join(__dirname, "..", "node_modules", ".cache", "gantry-ts");
let esbuild;

function compile(source, filename) {
  esbuild ??= require("esbuild");
  return esbuild.transformSync(source, { loader: "ts", format: "cjs", target: "node22", sourcefile: filename }).code;
}

Module._extensions[".ts"] = function compileTs(module, filename) {
  const source = fs.readFileSync(filename, "utf8");
  const key = crypto.createHash("sha1").update(filename).update("\0").update(source).digest("hex");
  const cached = path.join(cacheDir, `${key}.js`);
  let code;
  try {
    code = fs.readFileSync(cached, "utf8");
  } catch {
    code = compile(source, filename);
    try {
      fs.mkdirSync(cacheDir, { recursive: true });
      fs.writeFileSync(`${cached}.${process.pid}`, code);
      fs.renameSync(`${cached}.${process.pid}`, cached); // atomic: parallel plans share the cache
    } catch {
      // a read-only tree still works, just without the cache
    }
  }
  module._compile(code, filename);
};
