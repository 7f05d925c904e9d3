// The gantry CLI gives @pulumi/pulumi a stand-in for the TypeScript compiler (see
// scripts/defer-typescript.js). Checked in a fresh Node process, as the CLI runs: importing the SDK
// no longer loads the compiler, a plan never does, and the SDK's function serializer (the one
// user of it) still works, with the real compiler loaded on demand.
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { expect, it } from "vitest";

const root = path.resolve(__dirname, "..", "..");

function run(script: string): Record<string, unknown> {
  const out = execFileSync(process.execPath, ["-e", script], { cwd: root, encoding: "utf8" });
  return JSON.parse(out.trim().split("\n").pop()!) as Record<string, unknown>;
}

it("importing @pulumi/pulumi does not load the compiler; serializing a function still works", () => {
  const r = run(`
    const d = require("./scripts/defer-typescript.js");
    const deferred = d.deferTypeScript();
    const pulumi = require("@pulumi/pulumi");
    const afterImport = d.typeScriptState();
    process.emitWarning = () => {};
    pulumi.runtime.serializeFunction(() => 6 * 7).then((s) => {
      console.log(JSON.stringify({ deferred, afterImport, serialized: s.text.includes("6 * 7"), afterUse: d.typeScriptState(), version: require("typescript").version }));
    });
  `);
  expect(r).toEqual({
    deferred: true,
    afterImport: "deferred",
    serialized: true,
    afterUse: "loaded",
    version: (require(path.join(root, "node_modules/typescript/package.json")) as { version: string }).version,
  });
});

it("a whole production plan runs without loading the compiler", () => {
  const r = run(`
    const d = require("./scripts/defer-typescript.js");
    const origWrite = process.stdout.write.bind(process.stdout);
    process.stdout.write = () => true;
    process.argv = [process.argv[0], "bin/gantry.js", "plan", "production", "--json"];
    require("./bin/gantry.js");
    process.on("beforeExit", () => {
      origWrite(JSON.stringify({ code: process.exitCode ?? 0, compiler: d.typeScriptState() }) + "\\n");
    });
  `);
  expect(r).toEqual({ code: 0, compiler: "deferred" });
});
