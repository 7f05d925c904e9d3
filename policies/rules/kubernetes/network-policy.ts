import { namespaceOf } from "../../lib/kube";
import { ofTypes, type GantryStackPolicy } from "../../lib/policy";
import { T, WORKLOADS } from "../../lib/types";

/**
 * Every namespace that runs workloads has at least one NetworkPolicy.
 *
 * Why: Kubernetes allows all pod-to-pod traffic until a NetworkPolicy selects a pod; a
 * compromised pod could otherwise reach the database and every other service.
 *
 * @severity medium
 */
export const k8sNetworkPolicy: GantryStackPolicy = {
  name: "k8s-network-policy",
  description: "Namespaces with workloads must have at least one NetworkPolicy.",
  severity: "medium",
  enforcementLevel: "mandatory",
  validateStack: (args, report) => {
    const workloads = ofTypes(args, WORKLOADS);
    if (workloads.length === 0) return args.notApplicable("No workload in the stack");
    const covered = new Set(ofTypes(args, [T.networkPolicy]).map((n) => namespaceOf(n.props)));
    const seen = new Set<string>();
    for (const w of workloads) {
      const ns = namespaceOf(w.props);
      if (covered.has(ns) || seen.has(ns)) continue;
      seen.add(ns);
      report(`Namespace "${ns}" runs workloads but has no NetworkPolicy: add a default-deny policy and explicit allows.`, w.urn);
    }
  },
};
