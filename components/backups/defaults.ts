/** Defaults and validation for {@link BackupsArgs}: pure, tested without mocks. */
import type { Problem } from "../common/types";
import type { BackupsArgs, DrillArgs, ObjectStoreArgs, VaultLockMode } from "./args";
import { type BackupTier, cnpgCronProblems, gfsTiers, MAX_BACKUP_AGE_HOURS } from "./schedules";

/** Restore drills run in production unless switched off; elsewhere only when switched on. */
export function drillEnabled(environment: BackupsArgs["environment"], enabled: boolean | undefined): boolean {
  return enabled ?? environment === "production";
}

/** Names of the in-cluster CronJobs (the alert runbooks use them). */
export const DRILL_NAME = "restore-drill";
export const REDIS_BACKUP_NAME = "redis-backup";

/** Retention defaults per environment: production keeps 7 dailies, 4 weeklies and 12 monthlies. */
export const RETENTION_DEFAULTS = {
  production: { dailyDays: 7, weeklyWeeks: 4, monthlyMonths: 12 },
  staging: { dailyDays: 3, weeklyWeeks: 1, monthlyMonths: 0 },
  development: { dailyDays: 1, weeklyWeeks: 0, monthlyMonths: 0 },
} as const;

/** BackupsArgs with every default applied. */
export interface ResolvedBackupsArgs extends Omit<BackupsArgs, "drill" | "redisCopy"> {
  readonly tiers: readonly BackupTier[];
  readonly vaultLock: VaultLockMode;
  readonly archiveTimeoutSeconds: number;
  readonly pitrDays: number;
  readonly drill: Required<DrillArgs>;
  readonly redisCopy: { readonly schedule: string; readonly retentionDays: number };
  readonly protect: boolean;
}

/** Applies every default (`??`: an explicit 0 stays 0). */
export function resolveBackupsArgs(a: BackupsArgs): ResolvedBackupsArgs {
  const production = a.environment === "production";
  const d = RETENTION_DEFAULTS[a.environment];
  return {
    ...a,
    tiers: gfsTiers({
      startHour: a.startHour ?? 1,
      dailyDays: a.dailyRetentionDays ?? d.dailyDays,
      weeklyWeeks: a.weeklyRetentionWeeks ?? d.weeklyWeeks,
      monthlyMonths: a.monthlyRetentionMonths ?? d.monthlyMonths,
    }),
    vaultLock: a.vaultLock ?? (production ? "governance" : "off"),
    archiveTimeoutSeconds: a.archiveTimeoutSeconds ?? 300,
    pitrDays: a.pitrDays ?? 7,
    drill: {
      enabled: drillEnabled(a.environment, a.drill?.enabled),
      schedule: a.drill?.schedule ?? "0 5 * * 0",
      validationSql: a.drill?.validationSql ?? [],
      minRows: a.drill?.minRows ?? {},
      validationWindowHours: a.drill?.validationWindowHours ?? 4,
      maxAgeDays: a.drill?.maxAgeDays ?? 2,
      pushgatewayUrl: a.drill?.pushgatewayUrl ?? "http://pushgateway.monitoring.svc:9091",
    },
    redisCopy: { schedule: a.redisCopy?.schedule ?? "30 2 * * *", retentionDays: a.redisCopy?.retentionDays ?? 7 },
    protect: a.protect ?? production,
  };
}

/** Every problem with resolved args, each naming the argument and the fix. */
export function validateBackupsArgs(a: ResolvedBackupsArgs): Problem[] {
  const p: Problem[] = [];
  const add = (path: string, message: string) => p.push({ path, message });
  if (a.tier === "in-cluster" && !a.objectStore) {
    add("objectStore", "`objectStore` is required in-cluster: base backups and WAL go to an S3-compatible bucket.");
  }
  if (a.objectStore?.roleArn && a.objectStore.credentialsSecret) {
    add(
      "objectStore.roleArn",
      "`objectStore.roleArn` and `objectStore.credentialsSecret` are two ways to reach the bucket: set one of them.",
    );
  }
  for (const t of a.tiers) {
    for (const problem of cnpgCronProblems(t.cnpgCron)) add(`tiers.${t.name}`, problem);
  }
  if (a.environment === "production") {
    if (!a.tiers.some((t) => t.name === "monthly" && t.retentionDays >= 365)) {
      add("monthlyRetentionMonths", "production keeps monthly backups for at least 12 months.");
    }
    if (a.vaultLock === "off" && a.tier === "managed")
      add("vaultLock", "production vaults are locked: use governance or compliance.");
  }
  if (a.archiveTimeoutSeconds > 300) add("archiveTimeoutSeconds", "`archiveTimeoutSeconds` must be <= 300 (RPO of 5 minutes).");
  return p;
}

/** Where base backups and WAL go: `s3://bucket/path`. */
export function destinationPath(o: ObjectStoreArgs, namespace: string): string {
  return `s3://${o.bucket}/${(o.path ?? namespace).replace(/\/+$/, "")}`;
}

/** The RPO the configuration promises, in seconds: WAL switch interval (in-cluster) or RDS's 5 minutes. */
export function rpoSeconds(a: ResolvedBackupsArgs): number {
  return a.tier === "in-cluster" ? a.archiveTimeoutSeconds : 300;
}

/** The `backups` stack output: what a release checklist and a DR table read. */
export function backupsSummary(a: ResolvedBackupsArgs) {
  const dest = a.objectStore ? destinationPath(a.objectStore, a.namespace) : undefined;
  return {
    tier: a.tier,
    schedules: Object.fromEntries(
      a.tiers.map((t) => [t.name, { schedule: a.tier === "managed" ? t.awsCron : t.cnpgCron, retentionDays: t.retentionDays }]),
    ),
    retention: {
      pitrDays: a.tier === "managed" ? a.pitrDays : Math.max(...a.tiers.map((t) => t.retentionDays)),
      ...Object.fromEntries(a.tiers.map((t) => [`${t.name}Days`, t.retentionDays])),
    },
    offsite:
      a.tier === "managed"
        ? a.crossRegionCopy
          ? { kind: "aws-backup-copy", region: a.crossRegionCopy.region, retentionDays: a.crossRegionCopy.retentionDays ?? null }
          : null
        : { kind: "object-store", destination: dest ?? null, endpoint: a.objectStore?.endpoint ?? null },
    vaultLock: a.tier === "managed" ? a.vaultLock : null,
    drill: a.drill.enabled
      ? a.tier === "managed"
        ? { kind: "aws-restore-testing", schedule: a.drill.schedule, maxAgeDays: a.drill.maxAgeDays }
        : {
            kind: "cronjob-restore",
            cronJob: DRILL_NAME,
            schedule: a.drill.schedule,
            maxAgeDays: a.drill.maxAgeDays,
            checks: a.drill.validationSql.length + Object.keys(a.drill.minRows).length,
            metrics: a.drill.pushgatewayUrl,
          }
      : null,
    // In-cluster Redis: RDB copies next to the Postgres backups (managed: ElastiCache snapshots).
    redisCopy:
      a.tier === "in-cluster" && a.redis && dest
        ? {
            cronJob: REDIS_BACKUP_NAME,
            schedule: a.redisCopy.schedule,
            retentionDays: a.redisCopy.retentionDays,
            destination: `${dest}/redis/${a.redis.name}`,
          }
        : null,
    maxAgeHours: MAX_BACKUP_AGE_HOURS,
    rpoSeconds: rpoSeconds(a),
  };
}
