/**
 * Point-in-time restore as a stack update: a second database, `<name>-restored`, created next to
 * the current one from its backups. The current database is not touched; which of the two the
 * app uses is `serveFrom`. Managed: an RDS instance with `restoreToPointInTime` that copies the
 * primary's network, parameter group, encryption and Multi-AZ (RDS would otherwise restore into
 * the default VPC security group and parameter group, single-AZ). In-cluster: a CNPG Cluster
 * bootstrapped with `recovery` from the Barman Cloud ObjectStore; restores always create a new
 * Cluster, and it archives to its own server name so the two WAL histories never mix.
 */
import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { ResolvedPostgresArgs } from "./defaults";
import { cnpgClusterSpec, networkPolicySpec } from "./in-cluster";
import { CNPG_URI_KEY, cnpgAppSecretName, cnpgServices, finalSnapshotIdentifier, POSTGRES_PORT, postgresUrl } from "./naming";
import { createUrlSecret } from "./url-secret";
import { managedRoles } from "./roles";
import type { SecretKeyRef } from "../common/types";

import { restoredName } from "./retire";

export { restoredName };

/** The name of the external cluster a CNPG recovery reads from. */
const ORIGIN = "origin";

/** What the restored database gives the component. */
export interface RestoredDatabase {
  readonly endpoint: pulumi.Input<string>;
  readonly readerEndpoint: pulumi.Input<string>;
  readonly databaseUrl: SecretKeyRef;
}

/** The RDS source of a restore: this component's primary, or the identifier given. */
export function rdsRestoreSource(source: string, primaryIdentifier: pulumi.Input<string>): pulumi.Input<string> {
  return source === "primary" ? primaryIdentifier : source;
}

/**
 * The RDS arguments of the restored instance beyond the primary's shared ones (pure). Engine,
 * master user and database name come from the source; the password is set to ours again so the
 * URL Secret stays right even when the source is another instance.
 */
export function rdsRestoreArgs(a: ResolvedPostgresArgs, name: string) {
  const restore = a.restore!;
  return {
    restoreToPointInTime: { restoreTime: restore.targetTime },
    allocatedStorage: a.storageGb,
    maxAllocatedStorage: a.maxStorageGb,
    storageType: "gp3",
    multiAz: a.multiAz,
    // The restored copy may become the serving database: it gets the same PITR history and
    // final-snapshot rules as the primary.
    backupRetentionPeriod: a.backupRetentionDays,
    skipFinalSnapshot: false,
    finalSnapshotIdentifier: finalSnapshotIdentifier(restoredName(name)),
    deleteAutomatedBackups: a.environment !== "production",
  };
}

/** Barman Cloud server name of the restore's source: the primary's own cluster name, or the one given. */
export function barmanServerName(source: string, name: string): string {
  return source === "primary" ? name : source;
}

/**
 * The CNPG Cluster spec of the restored database (pure): the current cluster's spec with a
 * `recovery` bootstrap from the ObjectStore up to `targetTime`, archiving to its own server name.
 */
export function cnpgRestoredSpec(name: string, a: ResolvedPostgresArgs, credentialsSecret?: pulumi.Input<string>) {
  const restore = a.restore!;
  const plugin = a.walArchive!.plugin as { name: string; parameters: Record<string, string> };
  const store = plugin.parameters.barmanObjectName!;
  const { bootstrap: _initdb, ...spec } = cnpgClusterSpec(restoredName(name), a);
  return {
    ...spec,
    // The extra login roles keep the current cluster's password Secrets: same roles, same data.
    ...(a.roles?.length ? { managed: { roles: managedRoles(name, a.roles, a.credentials === "generated") } } : {}),
    plugins: [{ ...plugin, parameters: { barmanObjectName: store, serverName: restoredName(name) } }],
    externalClusters: [
      {
        name: ORIGIN,
        plugin: {
          name: plugin.name,
          parameters: { barmanObjectName: store, serverName: barmanServerName(restore.source, name) },
        },
      },
    ],
    bootstrap: {
      recovery: {
        source: ORIGIN,
        database: a.databaseName,
        owner: a.username,
        // The owner's password is reset from this Secret after recovery: the app's credentials.
        ...(credentialsSecret !== undefined ? { secret: { name: credentialsSecret } } : {}),
        recoveryTarget: { targetTime: restore.targetTime },
      },
    },
  };
}

/** The restored CNPG Cluster, its NetworkPolicy, a daily base backup and its URL Secret. */
export function createInClusterRestore(
  parent: pulumi.ComponentResource,
  name: string,
  a: ResolvedPostgresArgs,
  labels: Record<string, string>,
  credentials?: { secretName: pulumi.Input<string>; password: pulumi.Input<string> },
): RestoredDatabase {
  const rname = restoredName(name);
  const rlabels = { ...labels, "app.kubernetes.io/instance": rname, "gantry.dev/restore-target": restoreLabel(a) };
  const cluster = new k8s.apiextensions.CustomResource(
    `${rname}-cluster`,
    {
      apiVersion: "postgresql.cnpg.io/v1",
      kind: "Cluster",
      metadata: { name: rname, namespace: a.namespace, labels: rlabels },
      spec: cnpgRestoredSpec(name, a, credentials?.secretName),
    },
    { parent, protect: a.protect },
  );
  new k8s.networking.v1.NetworkPolicy(
    `${rname}-netpol`,
    { metadata: { name: `${rname}-postgres`, namespace: a.namespace, labels: rlabels }, spec: networkPolicySpec(rname, a) },
    { parent, dependsOn: [cluster] },
  );
  // A recovered cluster has WAL but no base backup of its own until one is taken.
  new k8s.apiextensions.CustomResource(
    `${rname}-daily`,
    {
      apiVersion: "postgresql.cnpg.io/v1",
      kind: "ScheduledBackup",
      metadata: { name: `${rname}-daily`, namespace: a.namespace, labels: rlabels },
      spec: {
        cluster: { name: rname },
        schedule: "0 0 1 * * *",
        method: "plugin",
        pluginConfiguration: { name: (a.walArchive!.plugin as { name: string }).name },
        immediate: true,
        backupOwnerReference: "self",
      },
    },
    { parent, dependsOn: [cluster] },
  );
  const svc = cnpgServices(rname, a.namespace);
  const databaseUrl = credentials
    ? createUrlSecret(
        parent,
        rname,
        a.namespace,
        rlabels,
        postgresUrl({
          username: a.username,
          password: credentials.password,
          host: svc.rw,
          port: POSTGRES_PORT,
          database: a.databaseName,
        }),
      )
    : { name: cluster.metadata.name.apply(cnpgAppSecretName), key: CNPG_URI_KEY };
  return { endpoint: svc.rw, readerEndpoint: a.replicas > 0 ? svc.ro : svc.rw, databaseUrl };
}

/** Kubernetes label values allow no `:`: 2026-11-20T10:00:00Z becomes 20261120T100000Z. */
export function restoreLabel(a: ResolvedPostgresArgs): string {
  return a.restore!.targetTime.replace(/[-:]/g, "").replace(/\.\d+/, "");
}
