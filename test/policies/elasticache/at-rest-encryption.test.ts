import { describe, expect, it } from "vitest";
import { T } from "../../../policies/lib/types";
import { elasticacheAtRestEncryption as policy } from "../../../policies/rules/elasticache/at-rest-encryption";
import { levels, mutate, runResource } from "../harness";
import { replicationGroup } from "../fixtures";

describe("elasticache-at-rest-encryption", () => {
  it("passes an encrypted group", () => {
    expect(runResource(policy, T.replicationGroup, replicationGroup)).toEqual([]);
  });
  it("reports atRestEncryptionEnabled false", () => {
    expect(
      runResource(
        policy,
        T.replicationGroup,
        mutate(replicationGroup, (g: any) => (g.atRestEncryptionEnabled = false)),
      ),
    ).toEqual(["atRestEncryptionEnabled is not true: enable it (it can only be set when the group is created)."]);
  });
  it("is mandatory everywhere", () => {
    expect(levels(policy)).toEqual({ declared: "mandatory", production: "mandatory", staging: "mandatory" });
  });
});
