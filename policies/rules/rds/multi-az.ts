import type * as aws from "@pulumi/aws";
import type { Unwrap } from "@pulumi/pulumi";
import { validateTypes, type GantryResourcePolicy } from "../../lib/policy";
import { T } from "../../lib/types";

/**
 * RDS primaries are Multi-AZ.
 *
 * Why: a synchronous standby in another zone fails over in about a minute without data loss; a
 * read replica is asynchronous and promoting it loses recent writes. Replicas (with
 * `replicateSourceDb`) are skipped. Mandatory in production; disabled in staging.
 *
 * @severity high
 */
export const rdsMultiAz: GantryResourcePolicy = {
  name: "rds-multi-az",
  description: "RDS primary instances must be Multi-AZ.",
  severity: "high",
  enforcementLevel: "mandatory",
  configKey: "postgres.multiAz",
  validateResource: validateTypes<Unwrap<aws.rds.InstanceArgs>>([T.rdsInstance], (db, _args, report) => {
    if (db.replicateSourceDb) return;
    if (db.multiAz !== true) {
      report("multiAz is not true: set multiAz: true so a standby in another zone takes over on failure.");
    }
  }),
};
