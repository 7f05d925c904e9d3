import { describe, expect, it } from "vitest";
import { T } from "../../../policies/lib/types";
import { k8sMinReplicas as policy } from "../../../policies/rules/kubernetes/min-replicas";
import { levels, mutate, propsIn, runResource } from "../harness";
import { deployment } from "../fixtures";

const run = (d: unknown, config?: Record<string, unknown>) => runResource(policy, T.deployment, d as any, config ? { config } : {});

describe("k8s-min-replicas", () => {
  it("passes 2 replicas", () => {
    expect(run(deployment())).toEqual([]);
  });
  it("reports 1 replica", () => {
    expect(run(deployment("api", "blue", 1))).toEqual([
      "spec.replicas is 1: run at least 2 so a single pod failure or node drain is not an outage.",
    ]);
  });
  it("counts unset replicas as 1", () => {
    expect(run(mutate(deployment(), (d: any) => delete d.spec.replicas))).toEqual([
      "spec.replicas is 1: run at least 2 so a single pod failure or node drain is not an outage.",
    ]);
  });
  it("allows a parked idle slot at exactly 0, but not a slotless Deployment at 0", () => {
    expect(run(deployment("api", "green", 0))).toEqual([]);
    const slotless = mutate(deployment("api", "green", 0), (d: any) => {
      delete d.metadata.labels["gantry.dev/slot"];
      delete d.spec.template.metadata.labels["gantry.dev/slot"];
    });
    expect(run(slotless)).toEqual(["spec.replicas is 0: run at least 2 so a single pod failure or node drain is not an outage."]);
  });
  it("exempts workers by either label", () => {
    expect(run(mutate(deployment("jobs", "blue", 1), (d: any) => (d.metadata.labels["gantry.dev/role"] = "worker")))).toBeNull();
    expect(run(mutate(deployment("jobs", "blue", 1), (d: any) => (d.metadata.labels["app.kubernetes.io/component"] = "worker")))).toBeNull();
  });
  it("uses staging's minimum of 1", () => {
    const config = propsIn(policy.name, "staging");
    expect(config).toEqual({ minReplicas: 1 });
    expect(run(deployment("api", "blue", 1), config)).toEqual([]);
    expect(run(mutate(deployment(), (d: any) => { d.spec.replicas = 0; delete d.metadata.labels["gantry.dev/slot"]; delete d.spec.template.metadata.labels["gantry.dev/slot"]; }), config)).toEqual([
      "spec.replicas is 0: run at least 1 so a single pod failure or node drain is not an outage.",
    ]);
  });
  it("is mandatory everywhere (2 in production, 1 in staging)", () => {
    expect(levels(policy)).toEqual({ declared: "mandatory", production: "mandatory", staging: "mandatory" });
    expect(propsIn(policy.name, "production")).toEqual({ minReplicas: 2 });
  });
});
