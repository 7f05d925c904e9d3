import { describe, expect, it } from "vitest";
import { T } from "../../../policies/lib/types";
import { rdsMultiAz as policy } from "../../../policies/rules/rds/multi-az";
import { levels, mutate, runResource } from "../harness";
import { rdsPrimary, rdsReplica } from "../fixtures";

describe("rds-multi-az", () => {
  it("passes a Multi-AZ primary and skips replicas", () => {
    expect(runResource(policy, T.rdsInstance, rdsPrimary)).toEqual([]);
    expect(runResource(policy, T.rdsInstance, rdsReplica)).toEqual([]);
  });
  it.each([
    ["false", (d: any) => (d.multiAz = false)],
    ["unset", (d: any) => delete d.multiAz],
  ])("reports multiAz %s on a primary", (_, change) => {
    expect(runResource(policy, T.rdsInstance, mutate(rdsPrimary, change))).toEqual([
      "multiAz is not true: set multiAz: true so a standby in another zone takes over on failure.",
    ]);
  });
  it("is mandatory in production, disabled in staging", () => {
    expect(levels(policy)).toEqual({ declared: "mandatory", production: "mandatory", staging: "disabled" });
  });
});
