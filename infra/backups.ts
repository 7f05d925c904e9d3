/** Maps `gantry:backups.*` onto the Backups component (one call from program.ts). */
import type * as pulumi from "@pulumi/pulumi";
import { Backups, barmanPluginRef } from "../components/backups";
import type { Postgres } from "../components/postgres";
import type { Redis } from "../components/redis";
import type { GantryConfig } from "./config";

export function buildBackups(
  cfg: GantryConfig,
  db: Postgres,
  cache: Redis,
  opts: pulumi.ComponentResourceOptions,
): Backups | undefined {
  const b = cfg.backups;
  if (!b.enabled) return undefined;
  return new Backups(
    "backups",
    {
      environment: cfg.environment,
      tier: cfg.dataTier,
      namespace: cfg.kubernetes.namespace,
      startHour: b.startHour,
      dailyRetentionDays: b.daily.retentionDays,
      weeklyRetentionWeeks: b.weekly.retentionWeeks,
      monthlyRetentionMonths: b.monthly.retentionMonths,
      vaultLock: b.vaultLock,
      crossRegionCopy: b.crossRegionCopy,
      archiveTimeoutSeconds: b.archiveTimeoutSeconds,
      pitrDays: cfg.postgres.backupRetentionDays,
      objectStore: b.objectStore,
      drill: b.drill,
      redisCopy: b.redis,
      postgres: {
        name: "db",
        servingCluster: db.databases.serving,
        instanceArn: db.instanceArn,
        databaseName: cfg.postgres.databaseName,
        storageGb: cfg.postgres.storageGb,
        version: cfg.postgres.version,
      },
      // ElastiCache snapshots cover the managed tier; in-cluster Redis gets RDB copies.
      redis:
        cfg.dataTier === "in-cluster"
          ? { name: "cache", host: cache.endpoint, port: 6379, passwordSecret: cache.password, storageGb: cfg.redis.storageGb }
          : undefined,
    },
    opts,
  );
}

/** In-cluster: what the CNPG Cluster needs to archive WAL to the backups' ObjectStore. */
export function walArchive(cfg: GantryConfig) {
  if (!cfg.backups.enabled || cfg.dataTier !== "in-cluster") return undefined;
  return {
    plugin: barmanPluginRef("db"),
    archiveTimeoutSeconds: cfg.backups.archiveTimeoutSeconds,
    roleArn: cfg.backups.objectStore?.roleArn,
  };
}
