import * as aws from "@pulumi/aws";
import { describe, expect, it } from "vitest";
import { rdsKeepAutomatedBackups as policy } from "../../../policies/rules/rds/keep-automated-backups";
import { levels, mutate, runResource } from "../harness";
import { rdsPrimary, rdsReplica } from "../fixtures";

describe("rds-keep-automated-backups", () => {
  it("passes deleteAutomatedBackups false; skips replicas", () => {
    expect(runResource(policy, aws.rds.Instance, rdsPrimary)).toEqual([]);
    expect(runResource(policy, aws.rds.Instance, rdsReplica)).toEqual([]);
  });
  it.each([
    ["true", (d: any) => (d.deleteAutomatedBackups = true)],
    ["unset (AWS default true)", (d: any) => delete d.deleteAutomatedBackups],
  ])("reports deleteAutomatedBackups %s", (_, change) => {
    expect(runResource(policy, aws.rds.Instance, mutate(rdsPrimary, change))).toEqual([
      "deleteAutomatedBackups is not false (AWS defaults to true): set it to false to keep point-in-time recovery after deletion.",
    ]);
  });
  it("is mandatory in production, advisory in staging", () => {
    expect(levels(policy)).toEqual({ declared: "mandatory", production: "mandatory", staging: "advisory" });
  });
});
