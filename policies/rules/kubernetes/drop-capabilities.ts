import type { GantryResourcePolicy } from "../../lib/policy";
import { WORKLOADS } from "../../lib/types";
import { validateContainers, workloadConfigSchema } from "../../lib/workload";

const configSchema = workloadConfigSchema();

/**
 * Every container drops all Linux capabilities.
 *
 * Why: the runtime's default set includes NET_RAW and others an app never needs; dropping ALL
 * (and adding back only a justified one, such as NET_BIND_SERVICE) shrinks what an exploit can do.
 *
 * @severity medium
 */
export const k8sDropCapabilities: GantryResourcePolicy = {
  name: "k8s-drop-capabilities",
  description: "Containers must drop ALL capabilities.",
  severity: "medium",
  enforcementLevel: "mandatory",
  configSchema,
  validateResource: validateContainers(WORKLOADS, configSchema, true, ({ container }) => {
    const drop: unknown[] = container.securityContext?.capabilities?.drop ?? [];
    return drop.includes("ALL") ? [] : ['securityContext.capabilities.drop does not include "ALL".'];
  }),
};
