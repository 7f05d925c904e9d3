import type { GantryResourcePolicy } from "../../lib/policy";
import { WORKLOADS } from "../../lib/types";
import { validateContainers, workloadConfigSchema } from "../../lib/workload";

const configSchema = workloadConfigSchema();

/**
 * Every container runs as non-root (`runAsNonRoot: true` on the container or, inherited, the pod).
 *
 * Why: with root in the container a kernel or runtime escape lands as root on the node; the
 * kubelet refuses to start an image whose user is 0 when this is set.
 *
 * @severity high
 */
export const k8sRunAsNonRoot: GantryResourcePolicy = {
  name: "k8s-run-as-non-root",
  description: "Containers must run as non-root.",
  severity: "high",
  enforcementLevel: "mandatory",
  configSchema,
  validateResource: validateContainers(WORKLOADS, configSchema, true, ({ container }, pod) => {
    // A container-level value overrides the pod's.
    const effective = container.securityContext?.runAsNonRoot ?? pod.securityContext?.runAsNonRoot;
    return effective === true ? [] : ["runAsNonRoot is not true (set it on the pod or container securityContext)."];
  }),
};
