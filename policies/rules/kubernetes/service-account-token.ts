import { namespaceOf, podSpec } from "../../lib/kube";
import { configOf, validateTypes, type GantryResourcePolicy } from "../../lib/policy";
import { WORKLOADS } from "../../lib/types";
import { workloadConfigSchema } from "../../lib/workload";

const configSchema = workloadConfigSchema({
  allowedServiceAccounts: {
    type: "array",
    items: { type: "string" },
    default: [],
    description: "ServiceAccounts whose pods call the Kubernetes API and may mount a token (`<namespace>/<name>`).",
  },
});

/**
 * Every workload runs as a ServiceAccount of its own (not the namespace's `default`) and its pods
 * mount no API token (`automountServiceAccountToken: false`), unless it is listed as calling the API.
 *
 * Why: a mounted token is a credential for the Kubernetes API in every process of the pod; a
 * compromised app should not be able to list Secrets because someone later bound a Role to
 * `default`.
 *
 * @severity high
 */
export const k8sServiceAccountToken: GantryResourcePolicy = {
  name: "k8s-service-account-token",
  description: "Workloads must use their own ServiceAccount and not mount an API token.",
  severity: "high",
  enforcementLevel: "mandatory",
  configSchema,
  validateResource: validateTypes(WORKLOADS, (props, args, report) => {
    const config = configOf<{ excludeNamespaces: string[]; allowedServiceAccounts: string[] }>(args, configSchema);
    const ns = namespaceOf(props);
    if (config.excludeNamespaces.includes(ns)) return args.notApplicable(`namespace ${ns} is excluded`);
    const pod = podSpec(args.type, props);
    const sa: string = pod.serviceAccountName ?? pod.serviceAccount ?? "default";
    if (sa === "default") report("runs as the namespace's default ServiceAccount: give it one of its own.");
    if (config.allowedServiceAccounts.includes(`${ns}/${sa}`)) return;
    if (pod.automountServiceAccountToken !== false) {
      report(`mounts an API token: set automountServiceAccountToken: false (or allow ${ns}/${sa} if it calls the API).`);
    }
  }),
};
