/**
 * Rules of the point-in-time restore keys (`gantry:postgres.restore`, `serveFrom`, `retireCurrent`):
 * a restore target must lie inside what the backups can still replay, and in-cluster restores
 * need the object store the backups go to. `now` is a parameter so tests pin the clock.
 */
import { RETENTION_DEFAULTS } from "../../components/backups/defaults";
import { monthsToDays } from "../../components/backups/schedules";
import type { Problem } from "./rules";
import type { GantryConfig } from "./schema";

/** RDS's latest restorable time trails the present by about five minutes (transaction logs upload every 5 min). */
export const RDS_RESTORE_LAG_SECONDS = 300;

/**
 * How far back a point-in-time restore can reach, in days. Managed: RDS automated backups
 * (postgres.backupRetentionDays; 14 in production, 7 otherwise, as the Postgres component
 * defaults). In-cluster: the Barman Cloud retention, which is the longest GFS tier (WAL is kept
 * for every retained base backup).
 */
export function pitrWindowDays(c: GantryConfig): number {
  if (c.dataTier === "managed") return c.postgres.backupRetentionDays ?? (c.environment === "production" ? 14 : 7);
  const d = RETENTION_DEFAULTS[c.environment];
  const b = c.backups;
  return Math.max(
    b.daily.retentionDays ?? d.dailyDays,
    (b.weekly.retentionWeeks ?? d.weeklyWeeks) * 7,
    monthsToDays(b.monthly.retentionMonths ?? d.monthlyMonths),
  );
}

/** Seconds by which the newest restorable instant trails now: RDS's log upload, or the WAL switch interval. */
export function restoreLagSeconds(c: GantryConfig): number {
  return c.dataTier === "managed" ? RDS_RESTORE_LAG_SECONDS : c.backups.archiveTimeoutSeconds;
}

export function restoreProblems(c: GantryConfig, now: Date = new Date()): Problem[] {
  const p: Problem[] = [];
  const add = (path: string, message: string) => p.push({ path, message });
  const restore = c.postgres.restore;
  const inCluster = c.dataTier === "in-cluster";

  if (c.postgres.serveFrom === "restored" && !restore) {
    add(
      "postgres.serveFrom",
      "`restored` needs postgres.restore.targetTime (there is no restored database to serve from); set it, or serveFrom: current",
    );
  }
  p.push(...retireProblems(c));
  if (!restore) return p;

  if (inCluster && c.backups.enabled && !c.backups.objectStore) {
    add(
      "backups.objectStore",
      "is required for postgres.restore with `dataTier: in-cluster`: the restore reads base backups and WAL from that S3-compatible bucket; set backups.objectStore.bucket",
    );
  }
  if (inCluster && !c.backups.enabled) {
    add("backups.enabled", "must be true for postgres.restore in-cluster: the restore replays the Barman Cloud backups");
  }
  // Once the copy serves, its target time is history: a stack serving from a restore made three
  // weeks ago must keep deploying. The time checks guard the making of the copy only.
  if (c.postgres.serveFrom === "restored") return p;
  const target = Date.parse(restore.targetTime);
  const lag = restoreLagSeconds(c);
  const window = pitrWindowDays(c);
  if (target > now.getTime()) {
    add(
      "postgres.restore.targetTime",
      `${restore.targetTime} is in the future (now is ${iso(now)}); pick an instant before the incident`,
    );
  } else if (target > now.getTime() - lag * 1000) {
    add(
      "postgres.restore.targetTime",
      `${restore.targetTime} is less than ${lag} s ago: the newest restorable instant trails now by ${inCluster ? "backups.archiveTimeoutSeconds" : "RDS's 5-minute log upload"}; pick ${iso(new Date(now.getTime() - lag * 1000))} or earlier`,
    );
  } else if (target < now.getTime() - window * 86_400_000) {
    add(
      "postgres.restore.targetTime",
      `${restore.targetTime} is older than the ${window}-day point-in-time window (${inCluster ? "the longest backups.* retention" : "postgres.backupRetentionDays"}); the earliest restorable instant is about ${iso(new Date(now.getTime() - window * 86_400_000))} (if db-restored already exists, serve from it with postgres.serveFrom: restored or remove postgres.restore)`,
    );
  }
  return p;
}

/**
 * `postgres.retireCurrent` retires the database that no longer serves: only after a cut-over to a
 * restored copy, which must stay declared (removing postgres.restore would drop the copy instead).
 */
export function retireProblems(c: GantryConfig): Problem[] {
  const step = c.postgres.retireCurrent;
  if (step === undefined) return [];
  if (!c.postgres.restore) {
    return [
      {
        path: "postgres.retireCurrent",
        message: `\`${step}\` needs postgres.restore (the restored database that takes over) and postgres.serveFrom: restored; keep postgres.restore set, or remove retireCurrent`,
      },
    ];
  }
  if (c.postgres.serveFrom !== "restored") {
    return [
      {
        path: "postgres.retireCurrent",
        message: `\`${step}\` retires the database the app still serves from: cut over first with postgres.serveFrom: restored (and verify), or remove retireCurrent`,
      },
    ];
  }
  return [];
}

const iso = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;
