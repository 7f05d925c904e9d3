import type { GantryResourcePolicy } from "../../lib/policy";
import { WORKLOADS } from "../../lib/types";
import { validateContainers, workloadConfigSchema } from "../../lib/workload";

const configSchema = workloadConfigSchema();

/**
 * Every container sets `allowPrivilegeEscalation: false` and is not privileged.
 *
 * Why: escalation lets setuid binaries gain more privileges than the process started with; the
 * Kubernetes default is to allow it. A privileged container can always escalate.
 *
 * @severity high
 */
export const k8sNoPrivilegeEscalation: GantryResourcePolicy = {
  name: "k8s-no-privilege-escalation",
  description: "Containers must set allowPrivilegeEscalation to false and must not be privileged.",
  severity: "high",
  enforcementLevel: "mandatory",
  configSchema,
  validateResource: validateContainers(WORKLOADS, configSchema, true, ({ container }) => {
    const sc = container.securityContext ?? {};
    const problems: string[] = [];
    if (sc.allowPrivilegeEscalation !== false) problems.push("securityContext.allowPrivilegeEscalation is not false.");
    if (sc.privileged === true) problems.push("securityContext.privileged is true.");
    return problems;
  }),
};
