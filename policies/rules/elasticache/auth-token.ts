import type * as aws from "@pulumi/aws";
import type { Unwrap } from "@pulumi/pulumi";
import { validateTypes, type GantryResourcePolicy } from "../../lib/policy";
import { T } from "../../lib/types";

/**
 * ElastiCache replication groups require an auth token.
 *
 * Why: without AUTH any pod that can reach the endpoint can read and flush the cache. The token
 * comes from @pulumi/random and stays a Pulumi secret.
 *
 * @severity high
 */
export const elasticacheAuthToken: GantryResourcePolicy = {
  name: "elasticache-auth-token",
  description: "ElastiCache replication groups must require an auth token.",
  severity: "high",
  enforcementLevel: "mandatory",
  validateResource: validateTypes<Unwrap<aws.elasticache.ReplicationGroupArgs>>([T.replicationGroup], (rg, _args, report) => {
    if (typeof rg.authToken !== "string" || rg.authToken.length === 0) {
      report("authToken is not set: require AUTH with a generated secret token.");
    }
  }),
};
