import { describe, expect, it } from "vitest";
import { T } from "../../../policies/lib/types";
import { rdsProtected as policy } from "../../../policies/rules/rds/protected";
import { levels, mutate, runResource } from "../harness";
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
  it("passes an unprotected instance retiring safely (postgres.retireCurrent: unprotect)", () => {
    const retiring = mutate(rdsPrimary, (d) => (d.tags = { "gantry:retiring": "true" }));
    expect(runResource(policy, T.rdsInstance, retiring, { protect: false })).toEqual([]);
  });
  it("reports an unprotected retiring instance that would delete its automated backups", () => {
    const unsafe = mutate(rdsPrimary, (d) => {
      d.tags = { "gantry:retiring": "true" };
      d.deleteAutomatedBackups = true;
    });
    expect(runResource(policy, T.rdsInstance, unsafe, { protect: false })).toEqual([
      "The resource is not protected: pass { protect: true } so Pulumi refuses to delete it.",
    ]);
  });
  it("is mandatory in production, advisory in staging", () => {
    expect(levels(policy)).toEqual({ declared: "mandatory", production: "mandatory", staging: "advisory" });
  });
});
