/**
 * The shape shared by per-container Kubernetes rules: which workloads, which containers, and a
 * namespace opt-out for third-party operators installed from Helm charts.
 */
import type { PolicyConfigSchema, ReportViolation, ResourceValidationArgs } from "@pulumi/policy";
import { containersOf, namespaceOf, podSpec, type ContainerRef } from "./kube";
import { configOf, validateTypes } from "./policy";

/** Config every workload rule accepts. */
export const workloadSchema: PolicyConfigSchema["properties"] = {
  excludeNamespaces: {
    type: "array",
    items: { type: "string" },
    default: [],
    description: "Namespaces this rule skips (for example operators installed from upstream charts).",
  },
};

/** Schema of a workload rule: the shared properties plus its own. */
export function workloadConfigSchema(own: PolicyConfigSchema["properties"] = {}): PolicyConfigSchema {
  return { properties: { ...workloadSchema, ...own } };
}

/**
 * A validation that calls `check` for each container of each workload of `types`; `check`
 * returns problems (without the container's name), each reported as
 * `<kind> "<name>": <problem>`.
 */
export function validateContainers<C extends object>(
  types: readonly string[],
  schema: PolicyConfigSchema,
  withInit: boolean,
  check: (
    ref: ContainerRef,
    pod: Record<string, any>,
    config: C & { excludeNamespaces: string[] },
    args: ResourceValidationArgs,
  ) => string[],
) {
  return validateTypes(types, (props, args, report: ReportViolation) => {
    const config = configOf<C & { excludeNamespaces: string[] }>(args, schema);
    if (config.excludeNamespaces.includes(namespaceOf(props))) {
      return args.notApplicable(`namespace ${namespaceOf(props)} is excluded`);
    }
    const pod = podSpec(args.type, props);
    for (const ref of containersOf(pod, withInit)) {
      for (const problem of check(ref, pod, config, args)) report(`${ref.kind} "${ref.name}": ${problem}`);
    }
  });
}
