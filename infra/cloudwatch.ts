/** Maps `gantry:alerting.sns/cloudwatch` and the data components onto the managed tier's alarms (one call from program.ts). */
import type * as pulumi from "@pulumi/pulumi";
import type { Backups } from "../components/backups";
import { MAX_BACKUP_AGE_HOURS } from "../components/backups/schedules";
import { CloudWatchAlarms } from "../components/cloudwatch";
import type { Postgres } from "../components/postgres";
import type { Redis } from "../components/redis";
import type { GantryConfig } from "./config";

export function buildCloudWatchAlarms(
  cfg: GantryConfig,
  db: Postgres,
  cache: Redis,
  backups: Backups | undefined,
  opts: pulumi.ComponentResourceOptions,
): CloudWatchAlarms | undefined {
  if (cfg.dataTier !== "managed") return undefined;
  const a = cfg.alerting;
  return new CloudWatchAlarms(
    "alarms",
    {
      environment: cfg.environment,
      rds: (db.rdsInstances ?? []).map((i) => ({
        ...i,
        instanceClass: cfg.postgres.instanceClass,
        storageGb: cfg.postgres.storageGb,
        // components/postgres/managed.ts provisions gp3 (no burst bucket).
        storageType: "gp3",
        maxConnectionsParameter: cfg.postgres.parameters.max_connections,
      })),
      elasticache: cache.replicationGroupId && { replicationGroupId: cache.replicationGroupId, nodes: 1 + cfg.redis.replicas },
      backupFailures: cfg.backups.enabled,
      // The vault name is the last part of its ARN (arn:aws:backup:<region>:<account>:backup-vault:<name>).
      backupVault: backups?.vaultArn && {
        name: backups.vaultArn.apply((arn) => arn.split(":").pop()!),
        maxAgeHours: MAX_BACKUP_AGE_HOURS,
      },
      thresholds: {
        replicationLagSeconds: a.replicationLagSeconds,
        rds: a.cloudwatch.rds,
        elasticache: a.cloudwatch.elasticache,
      },
      subscriptions: a.sns.subscriptions,
    },
    opts,
  );
}
