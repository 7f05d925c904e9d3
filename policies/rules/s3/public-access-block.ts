import type { GantryStackPolicy } from "../../lib/policy";
import { checkBuckets } from "../../lib/s3";
import { T } from "../../lib/types";

const FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;

/**
 * Every S3 bucket has a public access block with all four flags on.
 *
 * Why: the block overrides any ACL or bucket policy that would make objects public, including
 * ones added later by hand. Backups and state must never be readable from the internet.
 *
 * @severity high
 */
export const s3PublicAccessBlock: GantryStackPolicy = {
  name: "s3-public-access-block",
  description: "S3 buckets must have a public access block with all four settings enabled.",
  severity: "high",
  enforcementLevel: "mandatory",
  validateStack: (args, report) =>
    checkBuckets(args, report, [T.publicAccessBlock], (blocks) => {
      if (blocks.length === 0) return "has no BucketPublicAccessBlock: add one with all four flags true.";
      const off = FLAGS.filter((f) => !blocks.some((b) => b.props[f] === true));
      return off.length > 0 ? `has a public access block with ${off.join(", ")} not true: set all four flags.` : undefined;
    }),
};
