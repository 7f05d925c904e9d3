/**
 * The in-cluster flavour: a Barman Cloud `ObjectStore` (base backups + WAL, retention enforced by
 * the plugin) and one CNPG `ScheduledBackup` per GFS tier through the plugin. The CNPG Cluster
 * references the store itself (see {@link barmanPluginRef}), so WAL archiving starts with it.
 * Plus the restore drill and the Redis RDB copy CronJobs (./cronjobs.ts).
 */
import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { ObjectStoreArgs } from "./args";
import type { ResolvedBackupsArgs } from "./defaults";
import { destinationPath } from "./defaults";
import {
  DRILL_NAME,
  drillConfigData,
  drillCronJob,
  drillLabels,
  REDIS_BACKUP_NAME,
  redisBackupCronJob,
  redisBackupLabels,
} from "./cronjobs";
import { serviceAccount } from "../common/hardening";
import { irsaAnnotations } from "../common/aws";
import { copyRdbScript, drillScript, pickBackupScript } from "./scripts";

export const BARMAN_PLUGIN = "barman-cloud.cloudnative-pg.io";

/** Name of the ObjectStore of a CNPG cluster. */
export const objectStoreName = (cluster: string) => `${cluster}-backups`;

/** The `spec.plugins` entry of the CNPG Cluster: the plugin archives WAL to the store. */
export function barmanPluginRef(cluster: string) {
  return { name: BARMAN_PLUGIN, isWALArchiver: true, parameters: { barmanObjectName: objectStoreName(cluster) } };
}

/** ObjectStore spec (pure). Retention covers the longest tier: monthly backups must survive. */
export function objectStoreSpec(o: ObjectStoreArgs, namespace: string, retentionDays: number) {
  const s3Credentials = o.credentialsSecret
    ? {
        accessKeyId: { name: o.credentialsSecret, key: "ACCESS_KEY_ID" },
        secretAccessKey: { name: o.credentialsSecret, key: "ACCESS_SECRET_KEY" },
        ...(o.region ? { region: { name: o.credentialsSecret, key: "ACCESS_REGION" } } : {}),
      }
    : { inheritFromIAMRole: true };
  return {
    configuration: {
      destinationPath: destinationPath(o, namespace),
      ...(o.endpoint ? { endpointURL: o.endpoint } : {}),
      s3Credentials,
      wal: { compression: "gzip", maxParallel: 2 },
      data: { compression: "gzip", jobs: 2 },
    },
    retentionPolicy: `${retentionDays}d`,
  };
}

/**
 * One ScheduledBackup per tier (pure specs). CNPG cron has six fields, seconds first. Named after
 * the component, they back up the serving Cluster: after a cut-over the GFS tiers follow the data
 * (an update), and retiring the old Cluster leaves none of them pointing at it.
 */
export function scheduledBackupSpecs(a: ResolvedBackupsArgs) {
  return a.tiers.map((t) => ({
    name: `${a.postgres.name}-${t.name}`,
    spec: {
      cluster: { name: a.postgres.servingCluster ?? a.postgres.name },
      schedule: t.cnpgCron,
      method: "plugin",
      pluginConfiguration: { name: BARMAN_PLUGIN },
      // Take the first backup now rather than waiting up to a month for the monthly slot.
      immediate: t.name === "daily",
      backupOwnerReference: "self",
    },
  }));
}

export function createInClusterBackups(parent: pulumi.ComponentResource, a: ResolvedBackupsArgs) {
  const retentionDays = Math.max(...a.tiers.map((t) => t.retentionDays));
  const store = new k8s.apiextensions.CustomResource(
    objectStoreName(a.postgres.name),
    {
      apiVersion: "barmancloud.cnpg.io/v1",
      kind: "ObjectStore",
      metadata: { name: objectStoreName(a.postgres.name), namespace: a.namespace },
      spec: objectStoreSpec(a.objectStore!, a.namespace, retentionDays),
    },
    { parent, protect: a.protect },
  );
  const schedules = scheduledBackupSpecs(a).map(
    (s) =>
      new k8s.apiextensions.CustomResource(
        s.name,
        {
          apiVersion: "postgresql.cnpg.io/v1",
          kind: "ScheduledBackup",
          metadata: { name: s.name, namespace: a.namespace },
          spec: s.spec,
        },
        { parent, dependsOn: [store] },
      ),
  );
  const drill = a.drill.enabled ? createDrill(parent, a) : undefined;
  const redisBackup = a.redis ? createRedisBackup(parent, a) : undefined;
  return { store, schedules, drill, redisBackup };
}

/** The restore drill: its own ServiceAccount (no token), the script ConfigMap and the CronJob. */
function createDrill(parent: pulumi.ComponentResource, a: ResolvedBackupsArgs) {
  const labels = drillLabels();
  const sa = new k8s.core.v1.ServiceAccount(
    `${DRILL_NAME}-sa`,
    serviceAccount(DRILL_NAME, a.namespace, labels, irsaAnnotations(a.objectStore?.roleArn)),
    { parent },
  );
  const config = new k8s.core.v1.ConfigMap(
    `${DRILL_NAME}-script`,
    {
      metadata: { name: `${DRILL_NAME}-script`, namespace: a.namespace, labels },
      data: drillConfigData(a, { "drill.sh": drillScript(), "pick-backup.py": pickBackupScript() }),
    },
    { parent },
  );
  return new k8s.batch.v1.CronJob(DRILL_NAME, drillCronJob(a, `${DRILL_NAME}-script`), { parent, dependsOn: [sa, config] });
}

/** The Redis RDB copy: ServiceAccount, upload script and CronJob. */
function createRedisBackup(parent: pulumi.ComponentResource, a: ResolvedBackupsArgs) {
  const labels = redisBackupLabels();
  const sa = new k8s.core.v1.ServiceAccount(
    `${REDIS_BACKUP_NAME}-sa`,
    serviceAccount(REDIS_BACKUP_NAME, a.namespace, labels, irsaAnnotations(a.objectStore?.roleArn)),
    { parent },
  );
  const config = new k8s.core.v1.ConfigMap(
    `${REDIS_BACKUP_NAME}-script`,
    {
      metadata: { name: `${REDIS_BACKUP_NAME}-script`, namespace: a.namespace, labels },
      data: { "copy-rdb.py": copyRdbScript() },
    },
    { parent },
  );
  return new k8s.batch.v1.CronJob(REDIS_BACKUP_NAME, redisBackupCronJob(a, `${REDIS_BACKUP_NAME}-script`), {
    parent,
    dependsOn: [sa, config],
  });
}
