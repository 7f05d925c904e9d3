import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import type { GantryResourcePolicy } from "../../lib/policy";

/**
 * RDS storage is encrypted at rest.
 *
 * Why: encryption can only be chosen at creation; turning it on later means a snapshot, copy and
 * restore into a new instance. Read replicas inherit the source's encryption, so only primaries
 * are checked.
 *
 * @severity high
 */
export const rdsStorageEncrypted: GantryResourcePolicy = {
  name: "rds-storage-encrypted",
  description: "RDS instances must encrypt storage at rest.",
  severity: "high",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(aws.rds.Instance, (db, _args, report) => {
    if (db.replicateSourceDb) return;
    if (db.storageEncrypted !== true) {
      report("storageEncrypted is not true: set storageEncrypted: true (it cannot be changed after creation).");
    }
  }),
};
