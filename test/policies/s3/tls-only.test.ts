import { describe, expect, it } from "vitest";
import { s3TlsOnly as policy } from "../../../policies/rules/s3/tls-only";
import { levels, runStack } from "../harness";
import { bucketStack } from "../fixtures";

const statement = () => ({
  Effect: "Deny",
  Principal: "*",
  Action: "s3:*",
  Resource: ["arn:aws:s3:::acme-backups", "arn:aws:s3:::acme-backups/*"],
  Condition: { Bool: { "aws:SecureTransport": "false" } },
});
const withPolicy = (policyDoc: unknown) =>
  bucketStack().map((r) => (r.name === "backups-policy" ? { ...r, props: { ...r.props, policy: policyDoc } } : r));
const BAD = 'Bucket "backups" has a bucket policy without a Deny of s3:* to Principal "*" when aws:SecureTransport is "false".';

describe("s3-tls-only", () => {
  it("passes a JSON-string policy and an object policy with boolean false", () => {
    expect(runStack(policy, bucketStack())).toEqual([]);
    const s = { ...statement(), Principal: { AWS: "*" }, Condition: { Bool: { "aws:SecureTransport": false } } };
    expect(runStack(policy, withPolicy({ Version: "2012-10-17", Statement: [s] }))).toEqual([]);
  });
  it("reports a bucket without a policy", () => {
    expect(
      runStack(
        policy,
        bucketStack().filter((r) => r.name !== "backups-policy"),
      ),
    ).toEqual(['Bucket "backups" has no BucketPolicy: add one denying s3:* when aws:SecureTransport is false.']);
  });
  it.each([
    ["Effect Allow", { Effect: "Allow" }],
    ["a narrower principal", { Principal: { AWS: "arn:aws:iam::123456789012:root" } }],
    ["a narrower action", { Action: "s3:GetObject" }],
    ["a SecureTransport true condition", { Condition: { Bool: { "aws:SecureTransport": "true" } } }],
    ["no condition", { Condition: undefined }],
  ])("reports %s", (_, change) => {
    expect(runStack(policy, withPolicy(JSON.stringify({ Statement: [{ ...statement(), ...change }] })))).toEqual([BAD]);
  });
  it("reports an unparseable policy", () => {
    expect(runStack(policy, withPolicy("{not json"))).toEqual([BAD]);
  });
  it("is mandatory everywhere", () => {
    expect(levels(policy)).toEqual({ declared: "mandatory", production: "mandatory", staging: "mandatory" });
  });
});
