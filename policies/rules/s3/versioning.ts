import type { GantryStackPolicy } from "../../lib/policy";
import { checkBuckets } from "../../lib/s3";
import { T } from "../../lib/types";

/**
 * Every S3 bucket has versioning Enabled.
 *
 * Why: versions turn an overwrite or delete (or ransomware) into a recoverable event; backup
 * buckets also need it for object lock and replication.
 *
 * @severity high
 */
export const s3Versioning: GantryStackPolicy = {
  name: "s3-versioning",
  description: "S3 buckets must have versioning enabled.",
  severity: "high",
  enforcementLevel: "mandatory",
  validateStack: (args, report) =>
    checkBuckets(args, report, [T.versioning, T.versioningV2], (configs) => {
      if (configs.length === 0) return "has no BucketVersioning: add one with status Enabled.";
      const enabled = configs.some((c) => c.props.versioningConfiguration?.status === "Enabled");
      return enabled ? undefined : "has versioning that is not Enabled: set versioningConfiguration.status to Enabled.";
    }),
};
