import type * as aws from "@pulumi/aws";
import type { Unwrap } from "@pulumi/pulumi";
import { validateTypes, type GantryResourcePolicy } from "../../lib/policy";
import { T } from "../../lib/types";

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
  validateResource: validateTypes<Unwrap<aws.rds.InstanceArgs>>([T.rdsInstance], (db, _args, report) => {
    if (db.replicateSourceDb) return;
    if (db.storageEncrypted !== true) {
      report("storageEncrypted is not true: set storageEncrypted: true (it cannot be changed after creation).");
    }
  }),
};
