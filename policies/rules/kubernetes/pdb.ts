import { namespaceOf, nameOf, podLabels, replicaRange, selectorMatches } from "../../lib/kube";
import { label, ofTypes, type GantryStackPolicy } from "../../lib/policy";
import { T } from "../../lib/types";

/**
 * Every Deployment or StatefulSet that can run more than one replica (its own count, or its
 * HorizontalPodAutoscaler's maxReplicas) is covered by a PodDisruptionBudget
 * in its namespace whose selector matches its pod labels.
 *
 * Why: without a PDB a node drain or cluster upgrade may evict all replicas at once; with one,
 * evictions wait until enough pods are ready elsewhere. Single-replica workloads are skipped (a
 * PDB on them blocks drains outright).
 *
 * @severity medium
 */
export const k8sPdb: GantryStackPolicy = {
  name: "k8s-pdb",
  description: "Multi-replica Deployments and StatefulSets must have a matching PodDisruptionBudget.",
  severity: "medium",
  enforcementLevel: "mandatory",
  validateStack: (args, report) => {
    const hpas = ofTypes(args, [T.hpa]);
    const kindOf = (type: string) => (type === T.deployment ? "Deployment" : "StatefulSet");
    const workloads = ofTypes(args, [T.deployment, T.statefulSet])
      .map((w) => ({ w, range: replicaRange(kindOf(w.type), w.props, w.name, hpas) }))
      .filter(({ range }) => range.max > 1);
    if (workloads.length === 0) return args.notApplicable("No multi-replica workload in the stack");
    const pdbs = ofTypes(args, [T.pdb]);
    for (const { w, range } of workloads) {
      const ns = namespaceOf(w.props);
      const labels = podLabels(w.type, w.props);
      const covered = pdbs.some((p) => namespaceOf(p.props) === ns && selectorMatches(p.props.spec?.selector, labels));
      if (!covered) {
        report(
          `${label(w)} (${ns}/${nameOf(w.props, w.name)}) runs up to ${range.max} replicas but no PodDisruptionBudget selects its pods.`,
          w.urn,
        );
      }
    }
  },
};
