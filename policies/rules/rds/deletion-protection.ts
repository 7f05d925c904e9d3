import type * as aws from "@pulumi/aws";
import type { Unwrap } from "@pulumi/pulumi";
import { validateTypes, type GantryResourcePolicy } from "../../lib/policy";
import { T } from "../../lib/types";
import { isSafelyRetiringRds, RETIRING_TAG } from "../../lib/retiring";

/**
 * RDS instances have deletion protection.
 *
 * Why: `deletionProtection` makes AWS refuse a delete from any tool, not only Pulumi. Mandatory in
 * production through config/production.json; advisory in staging, where databases are rebuilt.
 * Exempt: an instance tagged `gantry:retiring` by `postgres.retireCurrent: unprotect` whose delete
 * keeps a final snapshot and the automated backups (see lib/retiring.ts).
 *
 * @severity high
 */
export const rdsDeletionProtection: GantryResourcePolicy = {
  name: "rds-deletion-protection",
  description: "RDS instances must have deletion protection enabled.",
  severity: "high",
  enforcementLevel: "mandatory",
  configKey: "postgres.deletionProtection",
  validateResource: validateTypes<Unwrap<aws.rds.InstanceArgs>>([T.rdsInstance], (db, _args, report) => {
    if (db.deletionProtection !== true && !isSafelyRetiringRds(db)) {
      report(
        db.tags?.[RETIRING_TAG] === "true"
          ? "deletionProtection is off on a retiring instance that would lose data: keep skipFinalSnapshot false, a finalSnapshotIdentifier and deleteAutomatedBackups false."
          : "deletionProtection is not true: set deletionProtection: true so AWS refuses to delete the instance.",
      );
    }
  }),
};
