// Two operations on one stack at once: the second fails with the engine's lock error, the first
// completes, and the state is intact afterwards.
import { afterAll, beforeAll, expect, it } from "vitest";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { engineEnv, type EngineStack, freshLocalStack, pulumiCommand } from "./harness";

let s: EngineStack;
beforeAll(async () => {
  s = await freshLocalStack();
  await s.up();
});
afterAll(() => s?.cleanup());

it("refuses a concurrent update with the lock error and keeps the state intact", async () => {
  const before = (await s.stack.exportStack()).deployment.resources.length;
  await s.set("release.active", "green");
  const other = await LocalWorkspace.selectStack(
    { stackName: "local", workDir: s.dir },
    { envVars: engineEnv(s.stateDir), pulumiCommand: await pulumiCommand() },
  );
  const results = await Promise.allSettled([s.stack.up(), new Promise((r) => setTimeout(r, 1500)).then(() => other.up())]);
  const failures = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
  expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
  expect(String(failures[0]!.reason)).toMatch(/locked|lock/i);
  const after = await s.stack.exportStack();
  expect(after.deployment.resources.length).toBe(before);
  expect((await s.stack.outputs()).activeColour!.value).toBe("green");
  // A later update on the same state still works.
  const preview = await s.stack.preview();
  expect(preview.changeSummary).toEqual({ same: before });
});
