import { describe, expect, it } from "vitest";
import { T } from "../../../policies/lib/types";
import { elasticacheTransitEncryption as policy } from "../../../policies/rules/elasticache/transit-encryption";
import { levels, mutate, runResource } from "../harness";
import { replicationGroup } from "../fixtures";

describe("elasticache-transit-encryption", () => {
  it("passes a TLS group", () => {
    expect(runResource(policy, T.replicationGroup, replicationGroup)).toEqual([]);
  });
  it.each([
    ["false", (g: any) => (g.transitEncryptionEnabled = false)],
    ["unset", (g: any) => delete g.transitEncryptionEnabled],
  ])("reports transitEncryptionEnabled %s", (_, change) => {
    expect(runResource(policy, T.replicationGroup, mutate(replicationGroup, change))).toEqual([
      "transitEncryptionEnabled is not true: enable TLS so the auth token and data are not sent in clear text.",
    ]);
  });
  it("is mandatory everywhere", () => {
    expect(levels(policy)).toEqual({ declared: "mandatory", production: "mandatory", staging: "mandatory" });
  });
});
