import type { GantryResourcePolicy } from "../../lib/policy";
import { WORKLOADS } from "../../lib/types";
import { validateContainers, workloadConfigSchema } from "../../lib/workload";

const configSchema = workloadConfigSchema();

/**
 * Every container has a read-only root filesystem.
 *
 * Why: an attacker cannot drop tools or modify binaries in the image, and the app's writes are
 * forced onto declared volumes (an `emptyDir` for /tmp), which keeps pods disposable.
 *
 * @severity medium
 */
export const k8sReadOnlyRootFs: GantryResourcePolicy = {
  name: "k8s-read-only-root-fs",
  description: "Containers must use a read-only root filesystem.",
  severity: "medium",
  enforcementLevel: "mandatory",
  configSchema,
  validateResource: validateContainers(WORKLOADS, configSchema, true, ({ container }) =>
    container.securityContext?.readOnlyRootFilesystem === true
      ? []
      : ["securityContext.readOnlyRootFilesystem is not true (mount an emptyDir where the app writes)."],
  ),
};
