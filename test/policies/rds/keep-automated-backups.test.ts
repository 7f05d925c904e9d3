import { describe, expect, it } from "vitest";
import { T } from "../../../policies/lib/types";
import { rdsKeepAutomatedBackups as policy } from "../../../policies/rules/rds/keep-automated-backups";
import { levels, mutate, runResource } from "../harness";
import { rdsPrimary, rdsReplica } from "../fixtures";

describe("rds-keep-automated-backups", () => {
  it("passes deleteAutomatedBackups false; skips replicas", () => {
    expect(runResource(policy, T.rdsInstance, rdsPrimary)).toEqual([]);
    expect(runResource(policy, T.rdsInstance, rdsReplica)).toEqual([]);
  });
  it.each([
    ["true", (d: any) => (d.deleteAutomatedBackups = true)],
    ["unset (AWS default true)", (d: any) => delete d.deleteAutomatedBackups],
  ])("reports deleteAutomatedBackups %s", (_, change) => {
    expect(runResource(policy, T.rdsInstance, mutate(rdsPrimary, change))).toEqual([
      "deleteAutomatedBackups is not false (AWS defaults to true): set it to false to keep point-in-time recovery after deletion.",
    ]);
  });
  it("is mandatory in production, advisory in staging", () => {
    expect(levels(policy)).toEqual({ declared: "mandatory", production: "mandatory", staging: "advisory" });
  });
});
