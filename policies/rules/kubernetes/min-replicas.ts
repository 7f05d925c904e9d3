import type { PolicyConfigSchema } from "@pulumi/policy";
import { LABELS, namespaceOf, replicasOf } from "../../lib/kube";
import { configOf, validateTypes, type GantryResourcePolicy } from "../../lib/policy";
import { T } from "../../lib/types";

const configSchema: PolicyConfigSchema = {
  properties: {
    minReplicas: { type: "integer", minimum: 1, default: 2, description: "Minimum replicas of a web Deployment." },
    excludeNamespaces: { type: "array", items: { type: "string" }, default: [], description: "Namespaces to skip." },
  },
};

/** Workers are queue consumers, labelled either way by the program. */
function isWorker(labels: Record<string, string>): boolean {
  return labels[LABELS.role] === "worker" || labels["app.kubernetes.io/component"] === "worker";
}

/**
 * Web Deployments run at least `minReplicas` pods (default 2).
 *
 * Why: one pod means every node drain, eviction or crash is an outage. Exempt by design:
 * - workers (`gantry.dev/role: worker` or `app.kubernetes.io/component: worker`): the idle colour
 *   must not consume the queue and an exclusive consumer runs one pod, so their count is the
 *   release logic's business;
 * - a blue-green slot (`gantry.dev/slot`) at exactly 0 replicas: a deliberately parked idle
 *   colour, not an under-provisioned one. Any other count below the minimum is reported.
 * An unset `replicas` counts as 1 (the Kubernetes default).
 *
 * @severity high
 */
export const k8sMinReplicas: GantryResourcePolicy = {
  name: "k8s-min-replicas",
  description: "Web Deployments must run at least the configured number of replicas.",
  severity: "high",
  enforcementLevel: "mandatory",
  configSchema,
  configKey: "app.replicas",
  validateResource: validateTypes([T.deployment], (props, args, report) => {
    const { minReplicas, excludeNamespaces } = configOf<{ minReplicas: number; excludeNamespaces: string[] }>(args, configSchema);
    const labels: Record<string, string> = { ...(props.spec?.template?.metadata?.labels ?? {}), ...(props.metadata?.labels ?? {}) };
    if (excludeNamespaces.includes(namespaceOf(props))) return args.notApplicable("namespace excluded");
    if (isWorker(labels)) return args.notApplicable("workers are scaled by the release logic");
    const replicas = replicasOf(props);
    if (replicas === 0 && labels[LABELS.slot]) return; // a parked idle colour
    if (replicas < minReplicas) {
      report(`spec.replicas is ${replicas}: run at least ${minReplicas} so a single pod failure or node drain is not an outage.`);
    }
  }),
};
