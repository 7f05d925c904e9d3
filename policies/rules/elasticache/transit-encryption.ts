import type * as aws from "@pulumi/aws";
import type { Unwrap } from "@pulumi/pulumi";
import { validateTypes, type GantryResourcePolicy } from "../../lib/policy";
import { T } from "../../lib/types";

/**
 * ElastiCache replication groups encrypt traffic in transit (TLS).
 *
 * Why: without TLS the auth token and every cached value cross the network in clear text; an
 * auth token also requires transit encryption.
 *
 * @severity high
 */
export const elasticacheTransitEncryption: GantryResourcePolicy = {
  name: "elasticache-transit-encryption",
  description: "ElastiCache replication groups must enable in-transit encryption.",
  severity: "high",
  enforcementLevel: "mandatory",
  validateResource: validateTypes<Unwrap<aws.elasticache.ReplicationGroupArgs>>([T.replicationGroup], (rg, _args, report) => {
    if (rg.transitEncryptionEnabled !== true) {
      report("transitEncryptionEnabled is not true: enable TLS so the auth token and data are not sent in clear text.");
    }
  }),
};
