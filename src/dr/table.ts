/**
 * The disaster-recovery table of `gantry dr` and `gantry report`: per component, what is backed
 * up, where, how often, for how long, and the RPO/RTO the configuration implies. Pure: it reads an
 * offline plan (what the program really registers) and the parsed config. Every estimate names
 * its terms so the README can explain each number; measured drill figures exist only on a live
 * stack, so offline they are "unknown".
 */
import type { GantryConfig } from "../../infra/config";
import { pitrWindowDays, RDS_RESTORE_LAG_SECONDS } from "../../infra/config/restore";
import type { Plan, PlanResource } from "../plan/run";

/** Assumptions behind the RTO estimates (README "Disaster recovery" explains each). */
export const RTO_ASSUMPTIONS = {
  /** Minutes RDS takes to create an instance from a snapshot or to a point in time. */
  rdsProvisionMinutes: 20,
  /** Minutes ElastiCache takes to create a replication group from a snapshot. */
  elasticacheProvisionMinutes: 15,
  /** Minutes for the CNPG operator to schedule the recovery pod and start Postgres. */
  podStartMinutes: 2,
  /** Object store download rate for base backups and RDB files, MB/s. */
  downloadMBps: 100,
  /** Minutes to replay up to a day of WAL / transaction logs since the last base backup. */
  replayMinutes: 10,
  /** Minutes for the cut-over: one `pulumi up` moving DATABASE_URL, pods rolling. */
  cutoverMinutes: 5,
} as const;

export interface DrRow {
  readonly component: "postgres" | "redis" | "vault" | "object-store";
  /** What is copied. */
  readonly what: string;
  /** Where the copies live. */
  readonly where: string;
  /** How often (schedules in UTC). */
  readonly frequency: string;
  /** How long copies are kept. */
  readonly retention: string;
  /** Expected recovery point objective in seconds (data lost at worst), null when not a data copy. */
  readonly rpoSeconds: number | null;
  /** Expected recovery time objective in minutes, null when not a data copy. */
  readonly rtoMinutes: number | null;
  /** How the RPO and RTO were derived. */
  readonly derivation: string;
}

export interface DrTable {
  readonly stack: string;
  readonly environment: string;
  readonly tier: string;
  readonly rows: DrRow[];
  /** The restore drill, and its last measured figures (unknown offline). */
  readonly drill: {
    readonly kind: string | null;
    readonly schedule: string | null;
    readonly lastRestoreSeconds: number | "unknown";
    readonly lastDataAgeSeconds: number | "unknown";
    /** ISO time of the last successful drill, or "unknown". */
    readonly lastSuccess: string;
    /** Present with `--live` only: where the figures were read and how the last run went. */
    readonly live?: LiveDrill;
  };
  /** A point-in-time restore in the config: the copy and which database serves. */
  readonly restore: { readonly targetTime: string; readonly source: string; readonly servingFrom: string } | null;
}

/** The live reading behind the drill figures (src/live/drill-figures.ts). */
export interface LiveDrill {
  readonly source: string;
  /** ok: last run succeeded; failed: last run failed (figures from the last success); unknown: not read. */
  readonly status: "ok" | "failed" | "unknown";
  /** Why failed or unknown, with the fix; null when ok. */
  readonly reason: string | null;
  /** ISO time of the last run, successful or not. */
  readonly lastRun: string | null;
  /** AWS Backup's validation status of the last restore job (managed). */
  readonly validationStatus?: string | null;
}

interface BackupsSummary {
  tier: string;
  schedules: Record<string, { schedule: string; retentionDays: number }>;
  retention: Record<string, number>;
  offsite: {
    kind: string;
    region?: string;
    retentionDays?: number | null;
    destination?: string | null;
    endpoint?: string | null;
  } | null;
  vaultLock: string | null;
  drill: { kind: string; schedule: string } | null;
  rpoSeconds: number;
}

const A = RTO_ASSUMPTIONS;
const transferMinutes = (gb: number) => Math.ceil((gb * 1024) / A.downloadMBps / 60);
const days = (n: number) => `${n} d`;
const str = (v: unknown, fallback: string) => (typeof v === "string" ? v : fallback);

export function disasterRecovery(plan: Plan, cfg: GantryConfig, region?: string): DrTable {
  const b = plan.outputs.backups as BackupsSummary | null;
  const rows =
    cfg.dataTier === "managed" ? managedRows(plan, cfg, b, region ?? "the stack's aws:region") : inClusterRows(plan, cfg, b);
  const restore = cfg.postgres.restore
    ? { targetTime: cfg.postgres.restore.targetTime, source: cfg.postgres.restore.source, servingFrom: cfg.postgres.serveFrom }
    : null;
  return {
    stack: plan.stack,
    environment: plan.environment,
    tier: cfg.dataTier,
    rows,
    drill: {
      kind: b?.drill?.kind ?? null,
      schedule: b?.drill?.schedule ?? null,
      lastRestoreSeconds: "unknown",
      lastDataAgeSeconds: "unknown",
      lastSuccess: "unknown",
    },
    restore,
  };
}

function schedules(b: BackupsSummary | null): string {
  if (!b) return "none (backups.enabled: false)";
  return Object.entries(b.schedules)
    .map(([tier, s]) => `${tier} ${s.schedule}`)
    .join("; ");
}

function tierRetention(b: BackupsSummary | null): string {
  if (!b) return "none";
  return Object.entries(b.schedules)
    .map(([tier, s]) => `${tier} ${days(s.retentionDays)}`)
    .join(", ");
}

function find(plan: Plan, type: string, name: string): PlanResource | undefined {
  return plan.resources.find((r) => r.type === type && r.name === name);
}

function managedRows(plan: Plan, cfg: GantryConfig, b: BackupsSummary | null, region: string): DrRow[] {
  const rds = find(plan, "aws:rds/instance:Instance", "db-primary");
  const pitr = pitrWindowDays(cfg);
  const pgRto = A.rdsProvisionMinutes + A.replayMinutes + A.cutoverMinutes;
  const rows: DrRow[] = [
    {
      component: "postgres",
      what: "RDS automated backups: daily snapshot + transaction logs (point-in-time restore)",
      where: `RDS in ${region}`,
      frequency: `logs every 5 min; snapshot in ${str(rds?.inputs.backupWindow, "the backup window")} UTC`,
      retention: `PITR ${days(pitr)}`,
      rpoSeconds: RDS_RESTORE_LAG_SECONDS,
      rtoMinutes: pgRto,
      derivation: `RPO: RDS uploads transaction logs every 5 min. RTO: ${A.rdsProvisionMinutes} min new instance + ${A.replayMinutes} min log replay + ${A.cutoverMinutes} min cut-over (serveFrom)`,
    },
  ];
  if (b) {
    const copy =
      b.offsite?.kind === "aws-backup-copy" ? `; copied to ${b.offsite.region} (${days(b.offsite.retentionDays ?? 0)})` : "";
    rows.push({
      component: "postgres",
      what: "AWS Backup snapshots of db-primary (grandfather-father-son)",
      where: `vault backups-vault in ${region}${copy}`,
      frequency: schedules(b),
      retention: tierRetention(b),
      rpoSeconds: 24 * 3600,
      rtoMinutes: pgRto,
      derivation: `RPO: one daily recovery point, so up to 24 h when PITR is gone. RTO: as the PITR restore (${pgRto} min)`,
    });
    rows.push({
      component: "vault",
      what: "the recovery points themselves",
      where: `backups-vault (customer-managed KMS key${b.vaultLock && b.vaultLock !== "off" ? `, Vault Lock ${b.vaultLock}` : ""})${copy ? `, copy vault in ${b.offsite!.region}` : ", no off-site copy"}`,
      frequency: "with each backup",
      retention: tierRetention(b),
      rpoSeconds: null,
      rtoMinutes: null,
      derivation: "protects the copies: deletion needs the key and, when locked, the lock's retention to pass",
    });
  }
  const cache = plan.resources.find((r) => r.type === "aws:elasticache/replicationGroup:ReplicationGroup");
  const snapDays = Number(cache?.inputs.snapshotRetentionLimit ?? 0);
  rows.push({
    component: "redis",
    what: snapDays > 0 ? "ElastiCache daily snapshots" : "no snapshots (redis.snapshotRetentionDays: 0)",
    where: `ElastiCache in ${region}`,
    frequency: snapDays > 0 ? `daily in ${str(cache?.inputs.snapshotWindow, "the snapshot window")} UTC` : "never",
    retention: days(snapDays),
    rpoSeconds: snapDays > 0 ? 24 * 3600 : null,
    rtoMinutes: A.elasticacheProvisionMinutes + A.cutoverMinutes,
    derivation: `RPO: one snapshot a day. RTO: ${A.elasticacheProvisionMinutes} min new replication group from the snapshot + ${A.cutoverMinutes} min cut-over`,
  });
  return rows;
}

function inClusterRows(plan: Plan, cfg: GantryConfig, b: BackupsSummary | null): DrRow[] {
  const dest = b?.offsite?.destination ?? null;
  const where = dest ? `${dest}${b?.offsite?.endpoint ? ` at ${b.offsite.endpoint}` : ""}` : "nowhere (backups.enabled: false)";
  const pgTransfer = transferMinutes(cfg.postgres.storageGb);
  const pgRto = A.podStartMinutes + pgTransfer + A.replayMinutes + A.cutoverMinutes;
  const rows: DrRow[] = [
    {
      component: "postgres",
      what: b ? "CNPG base backups + continuous WAL archive (Barman Cloud plugin)" : "no backups",
      where,
      frequency: b ? `WAL at least every ${b.rpoSeconds} s; base backups ${schedules(b)}` : "never",
      retention: b ? `${days(pitrWindowDays(cfg))} (ObjectStore retentionPolicy, longest tier): ${tierRetention(b)}` : "none",
      rpoSeconds: b ? b.rpoSeconds : null,
      rtoMinutes: b ? pgRto : null,
      derivation: `RPO: archive_timeout (backups.archiveTimeoutSeconds) switches a WAL segment at least this often. RTO: ${A.podStartMinutes} min pod start + ${pgTransfer} min to download ${cfg.postgres.storageGb} GiB at ${A.downloadMBps} MB/s + ${A.replayMinutes} min WAL replay + ${A.cutoverMinutes} min cut-over`,
    },
  ];
  const redisTransfer = transferMinutes(cfg.redis.storageGb);
  rows.push({
    component: "redis",
    what: b ? "RDB snapshots on the volume, copied to the object store by a CronJob" : "RDB snapshots on the volume only",
    where: dest ? `${dest} (the Redis copy CronJob's prefix)` : "the Redis volume",
    frequency: b ? `copy ${cfg.backups.redis.schedule} (5-field cron, UTC)` : "never off the volume",
    retention: b ? days(cfg.backups.redis.retentionDays) : "none",
    rpoSeconds: b ? 24 * 3600 : null,
    rtoMinutes: A.podStartMinutes + redisTransfer + A.cutoverMinutes,
    derivation: `RPO: one copy a day. RTO: ${A.podStartMinutes} min pod start + ${redisTransfer} min to download ≤ ${cfg.redis.storageGb} GiB + ${A.cutoverMinutes} min cut-over`,
  });
  if (b) {
    const store = plan.resources.find((r) => r.type === "kubernetes:barmancloud.cnpg.io/v1:ObjectStore");
    rows.push({
      component: "object-store",
      what: "base backups, WAL and Redis copies",
      where,
      frequency: "with each backup",
      retention: String((store?.inputs.spec as { retentionPolicy?: string } | undefined)?.retentionPolicy ?? "unknown"),
      rpoSeconds: null,
      rtoMinutes: null,
      derivation: "off-site from the cluster; bucket versioning, lock and replication are managed outside Gantry",
    });
  }
  return rows;
}

/** `gantry dr` as text. */
export function renderDr(t: DrTable): string {
  const lines = [`Disaster recovery for ${t.stack} (${t.environment}, ${t.tier})`, ""];
  for (const r of t.rows) {
    lines.push(`${r.component}: ${r.what}`);
    lines.push(`  where      ${r.where}`);
    lines.push(`  how often  ${r.frequency}`);
    lines.push(`  retention  ${r.retention}`);
    if (r.rpoSeconds !== null || r.rtoMinutes !== null) {
      lines.push(`  RPO        ${r.rpoSeconds === null ? "n/a" : duration(r.rpoSeconds)}`);
      lines.push(`  RTO        ${r.rtoMinutes === null ? "n/a" : `${r.rtoMinutes} min`} (expected)`);
    }
    lines.push(`  why        ${r.derivation}`, "");
  }
  lines.push(...drillLines(t), "");
  return lines.join("\n");
}

function drillLines(t: DrTable): string[] {
  const d = t.drill;
  const out = [
    d.kind ? `restore drill: ${d.kind}, ${d.schedule} (UTC)` : "restore drill: none configured (backups.drill.enabled)",
    d.live
      ? `  last measured: restore ${seconds(d.lastRestoreSeconds)}, data age ${seconds(d.lastDataAgeSeconds)}, last success ${d.lastSuccess}`
      : `  last measured: restore ${d.lastRestoreSeconds}, data age ${d.lastDataAgeSeconds}, last success ${d.lastSuccess} (offline plan: measured on a live stack)`,
  ];
  if (d.live) out.push(...liveLines(d.live));
  if (t.restore) {
    out.push(
      `point-in-time restore: ${t.restore.source} at ${t.restore.targetTime} as db-restored; serving from ${t.restore.servingFrom}`,
    );
  }
  return out;
}

function liveLines(l: LiveDrill): string[] {
  const status = { ok: "OK", failed: "FAILED", unknown: "UNKNOWN" }[l.status];
  const validation = l.validationStatus ? `, validation ${l.validationStatus}` : "";
  return [
    `  last run:      ${status}${l.lastRun ? ` at ${l.lastRun}` : ""}${validation} (read from ${l.source})`,
    ...(l.reason ? [`  ${l.status === "failed" ? "failure" : "why unknown"}: ${l.reason}`] : []),
  ];
}

/** The DR section of `gantry report` (Markdown). */
export function renderDrMarkdown(t: DrTable): string {
  const cell = (s: string) => s.replace(/\|/g, "\\|");
  return [
    "### Disaster recovery",
    "",
    "| component | what | where | how often | retention | RPO | RTO (expected) |",
    "|---|---|---|---|---|---|---|",
    ...t.rows.map(
      (r) =>
        `| ${r.component} | ${cell(r.what)} | ${cell(r.where)} | ${cell(r.frequency)} | ${cell(r.retention)} | ${r.rpoSeconds === null ? "n/a" : duration(r.rpoSeconds)} | ${r.rtoMinutes === null ? "n/a" : `${r.rtoMinutes} min`} |`,
    ),
    "",
    ...drillLines(t).map((l) => l.trim()),
    "",
  ].join("\n");
}

/** A measured figure: seconds with their unit, or "unknown". */
function seconds(v: number | "unknown"): string {
  return v === "unknown" ? v : `${v} s`;
}

function duration(s: number): string {
  if (s % 3600 === 0) return `${s / 3600} h`;
  if (s % 60 === 0) return `${s / 60} min`;
  return `${s} s`;
}
