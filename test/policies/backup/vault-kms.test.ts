import { describe, expect, it } from "vitest";
import { backupVaultKms as policy } from "../../../policies/rules/backup/vault-kms";
import { levels, runStack } from "../harness";
import { key, vault } from "./fixtures";

describe("backup-vault-kms", () => {
  it("passes a vault encrypted with a key of the stack", () => {
    expect(runStack(policy, [key(), vault()])).toEqual([]);
  });
  it("passes a vault given an existing customer-managed key by ARN", () => {
    const arn = "arn:aws:kms:eu-west-1:123456789012:key/0f1e2d3c-4b5a-6978-8877-665544332211";
    expect(runStack(policy, [{ ...vault({ kmsKeyArn: arn }), deps: [] }])).toEqual([]);
  });
  it("reports a vault without a key (AWS Backup's managed key)", () => {
    expect(runStack(policy, [key(), { ...vault({}), deps: [] }])).toEqual([
      'Vault "backups-vault" has no kmsKeyArn, so AWS Backup uses its AWS managed key: create an aws.kms.Key and pass its arn.',
    ]);
  });
  it("reports an alias, such as the AWS managed aws/backup key", () => {
    expect(runStack(policy, [{ ...vault({ kmsKeyArn: "alias/aws/backup" }), deps: [] }])).toEqual([
      'Vault "backups-vault" is encrypted with "alias/aws/backup", not a customer-managed key: pass a KMS key ARN (not an alias).',
    ]);
  });
  it("is not applicable without vaults, and mandatory everywhere", () => {
    expect(runStack(policy, [key()])).toBeNull();
    expect(levels(policy)).toEqual({ declared: "mandatory", production: "mandatory", staging: "mandatory" });
  });
});
