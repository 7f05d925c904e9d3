/**
 * Which live reader dates a stack's newest backup, decided from its outputs (pure), and the read.
 * In-cluster: the Barman Cloud catalogue under `backups.offsite.destination`, server name =
 * `database.serving` (the CNPG Cluster's name: `db`, or `db-restored` once `serveFrom: restored`,
 * which archives and takes base backups under its own name). Managed: the snapshots of the RDS
 * instance `database.serving` names, the restored copy once it serves, because AWS Backup
 * follows the serving instance (components/postgres/postgres.ts `instanceArn`).
 */
import type { LiveBackup } from "../release/checklist";
import { type NewestBackup, newestBarmanBackup } from "./barman-catalog";
import { newestRdsSnapshot } from "./rds-snapshots";

export type BackupSource =
  | {
      readonly kind: "barman";
      readonly destination: string;
      readonly serverName: string;
      readonly endpoint?: string;
      readonly region?: string;
    }
  | { readonly kind: "rds"; readonly instance: string; readonly endpoint?: string; readonly region?: string };

/** The stack outputs the choice reads (untyped: they come from the engine as JSON). */
export interface SourceOutputs {
  readonly backups?: unknown;
  readonly database?: unknown;
}

export interface SourceOptions {
  /** `--backup-endpoint`: replaces the object store's (or the RDS API's) endpoint, e.g. a port-forward. */
  readonly endpoint?: string;
  /** The stack's `aws:region`. */
  readonly region?: string;
}

const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);

/** The reader to ask, or why none can be asked (a sentence for the checklist line). */
export function backupSource(o: SourceOutputs, opts: SourceOptions = {}): BackupSource | { readonly unknown: string } {
  const backups = (o.backups ?? {}) as { tier?: unknown; offsite?: { destination?: unknown; endpoint?: unknown } | null };
  const serving = str((o.database as { serving?: unknown } | undefined)?.serving);
  const common = { ...(opts.region ? { region: opts.region } : {}) };
  if (!serving)
    return {
      unknown: "the stack's database output has no `serving` name (stacks updated before it was added): run gantry deploy",
    };
  if (backups.tier === "in-cluster") {
    const destination = str(backups.offsite?.destination);
    if (!destination) return { unknown: "the backups output has no offsite.destination (gantry:backups.objectStore)" };
    const endpoint = opts.endpoint ?? str(backups.offsite?.endpoint);
    return { kind: "barman", destination, serverName: serving, ...common, ...(endpoint ? { endpoint } : {}) };
  }
  if (backups.tier === "managed")
    return { kind: "rds", instance: serving, ...common, ...(opts.endpoint ? { endpoint: opts.endpoint } : {}) };
  return { unknown: `the backups output has an unknown tier ${JSON.stringify(backups.tier)}` };
}

/** Where a source looks, for the checklist line. */
export function describeSource(s: BackupSource): string {
  return s.kind === "barman"
    ? `${s.destination.replace(/\/+$/, "")}/${s.serverName}${s.endpoint ? ` at ${s.endpoint}` : ""}`
    : `RDS ${s.instance}${s.region ? ` in ${s.region}` : ""}${s.endpoint ? ` at ${s.endpoint}` : ""}`;
}

/** The newest recovery point of the source, undefined when there is none; throws one actionable line. */
export function readNewestBackup(s: BackupSource): Promise<NewestBackup | undefined> {
  return s.kind === "barman" ? newestBarmanBackup(s) : newestRdsSnapshot(s);
}

/**
 * The checklist's live fact: the newest backup, or why none could be dated. Never throws: a
 * missing credential or an unreachable store leaves the item unknown with the reason, so
 * `--force-without-backup` stays the way through.
 */
export async function liveBackup(o: SourceOutputs, opts: SourceOptions = {}): Promise<LiveBackup> {
  const source = backupSource(o, opts);
  if ("unknown" in source) return source;
  try {
    const b = await readNewestBackup(source);
    if (b) return { at: b.at.toISOString(), what: b.what };
    const hint =
      source.kind === "barman"
        ? "has a ScheduledBackup run? kubectl get backups.postgresql.cnpg.io"
        : "are automated backups or the AWS Backup plan on?";
    return { unknown: `no completed backup in ${describeSource(source)} (${hint})` };
  } catch (e) {
    return { unknown: (e as Error).message };
  }
}
