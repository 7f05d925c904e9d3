import type * as aws from "@pulumi/aws";
import type { Unwrap } from "@pulumi/pulumi";
import { validateTypes, type GantryResourcePolicy } from "../../lib/policy";
import { T } from "../../lib/types";

/**
 * ElastiCache replication groups encrypt data at rest.
 *
 * Why: snapshots and swap hold cached data (sessions, tokens); at-rest encryption can only be
 * chosen when the group is created.
 *
 * @severity high
 */
export const elasticacheAtRestEncryption: GantryResourcePolicy = {
  name: "elasticache-at-rest-encryption",
  description: "ElastiCache replication groups must enable at-rest encryption.",
  severity: "high",
  enforcementLevel: "mandatory",
  validateResource: validateTypes<Unwrap<aws.elasticache.ReplicationGroupArgs>>([T.replicationGroup], (rg, _args, report) => {
    if (rg.atRestEncryptionEnabled !== true) {
      report("atRestEncryptionEnabled is not true: enable it (it can only be set when the group is created).");
    }
  }),
};
