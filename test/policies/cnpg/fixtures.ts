export const CLUSTER = "kubernetes:postgresql.cnpg.io/v1:Cluster";
export const SCHEDULED_BACKUP = "kubernetes:postgresql.cnpg.io/v1:ScheduledBackup";

/** A CNPG Cluster that satisfies every CNPG policy: 2 instances, backups via the Barman Cloud plugin. */
export function cluster(): Record<string, any> {
  return {
    apiVersion: "postgresql.cnpg.io/v1",
    kind: "Cluster",
    metadata: { name: "db", namespace: "gantry" },
    spec: {
      instances: 2,
      storage: { size: "20Gi" },
      plugins: [{ name: "barman-cloud.cloudnative-pg.io", isWALArchiver: true, parameters: { barmanObjectName: "db-store" } }],
    },
  };
}

export function scheduledBackup(clusterName = "db", namespace = "gantry"): Record<string, any> {
  return {
    apiVersion: "postgresql.cnpg.io/v1",
    kind: "ScheduledBackup",
    metadata: { name: `${clusterName}-daily`, namespace },
    spec: {
      schedule: "0 0 2 * * *",
      cluster: { name: clusterName },
      method: "plugin",
      pluginConfiguration: { name: "barman-cloud.cloudnative-pg.io" },
    },
  };
}
