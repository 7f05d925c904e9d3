import { describe, expect, it } from "vitest";
import { T } from "../../../policies/lib/types";
import { rdsDeletionProtection as policy } from "../../../policies/rules/rds/deletion-protection";
import { levels, mutate, runResource } from "../harness";
import { rdsPrimary } from "../fixtures";

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
  it("is mandatory in production, advisory in staging", () => {
    expect(levels(policy)).toEqual({ declared: "mandatory", production: "mandatory", staging: "advisory" });
  });
});
