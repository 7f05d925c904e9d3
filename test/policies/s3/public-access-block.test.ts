import { describe, expect, it } from "vitest";
import { s3PublicAccessBlock as policy } from "../../../policies/rules/s3/public-access-block";
import { levels, runStack } from "../harness";
import { bucketStack } from "../fixtures";

const without = (name: string) => bucketStack().filter((r) => r.name !== name);
const withBlock = (change: (p: any) => void) =>
  bucketStack().map((r) => (r.name === "backups-pab" ? { ...r, props: (change(r.props), r.props) } : r));

describe("s3-public-access-block", () => {
  it("passes a bucket with a full block", () => {
    expect(runStack(policy, bucketStack())).toEqual([]);
  });
  it("matches the block by dependency when the bucket name is generated", () => {
    const stack = bucketStack().map((r) => ({
      ...r,
      props: { ...r.props, bucket: r.name === "backups" ? undefined : "backups-4f2a" },
    }));
    expect(runStack(policy, stack)).toEqual([]);
  });
  it("reports a bucket without a block", () => {
    expect(runStack(policy, without("backups-pab"))).toEqual([
      'Bucket "backups" has no BucketPublicAccessBlock: add one with all four flags true.',
    ]);
  });
  it.each(["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"])("reports %s off", (flag) => {
    expect(
      runStack(
        policy,
        withBlock((p) => (p[flag] = false)),
      ),
    ).toEqual([`Bucket "backups" has a public access block with ${flag} not true: set all four flags.`]);
  });
  it("does not credit another bucket's block", () => {
    const other = { type: "aws:s3/bucket:Bucket", name: "logs", props: { bucket: "acme-logs" } };
    expect(runStack(policy, [...bucketStack(), other])).toEqual([
      'Bucket "logs" has no BucketPublicAccessBlock: add one with all four flags true.',
    ]);
  });
  it("is not applicable without buckets", () => {
    expect(runStack(policy, [])).toBeNull();
  });
  it("is mandatory everywhere", () => {
    expect(levels(policy)).toEqual({ declared: "mandatory", production: "mandatory", staging: "mandatory" });
  });
});
