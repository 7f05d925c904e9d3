import type { PolicyConfigSchema } from "@pulumi/policy";
import { configOf, validateTypes, type GantryResourcePolicy } from "../../lib/policy";
import { T } from "../../lib/types";

const configSchema: PolicyConfigSchema = {
  properties: {
    minInstances: { type: "integer", minimum: 1, default: 2, description: "Minimum instances (primary + replicas)." },
  },
};

/**
 * CloudNativePG clusters run at least `minInstances` instances (default 2: a primary and a
 * streaming replica).
 *
 * Why: the operator fails over by promoting a replica; with one instance, a node loss is an
 * outage plus a restore from backup. CNPG defaults `instances` to 1.
 *
 * @severity high
 */
export const cnpgInstances: GantryResourcePolicy = {
  name: "cnpg-instances",
  description: "CloudNativePG clusters must run at least the configured number of instances.",
  severity: "high",
  enforcementLevel: "mandatory",
  configSchema,
  configKey: "postgres.replicas",
  validateResource: validateTypes([T.cnpgCluster], (props, args, report) => {
    const { minInstances } = configOf<{ minInstances: number }>(args, configSchema);
    const instances = typeof props.spec?.instances === "number" ? props.spec.instances : 1;
    if (instances < minInstances) {
      report(`spec.instances is ${instances}: run at least ${minInstances} so the operator has a replica to promote.`);
    }
  }),
};
