/**
 * The deliberate retire step (`gantry:postgres.retireCurrent: unprotect`): the database that no
 * longer serves is made deletable and marked — a tag on its RDS instances, a label on its CNPG
 * Cluster. The protection policies accept a marked resource instead of blocking the step, but
 * only one that a delete cannot lose data from: an RDS primary must keep a named final snapshot
 * and its automated backups. Must match components/postgres/retire.ts (asserted by a test).
 */

/** AWS tag on a retiring RDS instance. */
export const RETIRING_TAG = "gantry:retiring";
/** Kubernetes label on a retiring CNPG Cluster. */
export const RETIRING_LABEL = "gantry.dev/retiring";

interface RdsProps {
  readonly tags?: Record<string, string>;
  readonly replicateSourceDb?: string;
  readonly skipFinalSnapshot?: boolean;
  readonly finalSnapshotIdentifier?: string;
  readonly deleteAutomatedBackups?: boolean;
}

/**
 * An RDS instance marked as retiring whose delete keeps the data: a replica (it holds nothing its
 * primary lacks), or a primary with a named final snapshot whose automated backups outlive it.
 */
export function isSafelyRetiringRds(db: RdsProps): boolean {
  if (db.tags?.[RETIRING_TAG] !== "true") return false;
  if (db.replicateSourceDb) return true;
  return db.skipFinalSnapshot === false && !!db.finalSnapshotIdentifier && db.deleteAutomatedBackups === false;
}

/** A CNPG Cluster marked as retiring (its base backups and WAL stay in the object store). */
export function isRetiringCluster(props: { readonly metadata?: { readonly labels?: Record<string, string> } }): boolean {
  return props.metadata?.labels?.[RETIRING_LABEL] === "true";
}
