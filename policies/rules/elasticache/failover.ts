import type * as aws from "@pulumi/aws";
import type { Unwrap } from "@pulumi/pulumi";
import { validateTypes, type GantryResourcePolicy } from "../../lib/policy";
import { T } from "../../lib/types";

/**
 * ElastiCache replication groups fail over automatically across zones.
 *
 * Why: without automatic failover and Multi-AZ, losing the primary's node or zone takes the
 * cache down until someone acts; both need at least one replica. Mandatory in production;
 * advisory in staging.
 *
 * @severity high
 */
export const elasticacheFailover: GantryResourcePolicy = {
  name: "elasticache-failover",
  description: "ElastiCache replication groups must enable automatic failover and Multi-AZ.",
  severity: "high",
  enforcementLevel: "mandatory",
  configKey: "redis.replicas / redis.failover",
  validateResource: validateTypes<Unwrap<aws.elasticache.ReplicationGroupArgs>>([T.replicationGroup], (rg, _args, report) => {
    if (rg.automaticFailoverEnabled !== true) {
      report("automaticFailoverEnabled is not true: enable it so a replica is promoted when the primary fails.");
    }
    if (rg.multiAzEnabled !== true) {
      report("multiAzEnabled is not true: enable it so the replica runs in another availability zone.");
    }
    const nodes = rg.numCacheClusters ?? (rg.replicasPerNodeGroup !== undefined ? rg.replicasPerNodeGroup + 1 : 1);
    if (nodes < 2) {
      report(`The group has ${nodes} node(s): failover needs at least one replica (numCacheClusters >= 2).`);
    }
  }),
};
