import { describe, expect, it } from "vitest";
import { s3Versioning as policy } from "../../../policies/rules/s3/versioning";
import { levels, runStack } from "../harness";
import { bucketStack } from "../fixtures";

describe("s3-versioning", () => {
  it("passes a versioned bucket", () => {
    expect(runStack(policy, bucketStack())).toEqual([]);
  });
  it("reports a bucket without versioning", () => {
    expect(
      runStack(
        policy,
        bucketStack().filter((r) => r.name !== "backups-versioning"),
      ),
    ).toEqual(['Bucket "backups" has no BucketVersioning: add one with status Enabled.']);
  });
  it("reports suspended versioning", () => {
    const stack = bucketStack().map((r) =>
      r.name === "backups-versioning" ? { ...r, props: { ...r.props, versioningConfiguration: { status: "Suspended" } } } : r,
    );
    expect(runStack(policy, stack)).toEqual([
      'Bucket "backups" has versioning that is not Enabled: set versioningConfiguration.status to Enabled.',
    ]);
  });
  it("is mandatory everywhere", () => {
    expect(levels(policy)).toEqual({ declared: "mandatory", production: "mandatory", staging: "mandatory" });
  });
});
