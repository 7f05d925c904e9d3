import type { GantryStackPolicy } from "../../lib/policy";
import { checkBuckets } from "../../lib/s3";
import { T } from "../../lib/types";

/**
 * Every S3 bucket declares server-side encryption.
 *
 * Why: S3 encrypts new objects with SSE-S3 by default, but declaring the rule (SSE-S3 or SSE-KMS)
 * keeps the choice reviewable and makes KMS keys with their own access policy possible.
 *
 * @severity medium
 */
export const s3Encryption: GantryStackPolicy = {
  name: "s3-encryption",
  description: "S3 buckets must configure server-side encryption.",
  severity: "medium",
  enforcementLevel: "mandatory",
  validateStack: (args, report) =>
    checkBuckets(args, report, [T.sse, T.sseV2], (configs) => {
      if (configs.length === 0) return "has no BucketServerSideEncryptionConfiguration: add one (AES256 or aws:kms).";
      const ok = configs.some((c) => (c.props.rules ?? []).some((r: any) => r?.applyServerSideEncryptionByDefault?.sseAlgorithm));
      return ok
        ? undefined
        : "has an encryption configuration without applyServerSideEncryptionByDefault.sseAlgorithm: set AES256 or aws:kms.";
    }),
};
