import { describe, expect, it } from "vitest";
import { T } from "../../../policies/lib/types";
import { snsKmsEncryption as policy } from "../../../policies/rules/sns/kms-encryption";
import { levels, runResource } from "../harness";

describe("sns-kms-encryption", () => {
  it("passes a topic with a KMS key", () => {
    expect(runResource(policy, T.snsTopic, { kmsMasterKeyId: "alias/aws/sns" })).toEqual([]);
  });
  it("reports a topic without one", () => {
    expect(runResource(policy, T.snsTopic, { name: "alerts" })).toEqual([
      "kmsMasterKeyId is not set: encrypt the topic (for example with alias/aws/sns).",
    ]);
  });
  it("is mandatory everywhere", () => {
    expect(levels(policy)).toEqual({ declared: "mandatory", production: "mandatory", staging: "mandatory" });
  });
});
