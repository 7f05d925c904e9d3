import { describe, expect, it } from "vitest";
import { s3Encryption as policy } from "../../../policies/rules/s3/encryption";
import { levels, runStack } from "../harness";
import { bucketStack } from "../fixtures";

describe("s3-encryption", () => {
  it("passes a bucket with SSE", () => {
    expect(runStack(policy, bucketStack())).toEqual([]);
  });
  it("reports a bucket without an encryption configuration", () => {
    expect(
      runStack(
        policy,
        bucketStack().filter((r) => r.name !== "backups-sse"),
      ),
    ).toEqual(['Bucket "backups" has no BucketServerSideEncryptionConfiguration: add one (AES256 or aws:kms).']);
  });
  it("reports a configuration without a default algorithm", () => {
    const stack = bucketStack().map((r) =>
      r.name === "backups-sse" ? { ...r, props: { ...r.props, rules: [{ bucketKeyEnabled: true }] } } : r,
    );
    expect(runStack(policy, stack)).toEqual([
      'Bucket "backups" has an encryption configuration without applyServerSideEncryptionByDefault.sseAlgorithm: set AES256 or aws:kms.',
    ]);
  });
  it("is mandatory everywhere", () => {
    expect(levels(policy)).toEqual({ declared: "mandatory", production: "mandatory", staging: "mandatory" });
  });
});
