/**
 * The in-cluster flavour: a Barman Cloud `ObjectStore` (base backups + WAL, retention enforced by
 * the plugin) and one CNPG `ScheduledBackup` per GFS tier through the plugin. The CNPG Cluster
 * references the store itself (see {@link barmanPluginRef}), so WAL archiving starts with it.
 */
import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { ObjectStoreArgs } from "./args";
import type { ResolvedBackupsArgs } from "./defaults";
import { destinationPath } from "./defaults";

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

/** One ScheduledBackup per tier (pure specs). CNPG cron has six fields, seconds first. */
export function scheduledBackupSpecs(a: ResolvedBackupsArgs) {
  return a.tiers.map((t) => ({
    name: `${a.postgres.name}-${t.name}`,
    spec: {
      cluster: { name: a.postgres.name },
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
  return { store, schedules };
}
