import { describe, expect, it } from "vitest";
import { T } from "../../../policies/lib/types";
import { elasticacheAuthToken as policy } from "../../../policies/rules/elasticache/auth-token";
import { levels, mutate, runResource } from "../harness";
import { replicationGroup } from "../fixtures";

describe("elasticache-auth-token", () => {
  it("passes a group with a (masked) token", () => {
    expect(runResource(policy, T.replicationGroup, replicationGroup)).toEqual([]);
  });
  it.each([
    ["unset", (g: any) => delete g.authToken],
    ["empty", (g: any) => (g.authToken = "")],
  ])("reports an authToken that is %s", (_, change) => {
    expect(runResource(policy, T.replicationGroup, mutate(replicationGroup, change))).toEqual([
      "authToken is not set: require AUTH with a generated secret token.",
    ]);
  });
  it("is mandatory everywhere", () => {
    expect(levels(policy)).toEqual({ declared: "mandatory", production: "mandatory", staging: "mandatory" });
  });
});
