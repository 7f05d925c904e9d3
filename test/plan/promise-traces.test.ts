// The offline plan empties the debug stacks @pulumi/pulumi records on every promise (see
// src/plan/promise-traces.ts). Checked in a fresh Node process, as the CLI runs: promises the SDK
// itself makes while registering a resource under mocks carry no stack after the switch, full
// stacks without it, and PULUMI_DEBUG_PROMISE_LEAKS (the SDK's leak debugging) keeps them.
// It reaches into an SDK internal: an upgrade that renames or inlines it fails here.
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { expect, it } from "vitest";

const root = path.resolve(__dirname, "..", "..");

/** Registers one resource under mocks and reports the debug stacks of the SDK's pending promises. */
function run(drop: boolean, env: NodeJS.ProcessEnv = {}): Record<string, unknown> {
  const script = `
    require("./scripts/register-ts.js");
    const pulumi = require("@pulumi/pulumi");
    const dropped = ${drop} ? require("./src/plan/promise-traces.ts").dropPromiseTraces() : null;
    pulumi.runtime.setMocks({ newResource: (a) => ({ id: a.name + "-id", state: a.inputs }), call: () => ({}) }, "p", "s", false);
    new pulumi.CustomResource("test:index:Thing", "thing", { size: 1 });
    const store = require("@pulumi/pulumi/runtime/state").getStore();
    const stacks = [...store.leakCandidates].map((p) => p._debugStackTrace);
    console.log(JSON.stringify({ dropped, pending: stacks.length, empty: stacks.filter((s) => s === "Error").length }));
  `;
  const out = execFileSync(process.execPath, ["-e", script], { cwd: root, encoding: "utf8", env: { ...process.env, ...env } });
  return JSON.parse(out.trim().split("\n").pop()!) as Record<string, unknown>;
}

it("a plan's SDK promises carry no debug stack; without the switch each has one", () => {
  const on = run(true);
  expect(on.dropped).toBe(true);
  expect(on.pending).toBeGreaterThan(0);
  expect(on.empty).toBe(on.pending);
  const off = run(false);
  expect(off.pending).toBeGreaterThan(0);
  expect(off.empty).toBe(0);
});

it("PULUMI_DEBUG_PROMISE_LEAKS keeps the stacks for the SDK's leak report", () => {
  const r = run(true, { PULUMI_DEBUG_PROMISE_LEAKS: "1" });
  expect(r.dropped).toBe(false);
  expect(r.empty).toBe(0);
});
