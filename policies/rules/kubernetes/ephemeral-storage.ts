import { containersOf, namespaceOf, podSpec } from "../../lib/kube";
import { configOf, validateTypes, type GantryResourcePolicy } from "../../lib/policy";
import { WORKLOADS } from "../../lib/types";
import { workloadConfigSchema } from "../../lib/workload";

const configSchema = workloadConfigSchema();

/**
 * Local disk and memory are bounded: every emptyDir has a `sizeLimit`, and every container
 * requests and limits `ephemeral-storage`.
 *
 * Why: an unbounded emptyDir (or log/writable layer) can fill the node's disk — or, memory-backed,
 * its RAM — and get every pod on the node evicted, not only the one that misbehaved.
 *
 * @severity medium
 */
export const k8sEphemeralStorage: GantryResourcePolicy = {
  name: "k8s-ephemeral-storage",
  description: "emptyDirs need a sizeLimit; containers need ephemeral-storage requests and limits.",
  severity: "medium",
  enforcementLevel: "mandatory",
  configSchema,
  validateResource: validateTypes(WORKLOADS, (props, args, report) => {
    const config = configOf<{ excludeNamespaces: string[] }>(args, configSchema);
    const ns = namespaceOf(props);
    if (config.excludeNamespaces.includes(ns)) return args.notApplicable(`namespace ${ns} is excluded`);
    const pod = podSpec(args.type, props);
    for (const v of pod.volumes ?? []) {
      if (v.emptyDir && !v.emptyDir.sizeLimit) report(`emptyDir volume "${v.name}" has no sizeLimit.`);
    }
    for (const { container, kind, name } of containersOf(pod, true)) {
      const missing = (["requests", "limits"] as const).filter((k) => !container.resources?.[k]?.["ephemeral-storage"]);
      if (missing.length) report(`${kind} "${name}": no ephemeral-storage ${missing.join(" or ")}.`);
    }
  }),
};
