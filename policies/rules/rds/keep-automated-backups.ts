import type * as aws from "@pulumi/aws";
import type { Unwrap } from "@pulumi/pulumi";
import { validateTypes, type GantryResourcePolicy } from "../../lib/policy";
import { T } from "../../lib/types";

/**
 * Automated backups outlive the RDS instance.
 *
 * Why: `deleteAutomatedBackups` defaults to true, so deleting the instance also deletes its
 * point-in-time recovery history. Mandatory in production; advisory in staging.
 *
 * @severity medium
 */
export const rdsKeepAutomatedBackups: GantryResourcePolicy = {
  name: "rds-keep-automated-backups",
  description: "RDS instances must retain automated backups after deletion.",
  severity: "medium",
  enforcementLevel: "mandatory",
  validateResource: validateTypes<Unwrap<aws.rds.InstanceArgs>>([T.rdsInstance], (db, _args, report) => {
    if (db.replicateSourceDb) return;
    if (db.deleteAutomatedBackups !== false) {
      report(
        "deleteAutomatedBackups is not false (AWS defaults to true): set it to false to keep point-in-time recovery after deletion.",
      );
    }
  }),
};
