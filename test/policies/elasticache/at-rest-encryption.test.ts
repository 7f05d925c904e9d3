import * as aws from "@pulumi/aws";
import { describe, expect, it } from "vitest";
import { elasticacheAtRestEncryption as policy } from "../../../policies/rules/elasticache/at-rest-encryption";
import { levels, mutate, runResource } from "../harness";
import { replicationGroup } from "../fixtures";

describe("elasticache-at-rest-encryption", () => {
  it("passes an encrypted group", () => {
    expect(runResource(policy, aws.elasticache.ReplicationGroup, replicationGroup)).toEqual([]);
  });
  it("reports atRestEncryptionEnabled false", () => {
    expect(runResource(policy, aws.elasticache.ReplicationGroup, mutate(replicationGroup, (g: any) => (g.atRestEncryptionEnabled = false)))).toEqual([
      "atRestEncryptionEnabled is not true: enable it (it can only be set when the group is created).",
    ]);
  });
  it("is mandatory everywhere", () => {
    expect(levels(policy)).toEqual({ declared: "mandatory", production: "mandatory", staging: "mandatory" });
  });
});
