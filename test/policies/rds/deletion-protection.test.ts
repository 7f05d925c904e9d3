import { describe, expect, it } from "vitest";
import { T } from "../../../policies/lib/types";
import { rdsDeletionProtection as policy } from "../../../policies/rules/rds/deletion-protection";
import { levels, mutate, runResource } from "../harness";
import { rdsPrimary, rdsReplica } from "../fixtures";

describe("rds-deletion-protection", () => {
  it("passes an instance with deletion protection", () => {
    expect(runResource(policy, T.rdsInstance, rdsPrimary)).toEqual([]);
  });
  it.each([
    ["false", (d: any) => (d.deletionProtection = false)],
    ["unset", (d: any) => delete d.deletionProtection],
  ])("reports deletionProtection %s", (_, change) => {
    expect(runResource(policy, T.rdsInstance, mutate(rdsPrimary, change))).toEqual([
      "deletionProtection is not true: set deletionProtection: true so AWS refuses to delete the instance.",
    ]);
  });
  describe("the deliberate retire step (postgres.retireCurrent: unprotect)", () => {
    const retiring = mutate(rdsPrimary, (d) => {
      d.deletionProtection = false;
      d.tags = { "gantry:retiring": "true" };
    });
    it("passes a retiring primary that keeps its final snapshot and automated backups", () => {
      expect(runResource(policy, T.rdsInstance, retiring)).toEqual([]);
    });
    it("passes a retiring replica", () => {
      const replica = mutate(rdsReplica, (d) => {
        d.deletionProtection = false;
        d.tags = { "gantry:retiring": "true" };
      });
      expect(runResource(policy, T.rdsInstance, replica)).toEqual([]);
    });
    it.each([
      ["deletes its automated backups", (d: any) => (d.deleteAutomatedBackups = true)],
      ["skips the final snapshot", (d: any) => (d.skipFinalSnapshot = true)],
      ["has no final snapshot name", (d: any) => delete d.finalSnapshotIdentifier],
    ])("reports a retiring primary that %s", (_, change) => {
      expect(runResource(policy, T.rdsInstance, mutate(retiring, change))).toEqual([
        "deletionProtection is off on a retiring instance that would lose data: keep skipFinalSnapshot false, a finalSnapshotIdentifier and deleteAutomatedBackups false.",
      ]);
    });
    it('reports a marker other than "true"', () => {
      const other = mutate(retiring, (d) => (d.tags["gantry:retiring"] = "yes"));
      expect(runResource(policy, T.rdsInstance, other)).toEqual([
        "deletionProtection is not true: set deletionProtection: true so AWS refuses to delete the instance.",
      ]);
    });
  });
  it("is mandatory in production, advisory in staging", () => {
    expect(levels(policy)).toEqual({ declared: "mandatory", production: "mandatory", staging: "advisory" });
  });
});
