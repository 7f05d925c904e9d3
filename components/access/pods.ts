/**
 * Which pods the operator may exec into, by name (RBAC has no label selectors), and the database
 * roles that go with the access roles. Pure.
 */
import type { DatabaseRole } from "../postgres/roles";

/**
 * CNPG names instance pods `<cluster>-<serial>` and gives a re-created instance the next serial
 * (1, 2, 3, then 4 after one is replaced). Granting serials up to instances + this headroom
 * keeps exec working through a few replacements without a stack update for each.
 */
export const CNPG_SERIAL_HEADROOM = 6;

export interface CnpgTarget {
  readonly cluster: string;
  readonly instances: number;
}

export interface ExecTargets {
  /**
   * In-cluster Postgres: each CNPG Cluster's name and instance count (primary + replicas); a list
   * while a restored copy stands next to the current Cluster.
   */
  readonly postgres?: CnpgTarget | readonly CnpgTarget[];
  /** In-cluster Redis: StatefulSet names and their pod counts (ordinals are stable). */
  readonly redis?: readonly { readonly statefulSet: string; readonly pods: number }[];
}

/** Pod names the operator's `pods/exec` rule lists. */
export function execPodNames(t: ExecTargets): string[] {
  const names: string[] = [];
  const clusters: readonly CnpgTarget[] = t.postgres === undefined ? [] : "cluster" in t.postgres ? [t.postgres] : t.postgres;
  for (const c of clusters) {
    for (let s = 1; s <= c.instances + CNPG_SERIAL_HEADROOM; s++) names.push(`${c.cluster}-${s}`);
  }
  for (const r of t.redis ?? []) for (let i = 0; i < r.pods; i++) names.push(`${r.statefulSet}-${i}`);
  return names;
}

/**
 * Database roles for the in-cluster tier (CNPG managed roles). The analyst reads every table and
 * nothing else; the operator watches and cancels queries and checkpoints, but reads no data.
 */
export const DATABASE_ROLES: readonly DatabaseRole[] = [
  { name: "analyst", inRoles: ["pg_read_all_data"], comment: "Gantry analyst: read-only" },
  {
    name: "operator",
    inRoles: ["pg_monitor", "pg_signal_backend", "pg_checkpoint"],
    comment: "Gantry operator: monitor and cancel",
  },
];
