// `gantry switch` and `gantry deploy` while another update holds the stack's lock: exit 3 with a
// "stack locked" message, and state, config and manifests byte-identical afterwards. The other
// update is held open deterministically (its program waits at start-up for the test: the
// NODE_OPTIONS=--require hold.js approach of lock.test.ts), so the lock is certainly taken.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { type EngineStack, engineEnv, freshLocalStack, pulumiCommand } from "./harness";
import { fingerprint, gantry, routedTo } from "./gantry-cli";

const HOLD = `
const fs = require("node:fs");
const { GANTRY_TEST_HELD: held, GANTRY_TEST_RELEASE: release } = process.env;
if (held && release && process.argv.some((a) => a.includes("cmd/run"))) {
  fs.writeFileSync(held, String(process.pid));
  const cell = new Int32Array(new SharedArrayBuffer(4));
  const until = Date.now() + 240000;
  while (!fs.existsSync(release) && Date.now() < until) Atomics.wait(cell, 0, 0, 50);
}
`;
const DIGEST = `ghcr.io/acme/app@sha256:${"c3".repeat(32)}`;

let s: EngineStack;
beforeAll(async () => {
  s = await freshLocalStack();
  await s.up();
});
afterAll(() => s?.cleanup());

async function waitFor(file: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!existsSync(file)) {
    if (Date.now() > until) throw new Error(`the holding update's program did not start within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

it("switch and deploy exit 3 with 'stack locked' while another update runs, changing nothing", async () => {
  const hold = path.join(s.dir, "hold.js");
  const held = path.join(s.dir, "held");
  const release = path.join(s.dir, "release");
  writeFileSync(hold, HOLD);
  const holder = await LocalWorkspace.selectStack(
    { stackName: "local", workDir: s.dir },
    {
      envVars: {
        ...engineEnv(s.stateDir),
        NODE_OPTIONS: `--require ${hold}`,
        GANTRY_TEST_HELD: held,
        GANTRY_TEST_RELEASE: release,
      },
      pulumiCommand: await pulumiCommand(),
    },
  );
  const holding = holder.up({ message: "held by the test" });
  const config = readFileSync(path.join(s.dir, "Pulumi.local.yaml"), "utf8");
  let before = "";
  try {
    await waitFor(held, 240_000);
    before = fingerprint(s);
    const sw = await gantry(s, "switch", "local");
    expect(sw.code, sw.stderr).toBe(3);
    expect(sw.stderr).toMatch(/^gantry: stack locked: another operation on local is running; nothing changed\./m);
    expect(sw.stderr).toMatch(/locked/);
    const dep = await gantry(s, "deploy", "local", "--image", DIGEST);
    expect(dep.code, dep.stderr).toBe(3);
    expect(dep.stderr).toContain("stack locked: another operation on local is running; nothing changed.");
    // Checked while the lock is still held: nothing the refused commands did survives.
    expect(fingerprint(s)).toBe(before);
    expect(readFileSync(path.join(s.dir, "Pulumi.local.yaml"), "utf8")).toBe(config);
  } finally {
    writeFileSync(release, "");
  }
  await holding;
  // The refused switch left no trace: blue still serves, and the same switch now goes through.
  expect(routedTo(s)).toBe("blue");
  const again = await gantry(s, "switch", "local");
  expect(again.code, again.stderr).toBe(0);
  expect(routedTo(s)).toBe("green");
});
