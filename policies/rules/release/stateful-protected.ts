import type { PolicyResource } from "@pulumi/policy";
import { label, ofTypes, type GantryStackPolicy } from "../../lib/policy";
import { BUCKETS, T } from "../../lib/types";
import { isRetiringCluster, isSafelyRetiringRds } from "../../lib/retiring";

/** Tag that marks a bucket holding backups (set by the backups component). */
export const BACKUP_BUCKET_TAG = { key: "gantry.dev/purpose", value: "backups" } as const;

/** The deliberate retire step (`postgres.retireCurrent: unprotect`) unprotects these on purpose. */
function isRetiring(r: PolicyResource): boolean {
  if (r.type === T.rdsInstance) return isSafelyRetiringRds(r.props);
  if (r.type === T.cnpgCluster) return isRetiringCluster(r.props);
  return false;
}

function isStateful(r: PolicyResource): boolean {
  switch (r.type) {
    case T.rdsInstance:
    case T.replicationGroup:
    case T.cnpgCluster:
      return true;
    case T.statefulSet:
      return (r.props.spec?.volumeClaimTemplates ?? []).length > 0;
    default:
      return (BUCKETS as readonly string[]).includes(r.type) && r.props.tags?.[BACKUP_BUCKET_TAG.key] === BACKUP_BUCKET_TAG.value;
  }
}

/**
 * Every stateful resource carries the `protect` resource option: RDS instances, ElastiCache
 * replication groups, CloudNativePG clusters, StatefulSets with volumeClaimTemplates, and S3
 * buckets tagged `gantry.dev/purpose: backups`.
 *
 * Why: `protect` makes Pulumi refuse to delete the resource (a destroy, a rename without alias,
 * a replace), the one mistake that cannot be rolled back. Mandatory in production; advisory in
 * staging. Exempt: the database being retired after a restore (`postgres.retireCurrent: unprotect`
 * marks it; an RDS primary must still keep its final snapshot and automated backups).
 *
 * @severity high
 */
export const statefulProtected: GantryStackPolicy = {
  name: "stateful-protected",
  description: "Stateful resources must be protected from deletion.",
  severity: "high",
  enforcementLevel: "mandatory",
  configKey: "environment",
  validateStack: (args, report) => {
    const stateful = ofTypes(args, [T.rdsInstance, T.replicationGroup, T.cnpgCluster, T.statefulSet, ...BUCKETS]).filter(
      isStateful,
    );
    if (stateful.length === 0) return args.notApplicable("No stateful resource");
    for (const r of stateful) {
      if (!r.opts.protect && !isRetiring(r))
        report(`${label(r)} holds data but is not protected: pass { protect: true }.`, r.urn);
    }
  },
};
