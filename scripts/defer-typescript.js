// @pulumi/pulumi loads the TypeScript compiler when it is imported (~110 ms and ~45 MB on Node 24
// even with the compile cache): its function serializer parses closures, e.g. for Lambda
// callbacks. A plan never serializes a function, so gantry gives the SDK a stand-in that loads
// the real compiler on first use: anything that does use it gets the real module, just later.
"use strict";
const path = require("node:path");
const Module = require("node:module");

let realLoaded = false;
let stub;

function compilerFile() {
  try {
    const sdkDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
    return require.resolve("typescript", { paths: [sdkDir] });
  } catch {
    return undefined;
  }
}

/** Installs the stand-in; false when there is nothing to defer (already loaded, or not found). */
function deferTypeScript() {
  // The same file @pulumi/pulumi's typescript-shim.js resolves; the shim falls back to a vendored
  // copy when there is none, and then there is nothing to defer.
  const file = compilerFile();
  if (!file) return false;
  if (require.cache[file]) return false;
  stub = new Module(file, module);
  stub.filename = file;
  stub.loaded = true;
  let real;
  const load = () => {
    if (real === undefined) {
      delete require.cache[file];
      try {
        real = require(file);
        realLoaded = true;
      } finally {
        require.cache[file] = stub;
      }
    }
    return real;
  };
  stub.exports = new Proxy(
    {},
    {
      get: (_, key) => load()[key],
      has: (_, key) => key in load(),
      ownKeys: () => Reflect.ownKeys(load()),
      getOwnPropertyDescriptor: (_, key) => {
        const d = Object.getOwnPropertyDescriptor(load(), key);
        return d && { ...d, configurable: true };
      },
    },
  );
  require.cache[file] = stub;
  return true;
}

/** "deferred" (the stand-in, compiler not loaded), "loaded" (the real compiler) or "absent". */
function typeScriptState() {
  const file = compilerFile();
  const m = file && require.cache[file];
  if (!m) return "absent";
  return m === stub && !realLoaded ? "deferred" : "loaded";
}

module.exports = { deferTypeScript, typeScriptState };
