// Pure pieces of the offline tools: --set parsing, reading stack files, diffing plans, the report.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { applySet, loadStackConfig, UsageError } from "../../src/plan/stack-config";
import { diffPlans, diffValues } from "../../src/plan/diff";
import type { Plan, PlanResource } from "../../src/plan/run";
import { renderReport, REPORT_LIMIT } from "../../src/cli/report";

describe("--set", () => {
  it("sets nested keys under the gantry namespace, decoding JSON values", () => {
    const all: Record<string, unknown> = { "gantry:postgres": { replicas: 1, version: "17" } };
    applySet(all, "postgres.replicas=-1");
    applySet(all, "release.active=green");
    applySet(all, "release.blue.image=ghcr.io/acme/app:2.0.0");
    applySet(all, "dataTier=in-cluster");
    applySet(all, "aws:region=eu-central-1");
    expect(all).toEqual({
      "gantry:postgres": { replicas: -1, version: "17" },
      "gantry:release": { active: "green", blue: { image: "ghcr.io/acme/app:2.0.0" } },
      "gantry:dataTier": "in-cluster",
      "aws:region": "eu-central-1",
    });
  });

  it("rejects an assignment without a key", () => {
    expect(() => applySet({}, "=3")).toThrow(UsageError);
    expect(() => applySet({}, "postgres.replicas")).toThrow(/key=value/);
  });
});

describe("stack files", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "gantry-stack-"));
  writeFileSync(
    path.join(dir, "Pulumi.demo.yaml"),
    "config:\n  gantry:environment: staging\n  gantry:appSecrets:\n    API_KEY:\n      secure: v1:abc\n    PLAIN: visible\n  aws:region: eu-west-1\n",
  );

  it("masks secure values and lists their paths as secret", () => {
    const sc = loadStackConfig(dir, "demo");
    expect(sc.raw.appSecrets).toEqual({ API_KEY: "[secret]", PLAIN: "visible" });
    expect([...sc.secretPaths]).toEqual(["appSecrets.API_KEY"]);
    expect(sc.secretKeys).toEqual(["gantry:appSecrets"]);
    expect(sc.runtimeConfig["gantry:environment"]).toBe("staging");
    expect(JSON.parse(sc.runtimeConfig["gantry:appSecrets"]!)).toEqual({ API_KEY: "[secret]", PLAIN: "visible" });
    expect(JSON.stringify(sc)).not.toContain("v1:abc");
  });

  it("names the stacks that exist when one is missing", () => {
    expect(() => loadStackConfig(dir, "prod")).toThrow(/no stack config Pulumi.prod.yaml .* stacks here: demo/);
  });
});

const res = (name: string, type: string, inputs: Record<string, unknown>): PlanResource => ({
  urn: `urn:pulumi:s::gantry::${type}::${name}`,
  type,
  name,
  parent: "",
  inputs,
  protect: false,
  dependsOn: [],
});
const plan = (resources: PlanResource[]): Plan => ({
  stack: "s",
  environment: "staging",
  resources,
  policies: [],
  policiesEvaluated: 0,
  outputs: {},
});

describe("diffPlans", () => {
  it("lists created, deleted and changed resources with property paths", () => {
    const route = (svc: string) =>
      res("app", "kubernetes:gateway.networking.k8s.io/v1:HTTPRoute", { spec: { rules: [{ backendRefs: [{ name: svc }] }] } });
    const dep = res("app-blue", "kubernetes:apps/v1:Deployment", { spec: { replicas: 2 } });
    const d = diffPlans(
      plan([route("app-blue"), dep, res("old", "kubernetes:batch/v1:Job", {})]),
      plan([route("app-green"), dep, res("new", "kubernetes:batch/v1:Job", {})]),
    );
    expect(d.changed).toEqual([
      expect.objectContaining({ name: "app", paths: ["spec.rules.0.backendRefs.0.name"], replace: false }),
    ]);
    expect(d.created.map((c) => c.name)).toEqual(["new"]);
    expect(d.deleted.map((c) => c.name)).toEqual(["old"]);
    expect(d.summary).toEqual({ create: 1, delete: 1, update: 1, replace: 0, same: 1 });
  });

  it("flags changes to immutable fields as replacements", () => {
    const a = res("app-blue", "kubernetes:apps/v1:Deployment", { spec: { selector: { matchLabels: { v: "1" } } } });
    const b = res("app-blue", "kubernetes:apps/v1:Deployment", { spec: { selector: { matchLabels: { v: "2" } } } });
    expect(diffPlans(plan([a]), plan([b])).summary.replace).toBe(1);
  });

  it("honours the new program's ignoreChanges like the engine: an ignored path (and below) never differs", () => {
    const rds = "aws:rds/instance:Instance";
    const before = res("copy", rds, { restoreToPointInTime: { restoreTime: "t", sourceDbInstanceIdentifier: "db-primary" } });
    const gone = res("copy", rds, { restoreToPointInTime: { restoreTime: "t" } });
    expect(diffPlans(plan([before]), plan([gone])).summary).toMatchObject({ update: 0, replace: 1 });
    const ignored = { ...gone, ignoreChanges: ["restoreToPointInTime.sourceDbInstanceIdentifier"] };
    expect(diffPlans(plan([before]), plan([ignored])).summary).toMatchObject({ update: 0, replace: 0, same: 1 });
    // A sibling that is not ignored still shows (and here still replaces).
    const retarget = { ...ignored, inputs: { restoreToPointInTime: { restoreTime: "u" } } };
    expect(diffPlans(plan([before]), plan([retarget])).changed.map((c) => c.paths)).toEqual([
      ["restoreToPointInTime.restoreTime"],
    ]);
  });

  it("compares values structurally", () => {
    expect(diffValues({ a: [1, 2], b: { c: 1 } }, { a: [1, 3], b: { c: 1 } }, "")).toEqual(["a.1"]);
    expect(diffValues({ a: 1 }, { a: 1, b: undefined }, "")).toEqual([]);
    expect(diffValues({ a: { x: 1 } }, { a: "x" }, "")).toEqual(["a"]);
  });
});

describe("report", () => {
  it("summarises, lists violations with the config key, and stays under 64 KB", () => {
    const many = Array.from({ length: 3000 }, (_, i) => res(`r${i}`, `kubernetes:core/v1:ConfigMap${i}`, {}));
    const p: Plan = {
      ...plan(many),
      policies: [
        {
          policyName: "rds-multi-az",
          enforcementLevel: "mandatory",
          urn: many[0]!.urn,
          message: "Multi-AZ | off",
          configKey: "postgres.multiAz",
        },
        { policyName: "rds-performance-insights", enforcementLevel: "advisory", urn: many[1]!.urn, message: "PI off" },
      ],
      policiesEvaluated: 31,
    };
    const md = renderReport(p);
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(REPORT_LIMIT);
    expect(md).toContain("1 mandatory violation(s)");
    expect(md).toContain(
      "| mandatory | `rds-multi-az` | `kubernetes:core/v1:ConfigMap0::r0` | Multi-AZ \\| off | `postgres.multiAz` |",
    );
    expect(md).toContain("details truncated");
    expect(md).toContain("3000 resources · 31 policies evaluated · 1 mandatory · 1 advisory · 0 remediate");
  });
});
