/**
 * What changes between two offline plans of one stack: resources created, deleted and changed
 * (with the property paths), and which changes would replace a resource. Pure.
 */
import type { Plan, PlanResource } from "./run";

export interface ChangedResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  /** Dotted input paths that differ, e.g. `spec.rules.0.backendRefs.0.name`. */
  readonly paths: string[];
  /** True when a changed path forces the provider to replace the resource. */
  readonly replace: boolean;
}

export interface PlanDiff {
  readonly stack: string;
  readonly created: Array<Pick<PlanResource, "urn" | "type" | "name">>;
  readonly deleted: Array<Pick<PlanResource, "urn" | "type" | "name">>;
  readonly changed: ChangedResource[];
  readonly unchanged: number;
  readonly summary: { create: number; delete: number; update: number; replace: number; same: number };
}

/**
 * Input paths whose change replaces the resource (the providers' ForceNew / immutable fields),
 * for the types Gantry creates. A prefix matches everything beneath it.
 */
const REPLACE_PATHS: Record<string, readonly string[]> = {
  "kubernetes:apps/v1:Deployment": ["spec.selector", "metadata.name", "metadata.namespace"],
  "kubernetes:apps/v1:StatefulSet": ["spec.selector", "spec.volumeClaimTemplates", "spec.serviceName", "metadata.name"],
  "kubernetes:batch/v1:Job": ["spec", "metadata.name"],
  "kubernetes:core/v1:Service": ["spec.clusterIP", "metadata.name"],
  "kubernetes:policy/v1:PodDisruptionBudget": ["metadata.name"],
  "aws:rds/instance:Instance": [
    "identifier",
    "engine",
    "storageEncrypted",
    "kmsKeyId",
    "dbSubnetGroupName",
    "dbName",
    "username",
    "availabilityZone",
    // A new restore target is a new restore: the copy is replaced.
    "restoreToPointInTime",
  ],
  "aws:elasticache/replicationGroup:ReplicationGroup": [
    "replicationGroupId",
    "subnetGroupName",
    "atRestEncryptionEnabled",
    "kmsKeyId",
  ],
  "aws:ec2/securityGroup:SecurityGroup": ["name", "vpcId", "description"],
  // A backup selection cannot be updated in place: every argument forces a new one.
  "aws:backup/selection:Selection": ["name", "planId", "iamRoleArn", "resources", "notResources", "selectionTags", "conditions"],
};

/** Compares two plans of the same stack. */
export function diffPlans(before: Plan, after: Plan): PlanDiff {
  const old = new Map(before.resources.map((r) => [r.urn, r]));
  const now = new Map(after.resources.map((r) => [r.urn, r]));
  const brief = (r: PlanResource) => ({ urn: r.urn, type: r.type, name: r.name });
  const created = after.resources.filter((r) => !old.has(r.urn)).map(brief);
  const deleted = before.resources.filter((r) => !now.has(r.urn)).map(brief);
  const changed: ChangedResource[] = [];
  let unchanged = 0;
  for (const r of after.resources) {
    const prev = old.get(r.urn);
    if (!prev) continue;
    // As the engine does: an ignored input keeps its recorded value, so it never differs.
    const ignored = r.ignoreChanges ?? [];
    const paths = diffValues(prev.inputs, r.inputs, "").filter((p) => !ignored.some((i) => p === i || p.startsWith(`${i}.`)));
    if (prev.protect !== r.protect) paths.push("(options).protect");
    if (paths.length === 0) {
      unchanged++;
      continue;
    }
    const forcing = REPLACE_PATHS[r.type] ?? [];
    const replace = paths.some((p) => forcing.some((f) => p === f || p.startsWith(`${f}.`)));
    changed.push({ ...brief(r), paths, replace });
  }
  const replace = changed.filter((c) => c.replace).length;
  return {
    stack: after.stack,
    created,
    deleted,
    changed,
    unchanged,
    summary: { create: created.length, delete: deleted.length, update: changed.length - replace, replace, same: unchanged },
  };
}

/** Dotted paths at which two JSON values differ (leaves, or the first level that differs in kind). */
export function diffValues(a: unknown, b: unknown, at: string): string[] {
  if (Object.is(a, b)) return [];
  const objA = typeof a === "object" && a !== null;
  const objB = typeof b === "object" && b !== null;
  if (!objA || !objB || Array.isArray(a) !== Array.isArray(b)) return [at || "(root)"];
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  const out: string[] = [];
  for (const k of [...keys].sort()) {
    out.push(...diffValues((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], at ? `${at}.${k}` : k));
  }
  return out;
}
