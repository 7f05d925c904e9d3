import type { PolicyConfigSchema } from "@pulumi/policy";
import { LABELS, namespaceOf, replicaRange } from "../../lib/kube";
import { configOf, label, ofTypes, type GantryStackPolicy } from "../../lib/policy";
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
 * Why: one pod means every node drain, eviction or crash is an outage. The count is the
 * HorizontalPodAutoscaler's `minReplicas` when one targets the Deployment (HPA-managed slots
 * omit `spec.replicas`), else `spec.replicas` (unset counts as 1, the Kubernetes default).
 * Exempt by design:
 * - workers (`gantry.dev/role: worker` or `app.kubernetes.io/component: worker`): the idle colour
 *   must not consume the queue and an exclusive consumer runs one pod, so their count is the
 *   release logic's business;
 * - a blue-green slot (`gantry.dev/slot`) with `spec.replicas: 0` and no autoscaler: a
 *   deliberately parked idle colour, not an under-provisioned one.
 * A stack policy because the autoscaler is a separate resource.
 *
 * @severity high
 */
export const k8sMinReplicas: GantryStackPolicy = {
  name: "k8s-min-replicas",
  description: "Web Deployments must run at least the configured number of replicas.",
  severity: "high",
  enforcementLevel: "mandatory",
  configSchema,
  configKey: "app.replicas",
  validateStack: (args, report) => {
    const { minReplicas, excludeNamespaces } = configOf<{ minReplicas: number; excludeNamespaces: string[] }>(args, configSchema);
    const hpas = ofTypes(args, [T.hpa]);
    const web = ofTypes(args, [T.deployment]).filter((d) => {
      const labels = { ...(d.props.spec?.template?.metadata?.labels ?? {}), ...(d.props.metadata?.labels ?? {}) };
      return !excludeNamespaces.includes(namespaceOf(d.props)) && !isWorker(labels);
    });
    if (web.length === 0) return args.notApplicable("No web Deployment");
    for (const d of web) {
      const range = replicaRange("Deployment", d.props, d.name, hpas);
      const slot = d.props.metadata?.labels?.[LABELS.slot] ?? d.props.spec?.template?.metadata?.labels?.[LABELS.slot];
      if (!range.hpa && range.min === 0 && slot) continue; // a parked idle colour
      if (range.min < minReplicas) {
        const source = range.hpa ? `HorizontalPodAutoscaler "${range.hpa}" minReplicas is` : "spec.replicas is";
        report(
          `${label(d)}: ${source} ${range.min}: run at least ${minReplicas} so a single pod failure or node drain is not an outage.`,
          d.urn,
        );
      }
    }
  },
};
