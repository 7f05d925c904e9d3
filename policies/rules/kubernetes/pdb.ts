import { namespaceOf, nameOf, podLabels, replicasOf, selectorMatches } from "../../lib/kube";
import { label, ofTypes, type GantryStackPolicy } from "../../lib/policy";
import { T } from "../../lib/types";

/**
 * Every Deployment or StatefulSet with more than one replica is covered by a PodDisruptionBudget
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
    const workloads = ofTypes(args, [T.deployment, T.statefulSet]).filter((w) => replicasOf(w.props) > 1);
    if (workloads.length === 0) return args.notApplicable("No multi-replica workload in the stack");
    const pdbs = ofTypes(args, [T.pdb]);
    for (const w of workloads) {
      const ns = namespaceOf(w.props);
      const labels = podLabels(w.type, w.props);
      const covered = pdbs.some((p) => namespaceOf(p.props) === ns && selectorMatches(p.props.spec?.selector, labels));
      if (!covered) {
        report(`${label(w)} (${ns}/${nameOf(w.props, w.name)}) runs ${replicasOf(w.props)} replicas but no PodDisruptionBudget selects its pods.`, w.urn);
      }
    }
  },
};
