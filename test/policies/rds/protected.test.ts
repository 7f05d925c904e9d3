import { describe, expect, it } from "vitest";
import { T } from "../../../policies/lib/types";
import { rdsProtected as policy } from "../../../policies/rules/rds/protected";
import { levels, runResource } from "../harness";
import { rdsPrimary } from "../fixtures";

describe("rds-protected", () => {
  it("passes a protected instance", () => {
    expect(runResource(policy, T.rdsInstance, rdsPrimary, { protect: true })).toEqual([]);
  });
  it("reports an unprotected instance", () => {
    expect(runResource(policy, T.rdsInstance, rdsPrimary, { protect: false })).toEqual([
      "The resource is not protected: pass { protect: true } so Pulumi refuses to delete it.",
    ]);
  });
  it("is mandatory in production, advisory in staging", () => {
    expect(levels(policy)).toEqual({ declared: "mandatory", production: "mandatory", staging: "advisory" });
  });
});
