// Node's on-disk module compile cache for gantry's processes (the CLI, the engine's program run,
// the benches): V8 code for the Pulumi SDKs is compiled once and reused, which is most of a cold
// start. The cache lives in $NODE_COMPILE_CACHE when set, else ~/.cache/gantry/compile-cache;
// Node keys it by file content and its own version, so a stale entry is never used.
"use strict";
const os = require("node:os");
const path = require("node:path");
const Module = require("node:module");

function cacheDir() {
  return process.env.NODE_COMPILE_CACHE || path.join(os.homedir(), ".cache", "gantry", "compile-cache");
}

/** Enables the cache (a no-op on Node < 22.1); returns Node's status object, or undefined. */
function enable() {
  if (typeof Module.enableCompileCache !== "function") return undefined;
  return Module.enableCompileCache(cacheDir());
}

module.exports = { enable, cacheDir };
