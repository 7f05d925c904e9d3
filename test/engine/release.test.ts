// The blue-green promises on the real engine: first up renders the manifests; a deploy to the
// idle colour touches only idle-slot objects and the migration Job; a switch updates the
// HTTPRoute and the worker replica counts and nothing else; rollback is the mirror.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EngineStack, freshLocalStack, type Step } from "./harness";

let s: EngineStack;
beforeAll(async () => {
  s = await freshLocalStack();
});
afterAll(() => s?.cleanup());

/** The release images Pulumi.local.yaml ships (digest-pinned, like the other stacks). */
const LOCAL_BLUE = "ghcr.io/acme/app:1.4.2@sha256:486d55c697a5dccabd905a0951ae436f56a6e0f6e57deed0a9d334cfe9d10aac";
const LOCAL_GREEN = "ghcr.io/acme/app:1.4.1@sha256:2b2d3f26a1dc735e84c607fcb5dffce3225a113de006ea02bc57cf113b4999e7";
const brief = (steps: Step[]) => steps.map((x) => `${x.op} ${x.type.split(":").pop()} ${x.name}`).sort();
const WORKER_AND_ROUTE = [
  "update Deployment worker-deploy-blue",
  "update Deployment worker-deploy-green",
  "update HTTPRoute app-route",
];

describe("release on the real engine (local stack)", () => {
  it("first up creates every object and renders its manifest", async () => {
    const { summary } = await s.up();
    expect(summary.create).toBeGreaterThan(30);
    const files = s.manifests();
    for (const want of [
      "apps_v1-deployment-gantry-local-app-blue.yaml",
      "apps_v1-deployment-gantry-local-app-green.yaml",
      "postgresql.cnpg.io_v1-cluster-gantry-local-db.yaml",
    ]) {
      expect(
        files.some((f) => f.endsWith(want)),
        `${want} in ${files.join(", ")}`,
      ).toBe(true);
    }
    const route = s.readManifest(files.find((f) => f.includes("httproute-gantry-local-app"))!);
    expect(route).toMatch(/x-gantry-preview/);
    const outputs = await s.stack.outputs();
    expect(outputs.activeColour!.value).toBe("blue");
    expect(outputs.previousRelease!.value).toEqual({ colour: "green", image: LOCAL_GREEN });
  });

  it("a new image on the idle colour changes only idle-slot objects and the migration Job", async () => {
    await s.set("release.green.image", "ghcr.io/acme/app:1.5.0");
    const { steps, summary } = await s.up();
    expect(summary.replace ?? 0).toBe(0);
    const touched = steps.filter((x) => x.op !== "create" && x.op !== "delete");
    for (const x of touched) expect(x.name).toMatch(/-green$/);
    expect(steps.filter((x) => x.op === "create").map((x) => x.type)).toEqual(["kubernetes:batch/v1:Job"]);
    expect(steps.filter((x) => x.op === "delete").map((x) => x.type)).toEqual(["kubernetes:batch/v1:Job"]);
    expect(brief(touched)).toEqual(["update Deployment app-deploy-green", "update Deployment worker-deploy-green"]);
  });

  it("switching updates exactly the HTTPRoute plus worker scale: 0 replaces, 0 deletes", async () => {
    await s.set("release.active", "green");
    const { steps, summary } = await s.up();
    expect(brief(steps)).toEqual(WORKER_AND_ROUTE);
    expect(summary).toMatchObject({ update: 3 });
    expect(summary.replace ?? 0).toBe(0);
    expect(summary.delete ?? 0).toBe(0);
    const outputs = await s.stack.outputs();
    expect(outputs.activeColour!.value).toBe("green");
    expect(outputs.images!.value).toEqual({ blue: LOCAL_BLUE, green: "ghcr.io/acme/app:1.5.0" });
    expect(outputs.previousRelease!.value).toEqual({ colour: "blue", image: LOCAL_BLUE });
    const route = s.readManifest(s.manifests().find((f) => f.includes("httproute-gantry-local-app"))!);
    // The default (last) rule now sends traffic to app-green.
    expect(route.lastIndexOf("app-green")).toBeGreaterThan(route.lastIndexOf("app-blue"));
  });

  it("rolling back is the mirror: the same three updates, back to blue", async () => {
    await s.set("release.active", "blue");
    const { steps, summary } = await s.up();
    expect(brief(steps)).toEqual(WORKER_AND_ROUTE);
    expect(summary.replace ?? 0).toBe(0);
    expect(summary.delete ?? 0).toBe(0);
    const outputs = await s.stack.outputs();
    expect(outputs.activeColour!.value).toBe("blue");
    expect(outputs.previousRelease!.value).toEqual({ colour: "green", image: "ghcr.io/acme/app:1.5.0" });
  });
});
