import type { PolicyConfigSchema } from "@pulumi/policy";
import { configOf, label, ofTypes, refersTo, type GantryStackPolicy } from "../../lib/policy";
import { T } from "../../lib/types";

const configSchema: PolicyConfigSchema = {
  properties: {
    minReplicas: { type: "integer", minimum: 1, default: 1, description: "Read replicas each primary needs." },
  },
};

/**
 * Every RDS primary has at least `minReplicas` read replicas in the stack.
 *
 * Why: a replica carries read traffic and is the fallback when a zone-wide outage takes the
 * Multi-AZ pair with it. A replica belongs to the primary its `replicateSourceDb` names.
 *
 * @severity medium
 */
export const rdsReadReplica: GantryStackPolicy = {
  name: "rds-read-replica",
  description: "Each RDS primary must have a read replica.",
  severity: "medium",
  enforcementLevel: "mandatory",
  configSchema,
  configKey: "postgres.replicas",
  validateStack: (args, report) => {
    const dbs = ofTypes(args, [T.rdsInstance]);
    const primaries = dbs.filter((d) => !d.props.replicateSourceDb);
    if (primaries.length === 0) return args.notApplicable("No RDS primary in the stack");
    const { minReplicas } = configOf<{ minReplicas: number }>(args, configSchema);
    for (const p of primaries) {
      const values = [p.props.identifier, p.props.arn, p.props.id];
      const replicas = dbs.filter((d) => d.props.replicateSourceDb && refersTo(d, "replicateSourceDb", p, values));
      if (replicas.length < minReplicas) {
        report(
          `${label(p)} has ${replicas.length} read replica(s): add at least ${minReplicas} (an instance with replicateSourceDb pointing at it).`,
          p.urn,
        );
      }
    }
  },
};
