import { describe, expect, it } from "vitest";
import { T } from "../../../policies/lib/types";
import { kmsCustomerManagedKey as policy } from "../../../policies/rules/kms/customer-managed-key";
import { levels, runResource } from "../harness";

const CMK = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const rds = { kmsKeyId: CMK, storageEncrypted: true, performanceInsightsEnabled: true, performanceInsightsKmsKeyId: CMK };

describe("kms-customer-managed-key", () => {
  it("passes RDS, ElastiCache, SNS and log groups on a customer-managed key", () => {
    expect(runResource(policy, T.rdsInstance, rds)).toEqual([]);
    expect(runResource(policy, T.replicationGroup, { kmsKeyId: CMK })).toEqual([]);
    expect(runResource(policy, T.snsTopic, { kmsMasterKeyId: CMK })).toEqual([]);
    expect(runResource(policy, T.logGroup, { kmsKeyId: CMK })).toEqual([]);
  });
  it("reports RDS storage on the default key and Performance Insights on the AWS-managed one", () => {
    expect(runResource(policy, T.rdsInstance, { ...rds, kmsKeyId: undefined })).toEqual([
      "kmsKeyId is not set: encrypt storage with a customer-managed key (gantry:hardening.kms: true).",
    ]);
    expect(runResource(policy, T.rdsInstance, { ...rds, performanceInsightsKmsKeyId: "alias/aws/rds" })).toEqual([
      "performanceInsightsKmsKeyId is the AWS-managed alias/aws/rds: encrypt Performance Insights with a customer-managed key (gantry:hardening.kms: true).",
    ]);
  });
  it("does not ask for a Performance Insights key when it is off, nor a storage key on a replica", () => {
    expect(runResource(policy, T.rdsInstance, { kmsKeyId: CMK, performanceInsightsEnabled: false })).toEqual([]);
    expect(runResource(policy, T.rdsInstance, { replicateSourceDb: "db-primary", performanceInsightsEnabled: false })).toEqual(
      [],
    );
  });
  it("reports ElastiCache, SNS and log groups without a customer-managed key", () => {
    expect(runResource(policy, T.replicationGroup, { atRestEncryptionEnabled: true })).toEqual([
      "kmsKeyId is not set: encrypt data at rest with a customer-managed key (gantry:hardening.kms: true).",
    ]);
    expect(runResource(policy, T.snsTopic, { kmsMasterKeyId: "arn:aws:kms:eu-west-1:123456789012:alias/aws/sns" })).toEqual([
      "kmsMasterKeyId is the AWS-managed arn:aws:kms:eu-west-1:123456789012:alias/aws/sns: encrypt messages with a customer-managed key (gantry:hardening.kms: true).",
    ]);
    expect(runResource(policy, T.logGroup, { retentionInDays: 30 })).toEqual([
      "kmsKeyId is not set: encrypt log events with a customer-managed key (gantry:hardening.kms: true).",
    ]);
  });
  it("is mandatory in production, advisory in staging", () => {
    expect(levels(policy)).toEqual({ declared: "mandatory", production: "mandatory", staging: "advisory" });
  });
});
