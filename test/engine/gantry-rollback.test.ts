// `gantry rollback` on the real engine. By design the idle app colour keeps running (rollback is
// one update: the route flips and the workers swap); when `release.idleReplicas` scaled it down,
// rollback first scales it back up in an update of its own, smoke-tests it, then flips. Refusals
// (nothing recorded to go back to; a contract migration since) change nothing at all.
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import yaml from "js-yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { type EngineStack, engineEnv, freshLocalStack, pulumiCommand } from "./harness";
import { edit, fingerprint, gantry, replicas, routedTo, smokeConfig, smokeTarget } from "./gantry-cli";

const DIGEST_A = `ghcr.io/acme/app@sha256:${"a1".repeat(32)}`;
let s: EngineStack;
let target: Awaited<ReturnType<typeof smokeTarget>>;

interface Entry {
  op: string;
  what: Record<string, string>;
  result: string;
}
const history = async () => JSON.parse((await gantry(s, "history", "local", "--json")).stdout) as Entry[];

beforeAll(async () => {
  target = await smokeTarget();
  s = await freshLocalStack();
  edit(s, { "release.smoke": smokeConfig(target.url) });
  await s.up();
});
afterAll(() => {
  target?.close();
  s?.cleanup();
});

describe("gantry rollback", () => {
  it("with the idle colour kept running (the default) is one update: route back, workers swapped", async () => {
    expect((await gantry(s, "deploy", "local", "--image", DIGEST_A)).code).toBe(0);
    expect((await gantry(s, "switch", "local")).code).toBe(0);
    expect(routedTo(s)).toBe("green");
    // The previous colour still runs at full size; the idle worker runs none.
    expect([replicas(s, "app-blue"), replicas(s, "app-green")]).toEqual([2, 2]);
    expect([replicas(s, "worker-blue"), replicas(s, "worker-green")]).toEqual([0, 1]);
    const updates = (await history()).length;

    const r = await gantry(s, "rollback", "local");
    expect(r.code, r.stderr).toBe(0);
    expect(routedTo(s)).toBe("blue");
    expect([replicas(s, "worker-blue"), replicas(s, "worker-green")]).toEqual([1, 0]);
    const h = await history();
    expect(h.length).toBe(updates + 1);
    expect(h[0]).toMatchObject({ op: "rollback", what: { from: "green", to: "blue" }, result: "succeeded" });
  });

  it("scales a scaled-down previous colour up first (its own update), then flips and keeps idleReplicas", async () => {
    edit(s, { "release.idleReplicas": 0 });
    await s.up();
    expect(replicas(s, "app-green")).toBe(0);
    expect((await gantry(s, "switch", "local")).code).toBe(0);
    expect([routedTo(s), replicas(s, "app-blue"), replicas(s, "app-green")]).toEqual(["green", 0, 2]);
    const updates = (await history()).length;

    const r = await gantry(s, "rollback", "local");
    expect(r.code, r.stderr).toBe(0);
    // Between the two updates the previous colour answered its smoke checks through the preview route.
    expect(r.stdout).toMatch(/smoke \(preview route\): passed[\s\S]*changed:/);
    expect([routedTo(s), replicas(s, "app-blue"), replicas(s, "app-green")]).toEqual(["blue", 2, 0]);
    const [flip, scaleUp] = await history();
    expect((await history()).length).toBe(updates + 2);
    expect(scaleUp).toMatchObject({ op: "rollback", what: { step: "scale-up", colour: "blue", replicas: "2" } });
    expect(flip).toMatchObject({ op: "rollback", what: { from: "green", to: "blue" } });
    // The stack's setting is what it was: the idle colour is scaled down again.
    const doc = yaml.load(readFileSync(path.join(s.dir, "Pulumi.local.yaml"), "utf8")) as { config: Record<string, any> };
    expect(doc.config["gantry:release"].idleReplicas).toBe(0);
  });

  it("refuses after a contract migration, naming the restore runbook; nothing changed", async () => {
    // Contract the schema for the active image (the idle colour is at 0, as the rule requires).
    edit(s, { "release.migration.mode": "contract" });
    await s.up();
    // Back to expand in config: the contract Job in the state still says what ran.
    edit(s, { "release.migration.mode": "expand" });
    const before = fingerprint(s);
    const r = await gantry(s, "rollback", "local");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/migration since the previous release was a contract step/);
    expect(r.stderr).toContain('Restore instead (README, "Restore runbook"); nothing changed');
    expect(fingerprint(s)).toBe(before);
    expect(routedTo(s)).toBe("blue");
  });

  it("refuses when the stack records no previous release; nothing changed", async () => {
    // A second stack in the same project and backend whose idle colour never had an image.
    const file = path.join(s.dir, "Pulumi.solo.yaml");
    cpSync(path.join(s.dir, "Pulumi.local.yaml"), file);
    const doc = yaml.load(readFileSync(file, "utf8")) as { config: Record<string, Record<string, unknown>> };
    doc.config["gantry:kubernetes"] = { namespace: "gantry-solo", renderToDirectory: path.join(s.dir, "out-solo") };
    doc.config["gantry:release"] = { active: "blue", blue: { image: "ghcr.io/acme/app:1.4.2" }, green: {} };
    writeFileSync(file, yaml.dump(doc));
    const solo = await LocalWorkspace.createStack(
      { stackName: "solo", workDir: s.dir },
      { envVars: engineEnv(s.stateDir), pulumiCommand: await pulumiCommand() },
    );
    await solo.up();
    const before = fingerprint(s, "solo", path.join(s.dir, "out-solo"));
    const r = await gantry(s, "rollback", "solo");
    expect([r.code, r.stderr]).toEqual([1, "gantry: no previous release recorded in stack solo; nothing changed\n"]);
    expect(fingerprint(s, "solo", path.join(s.dir, "out-solo"))).toBe(before);
  });
});
