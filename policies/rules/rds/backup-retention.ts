import type * as aws from "@pulumi/aws";
import type { Unwrap } from "@pulumi/pulumi";
import type { PolicyConfigSchema } from "@pulumi/policy";
import { configOf, validateTypes, type GantryResourcePolicy } from "../../lib/policy";
import { T } from "../../lib/types";

const configSchema: PolicyConfigSchema = {
  properties: {
    minDays: { type: "integer", minimum: 1, maximum: 35, default: 7, description: "Minimum automated backup retention in days." },
  },
};

/**
 * RDS automated backups are kept for at least `minDays` days (default 7).
 *
 * Why: retention bounds point-in-time recovery; the API default is 1 day, too short to notice a bad
 * migration over a weekend. Read replicas do not need their own backups and are skipped.
 *
 * @severity high
 */
export const rdsBackupRetention: GantryResourcePolicy = {
  name: "rds-backup-retention",
  description: "RDS primaries must keep automated backups for at least the configured number of days.",
  severity: "high",
  enforcementLevel: "mandatory",
  configSchema,
  configKey: "postgres.backupRetentionDays",
  validateResource: validateTypes<Unwrap<aws.rds.InstanceArgs>>([T.rdsInstance], (db, args, report) => {
    if (db.replicateSourceDb) return;
    const { minDays } = configOf<{ minDays: number }>(args, configSchema);
    const days = db.backupRetentionPeriod;
    if (days === undefined) {
      report(`backupRetentionPeriod is not set (AWS defaults to 1 day): set it to at least ${minDays}.`);
    } else if (days < minDays) {
      report(`backupRetentionPeriod is ${days} days: set it to at least ${minDays}.`);
    }
  }),
};
