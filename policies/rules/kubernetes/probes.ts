import type { GantryResourcePolicy } from "../../lib/policy";
import { LONG_RUNNING } from "../../lib/types";
import { validateContainers, workloadConfigSchema } from "../../lib/workload";

const configSchema = workloadConfigSchema();

/**
 * Every container of a long-running workload has liveness and readiness probes.
 *
 * Why: readiness keeps traffic off pods that cannot serve (and is what makes a blue-green switch
 * safe); liveness restarts a wedged process. Jobs and CronJobs run to completion and are skipped.
 *
 * @severity medium
 */
export const k8sProbes: GantryResourcePolicy = {
  name: "k8s-probes",
  description: "Containers of Deployments, StatefulSets and DaemonSets must have liveness and readiness probes.",
  severity: "medium",
  enforcementLevel: "mandatory",
  configSchema,
  configKey: "app.health / worker.healthPort",
  validateResource: validateContainers(LONG_RUNNING, configSchema, false, ({ container }) => {
    const problems: string[] = [];
    if (!container.livenessProbe) problems.push("livenessProbe is not set.");
    if (!container.readinessProbe) problems.push("readinessProbe is not set.");
    return problems;
  }),
};
