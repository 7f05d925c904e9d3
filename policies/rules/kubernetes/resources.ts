import type { GantryResourcePolicy } from "../../lib/policy";
import { WORKLOADS } from "../../lib/types";
import { validateContainers, workloadConfigSchema } from "../../lib/workload";

const configSchema = workloadConfigSchema();

/**
 * Every container requests CPU and memory and limits memory.
 *
 * Why: requests are what the scheduler packs by and what the HPA scales on; a memory limit keeps
 * one leaking pod from getting the node's other pods OOM-killed. A CPU limit is deliberately not
 * required (throttling hurts latency more than it protects).
 *
 * @severity medium
 */
export const k8sResources: GantryResourcePolicy = {
  name: "k8s-resources",
  description: "Containers must set CPU and memory requests and a memory limit.",
  severity: "medium",
  enforcementLevel: "mandatory",
  configSchema,
  configKey: "app.resources / worker.resources",
  validateResource: validateContainers(WORKLOADS, configSchema, true, ({ container }) => {
    const problems: string[] = [];
    const res = container.resources ?? {};
    if (!res.requests?.cpu) problems.push("resources.requests.cpu is not set.");
    if (!res.requests?.memory) problems.push("resources.requests.memory is not set.");
    if (!res.limits?.memory) problems.push("resources.limits.memory is not set.");
    return problems;
  }),
};
