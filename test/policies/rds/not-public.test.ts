import { describe, expect, it } from "vitest";
import { T } from "../../../policies/lib/types";
import { rdsNotPublic as policy } from "../../../policies/rules/rds/not-public";
import { levels, mutate, runResource } from "../harness";
import { rdsPrimary, rdsReplica } from "../fixtures";

describe("rds-not-public", () => {
  it("passes private instances, and treats unset as private (the AWS default)", () => {
    expect(runResource(policy, T.rdsInstance, rdsPrimary)).toEqual([]);
    expect(runResource(policy, T.rdsInstance, rdsReplica)).toEqual([]);
    expect(
      runResource(
        policy,
        T.rdsInstance,
        mutate(rdsPrimary, (d: any) => delete d.publiclyAccessible),
      ),
    ).toEqual([]);
  });
  it("reports publiclyAccessible true, on replicas too", () => {
    const msg = ["publiclyAccessible is true: set it to false and reach the database from inside the VPC."];
    expect(
      runResource(
        policy,
        T.rdsInstance,
        mutate(rdsPrimary, (d: any) => (d.publiclyAccessible = true)),
      ),
    ).toEqual(msg);
    expect(
      runResource(
        policy,
        T.rdsInstance,
        mutate(rdsReplica, (d: any) => (d.publiclyAccessible = true)),
      ),
    ).toEqual(msg);
  });
  it("is mandatory everywhere", () => {
    expect(levels(policy)).toEqual({ declared: "mandatory", production: "mandatory", staging: "mandatory" });
  });
});
