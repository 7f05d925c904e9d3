import { describe, expect, it } from "vitest";
import { cnpgInstances as policy } from "../../../policies/rules/cnpg/instances";
import { levels, mutate, propsIn, runResource } from "../harness";
import { CLUSTER, cluster } from "./fixtures";

describe("cnpg-instances", () => {
  it("passes 2 instances", () => {
    expect(runResource(policy, CLUSTER, cluster())).toEqual([]);
  });
  it("reports 1 instance", () => {
    expect(
      runResource(
        policy,
        CLUSTER,
        mutate(cluster(), (c: any) => (c.spec.instances = 1)),
      ),
    ).toEqual(["spec.instances is 1: run at least 2 so the operator has a replica to promote."]);
  });
  it("counts unset instances as 1 (the CNPG default)", () => {
    expect(
      runResource(
        policy,
        CLUSTER,
        mutate(cluster(), (c: any) => delete c.spec.instances),
      ),
    ).toEqual(["spec.instances is 1: run at least 2 so the operator has a replica to promote."]);
  });
  it("accepts a single instance under staging's config", () => {
    const config = propsIn(policy.name, "staging");
    expect(config).toEqual({ minInstances: 1 });
    expect(
      runResource(
        policy,
        CLUSTER,
        mutate(cluster(), (c: any) => (c.spec.instances = 1)),
        { config },
      ),
    ).toEqual([]);
  });
  it("is mandatory everywhere (2 in production, 1 in staging)", () => {
    expect(levels(policy)).toEqual({ declared: "mandatory", production: "mandatory", staging: "mandatory" });
    expect(propsIn(policy.name, "production")).toEqual({ minInstances: 2 });
  });
});
