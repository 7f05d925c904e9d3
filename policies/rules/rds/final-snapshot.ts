import type * as aws from "@pulumi/aws";
import type { Unwrap } from "@pulumi/pulumi";
import { validateTypes, type GantryResourcePolicy } from "../../lib/policy";
import { T } from "../../lib/types";

/**
 * Deleting an RDS primary leaves a final snapshot.
 *
 * Why: without one, a delete (a mistaken replace included) loses the data outright. AWS needs
 * both `skipFinalSnapshot: false` and a `finalSnapshotIdentifier`, else the delete fails or
 * skips the snapshot. Read replicas cannot take a final snapshot and are skipped.
 *
 * @severity high
 */
export const rdsFinalSnapshot: GantryResourcePolicy = {
  name: "rds-final-snapshot",
  description: "RDS primaries must keep a final snapshot on deletion.",
  severity: "high",
  enforcementLevel: "mandatory",
  validateResource: validateTypes<Unwrap<aws.rds.InstanceArgs>>([T.rdsInstance], (db, _args, report) => {
    if (db.replicateSourceDb) return;
    if (db.skipFinalSnapshot === true) {
      report("skipFinalSnapshot is true: set it to false so deleting the instance keeps a snapshot.");
    }
    if (!db.finalSnapshotIdentifier) {
      report("finalSnapshotIdentifier is not set: name the final snapshot so deletion can create it.");
    }
  }),
};
