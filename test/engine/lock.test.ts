// Two operations on one stack at once: the second fails with the engine's lock error, the first
// completes, and the state is intact afterwards.
//
// The first update is held open deterministically: its program (run by the engine's Node.js
// language host) waits at start-up until the test releases it, so the lock is certainly taken
// while the second update starts, however fast or slow the machine is.
import { existsSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { engineEnv, type EngineStack, freshLocalStack, pulumiCommand } from "./harness";

const HOLD = `
const fs = require("node:fs");
const { GANTRY_TEST_HELD: held, GANTRY_TEST_RELEASE: release } = process.env;
// Only the program run (not e.g. "node --version" probes); give up after 120 s.
if (held && release && process.argv.some((a) => a.includes("cmd/run"))) {
  fs.writeFileSync(held, String(process.pid));
  const cell = new Int32Array(new SharedArrayBuffer(4));
  const until = Date.now() + 120000;
  while (!fs.existsSync(release) && Date.now() < until) Atomics.wait(cell, 0, 0, 50);
}
`;

let s: EngineStack;
beforeAll(async () => {
  s = await freshLocalStack();
  await s.up();
});
afterAll(() => s?.cleanup());

async function waitFor(file: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!existsSync(file)) {
    if (Date.now() > until) throw new Error(`the first update's program did not start within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

it("refuses a concurrent update with the lock error and keeps the state intact", async () => {
  const before = (await s.stack.exportStack()).deployment.resources.length;
  await s.set("release.active", "green");
  const hold = path.join(s.dir, "hold.js");
  const held = path.join(s.dir, "held");
  const release = path.join(s.dir, "release");
  writeFileSync(hold, HOLD);
  const first = await LocalWorkspace.selectStack(
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
  const firstUp = first.up();
  try {
    await waitFor(held, 120_000);
    // The first update is inside its program, so it holds the stack's lock.
    const second = await s.stack.up().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(second, "the second update should have been refused").toBeDefined();
    expect(String(second)).toMatch(/locked|lock/i);
  } finally {
    writeFileSync(release, "");
  }
  await firstUp;
  const after = await s.stack.exportStack();
  expect(after.deployment.resources.length).toBe(before);
  expect((await s.stack.outputs()).activeColour!.value).toBe("green");
  // A later update on the same state still works.
  const preview = await s.stack.preview();
  expect(preview.changeSummary).toEqual({ same: before });
});
