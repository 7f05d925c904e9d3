import { describe, expect, it } from "vitest";
import { T } from "../../../policies/lib/types";
import { rdsBackupRetention as policy } from "../../../policies/rules/rds/backup-retention";
import { levels, mutate, propsIn, runResource } from "../harness";
import { rdsPrimary, rdsReplica } from "../fixtures";

describe("rds-backup-retention", () => {
  it("passes 7 days by default, and skips replicas", () => {
    expect(runResource(policy, T.rdsInstance, rdsPrimary)).toEqual([]);
    expect(runResource(policy, T.rdsInstance, rdsReplica)).toEqual([]);
  });
  it("reports a short retention against the default of 7", () => {
    expect(
      runResource(
        policy,
        T.rdsInstance,
        mutate(rdsPrimary, (d: any) => (d.backupRetentionPeriod = 3)),
      ),
    ).toEqual(["backupRetentionPeriod is 3 days: set it to at least 7."]);
  });
  it("reports an unset retention", () => {
    expect(
      runResource(
        policy,
        T.rdsInstance,
        mutate(rdsPrimary, (d: any) => delete d.backupRetentionPeriod),
      ),
    ).toEqual(["backupRetentionPeriod is not set (AWS defaults to 1 day): set it to at least 7."]);
  });
  it("reports 0 (backups off) even under staging's threshold", () => {
    const config = propsIn(policy.name, "staging");
    expect(config).toEqual({ minDays: 1 });
    expect(
      runResource(
        policy,
        T.rdsInstance,
        mutate(rdsPrimary, (d: any) => (d.backupRetentionPeriod = 0)),
        { config },
      ),
    ).toEqual(["backupRetentionPeriod is 0 days: set it to at least 1."]);
    expect(
      runResource(
        policy,
        T.rdsInstance,
        mutate(rdsPrimary, (d: any) => (d.backupRetentionPeriod = 1)),
        { config },
      ),
    ).toEqual([]);
  });
  it("uses production's threshold of 7", () => {
    const config = propsIn(policy.name, "production");
    expect(
      runResource(
        policy,
        T.rdsInstance,
        mutate(rdsPrimary, (d: any) => (d.backupRetentionPeriod = 6)),
        { config },
      ),
    ).toEqual(["backupRetentionPeriod is 6 days: set it to at least 7."]);
  });
  it("is mandatory everywhere", () => {
    expect(levels(policy)).toEqual({ declared: "mandatory", production: "mandatory", staging: "mandatory" });
  });
});
