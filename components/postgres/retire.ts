/**
 * Retiring the current database after a cut-over to the restored copy (`retireCurrent`), as two
 * stack updates. Pure: the component and infra/ read these decisions; tests assert them.
 *
 * 1. `unprotect`: updates only. The current database stays, but `protect` and RDS deletion
 *    protection go, and the settings a delete reads are pinned: a named final snapshot, and
 *    automated backups kept (RDS deletes its PITR history with the instance by default). A marker
 *    (tag / label) records the deliberate step, which the protection policies accept.
 * 2. `delete`: the current database's instances / Cluster are no longer declared, so the engine
 *    deletes them; everything the restored copy shares (network, parameter group, key,
 *    credentials, object store) stays.
 */
import type { ResolvedPostgresArgs } from "./defaults";

/** Name of the restored database (RDS component name / CNPG Cluster name). */
export const restoredName = (name: string) => `${name}-restored`;

/** The retire steps, in order. */
export const RETIRE_STEPS = ["unprotect", "delete"] as const;
export type RetireStep = (typeof RETIRE_STEPS)[number];

/** AWS tag on the current database's RDS instances once `unprotect` ran; the policies read it. */
export const RETIRING_TAG = "gantry:retiring";
/** Kubernetes label on the current CNPG Cluster once `unprotect` ran; the policies read it. */
export const RETIRING_LABEL = "gantry.dev/retiring";

/** How the current database is declared. */
export interface CurrentDatabasePlan {
  /** False once `delete`: the engine deletes what is no longer declared. */
  readonly declared: boolean;
  /** Pulumi `protect` of the instances / Cluster. */
  readonly protect: boolean;
  /** RDS deletion protection of every instance. */
  readonly deletionProtection: boolean;
  /** RDS: delete the PITR history with the instance (never while retiring). */
  readonly deleteAutomatedBackups: boolean;
  /** The deliberate retire step is under way: the marker tag / label is set. */
  readonly retiring: boolean;
}

type Lifecycle = Pick<ResolvedPostgresArgs, "protect" | "deletionProtection" | "environment"> & {
  readonly retireCurrent?: RetireStep;
};

export function currentDatabasePlan(a: Lifecycle): CurrentDatabasePlan {
  if (a.retireCurrent === undefined) {
    return {
      declared: true,
      protect: a.protect,
      deletionProtection: a.deletionProtection,
      deleteAutomatedBackups: a.environment !== "production",
      retiring: false,
    };
  }
  // Both steps declare the same settings: `delete` must not change anything before it deletes.
  return {
    declared: a.retireCurrent !== "delete",
    protect: false,
    deletionProtection: false,
    deleteAutomatedBackups: false,
    retiring: true,
  };
}

/** Which databases of component `name` exist and which one serves (CNPG Cluster / RDS component names). */
export interface LiveDatabases {
  /** The current database (`name`), unless retired with `delete`. */
  readonly current?: string;
  /** The restored copy (`<name>-restored`), while `restore` is set. */
  readonly restored?: string;
  /** The one DATABASE_URL, backups and alarms point at. */
  readonly serving: string;
}

export function liveDatabases(
  name: string,
  a: { readonly restore?: unknown; readonly serveFrom?: "current" | "restored"; readonly retireCurrent?: RetireStep },
): LiveDatabases {
  const restored = a.restore ? restoredName(name) : undefined;
  return {
    current: a.retireCurrent === "delete" ? undefined : name,
    restored,
    serving: a.serveFrom === "restored" && restored ? restored : name,
  };
}
