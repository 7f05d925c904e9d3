// What deploy, switch, rollback and canary change, measured on real offline plans of the shipped
// production config — the decisions the blue-green model promises.
import { beforeAll, describe, expect, it } from "vitest";
import { diffPlans, type PlanDiff } from "../../src/plan/diff";
import type { Plan } from "../../src/plan/run";
import { gantry, planJson } from "./cli";

let blue: Plan;
let green: Plan;
beforeAll(() => {
  blue = planJson("production");
  green = planJson("production", ["release.active=green"]);
}, 60_000);

const names = (d: PlanDiff) => d.changed.map((c) => `${c.type.split(":").pop()} ${c.name}`).sort();

describe("switch and rollback", () => {
  it("`gantry diff --set release.active=green --json` changes one HTTPRoute plus worker replicas, no app Deployment", () => {
    const r = gantry("diff", "production", "--set", "release.active=green", "--json");
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout) as PlanDiff;
    expect(d.summary).toMatchObject({ create: 0, delete: 0, replace: 0, update: 3 });
    expect(names(d)).toEqual(["Deployment worker-deploy-blue", "Deployment worker-deploy-green", "HTTPRoute app-route"]);
    for (const w of d.changed.filter((c) => c.type.endsWith(":Deployment"))) expect(w.paths).toEqual(["spec.replicas"]);
  });

  it("rollback is the mirror of the switch", () => {
    const sw = diffPlans(blue, green);
    const back = diffPlans(green, blue);
    expect(names(back)).toEqual(names(sw));
    expect(back.summary).toEqual(sw.summary);
    for (const c of back.changed) {
      expect(c.paths).toEqual(sw.changed.find((x) => x.urn === c.urn)!.paths);
    }
  });

  it("moves the default rule to the new colour and the preview rule to the old one", () => {
    const rules = (p: Plan) => (p.resources.find((r) => r.name === "app-route")!.inputs.spec as any).rules;
    const [previewB, defaultB] = rules(blue);
    const [previewG, defaultG] = rules(green);
    expect(previewB.matches[0].headers[0]).toMatchObject({ name: "x-gantry-preview", value: "1" });
    expect([previewB.backendRefs[0].name, defaultB.backendRefs[0].name]).toEqual(["app-green", "app-blue"]);
    expect([previewG.backendRefs[0].name, defaultG.backendRefs[0].name]).toEqual(["app-blue", "app-green"]);
  });
});

describe("deploy to the idle colour", () => {
  it("changes only idle-slot objects, plus the migration Job for the new image", () => {
    const d = diffPlans(
      blue,
      planJson("production", [
        "release.green.image=ghcr.io/acme/app:1.5.0@sha256:31c7e001f475c1e0f542db746c6ef3a2089f908819a057b5347829da939ed1f5",
      ]),
    );
    expect(d.summary.replace).toBe(0);
    for (const c of d.changed) expect(c.name).toMatch(/-green$/);
    expect(d.created.map((c) => c.type)).toEqual(["kubernetes:batch/v1:Job"]);
    expect(d.deleted.map((c) => c.type)).toEqual(["kubernetes:batch/v1:Job"]);
    const activeJob = blue.resources
      .filter((r) => r.type === "kubernetes:batch/v1:Job")
      .find((j) => JSON.stringify(j.inputs).includes("app:1.4.1"))!;
    expect(d.deleted.map((x) => x.urn)).not.toContain(activeJob.urn);
  });
});

describe("canary", () => {
  it("weights the default rule 90/10 and changes nothing but the route", () => {
    const canary = planJson("production", ["release.canaryWeight=10"]);
    const d = diffPlans(blue, canary);
    expect(names(d)).toEqual(["HTTPRoute app-route"]);
    const rule = (canary.resources.find((r) => r.name === "app-route")!.inputs.spec as any).rules.at(-1);
    expect(rule.backendRefs.map((b: any) => [b.name, b.weight])).toEqual([
      ["app-blue", 90],
      ["app-green", 10],
    ]);
  });
});

describe("selectors", () => {
  it("carry the slot and never a version or image", () => {
    for (const p of [blue, green]) {
      for (const dep of p.resources.filter((r) => r.type === "kubernetes:apps/v1:Deployment")) {
        const sel = (dep.inputs.spec as any).selector.matchLabels as Record<string, string>;
        expect(Object.keys(sel).sort()).toEqual(["app.kubernetes.io/name", "gantry.dev/slot"]);
        expect(JSON.stringify(sel)).not.toMatch(/\d+\.\d+/);
      }
    }
  });
});
