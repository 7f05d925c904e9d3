import { describe, expect, it } from "vitest";
import { T } from "../../../policies/lib/types";
import { rdsFinalSnapshot as policy } from "../../../policies/rules/rds/final-snapshot";
import { levels, mutate, runResource } from "../harness";
import { rdsPrimary, rdsReplica } from "../fixtures";

describe("rds-final-snapshot", () => {
  it("passes a primary with a named final snapshot; skips replicas", () => {
    expect(runResource(policy, T.rdsInstance, rdsPrimary)).toEqual([]);
    expect(runResource(policy, T.rdsInstance, rdsReplica)).toEqual([]);
  });
  it("reports skipFinalSnapshot true", () => {
    expect(
      runResource(
        policy,
        T.rdsInstance,
        mutate(rdsPrimary, (d: any) => (d.skipFinalSnapshot = true)),
      ),
    ).toEqual(["skipFinalSnapshot is true: set it to false so deleting the instance keeps a snapshot."]);
  });
  it("reports a missing finalSnapshotIdentifier", () => {
    expect(
      runResource(
        policy,
        T.rdsInstance,
        mutate(rdsPrimary, (d: any) => delete d.finalSnapshotIdentifier),
      ),
    ).toEqual(["finalSnapshotIdentifier is not set: name the final snapshot so deletion can create it."]);
  });
  it("is mandatory in production, advisory in staging", () => {
    expect(levels(policy)).toEqual({ declared: "mandatory", production: "mandatory", staging: "advisory" });
  });
});
