/** The in-cluster (CloudNativePG) flavour of Postgres. */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import type { ResolvedPostgresArgs } from "./defaults";
import { CNPG_URI_KEY, cnpgAppSecretName, cnpgServices, DB_CLIENT_LABEL, POSTGRES_PORT, postgresUrl } from "./naming";
import type { FlavourOutputs } from "./outputs";
import { createUrlSecret } from "./url-secret";
import { createRoleSecrets, managedRoles } from "./roles";
import { POSTGRES_VERSIONS, type PostgresVersion } from "./versions";
import { currentDatabasePlan, RETIRING_LABEL } from "./retire";
import { irsaAnnotations } from "../common/aws";
import type { SecretKeyRef } from "../common/types";

/** Instance manager status port the operator calls; metrics port Prometheus scrapes. */
const CNPG_STATUS_PORT = 8000;
const CNPG_METRICS_PORT = 9187;

/** The CNPG Cluster spec for resolved args (pure; exported for tests and CRD validation). */
export function cnpgClusterSpec(name: string, a: ResolvedPostgresArgs, initdbSecret?: pulumi.Input<string>) {
  const instances = 1 + a.replicas;
  return {
    instances,
    imageName: POSTGRES_VERSIONS[a.version as PostgresVersion].cnpgImage,
    // A single instance's PDB (minAvailable 1) makes every node drain hang.
    enablePDB: instances > 1,
    // Let the operator switch over to an updated replica itself instead of waiting for a human.
    primaryUpdateStrategy: "unsupervised",
    primaryUpdateMethod: "switchover",
    storage: { size: `${a.storageGb}Gi`, ...(a.storageClass !== undefined ? { storageClass: a.storageClass } : {}) },
    resources: a.resources,
    // The operator's emptyDirs (/dev/shm, temporary data such as sorts spilled to disk) get a
    // size limit like every other Gantry emptyDir.
    ephemeralVolumesSizeLimit: { shm: "256Mi", temporaryData: "1Gi" },
    // Reasoned exceptions to the hardening bar (components/common/hardening.ts), both the
    // operator's design: the image's postgres user is UID 26 (postgresUID; the data directory and
    // image files are owned by it, so no UID >= 10000), and the instance pods mount their
    // ServiceAccount token because the instance manager calls the Kubernetes API (status, leader
    // election). The operator already sets runAsNonRoot, read-only root, no capabilities, seccomp.
    postgresql: {
      parameters: {
        ...a.parameters,
        // A WAL segment is switched (and archived) at least this often: the RPO bound.
        ...(a.walArchive ? { archive_timeout: `${a.walArchive.archiveTimeoutSeconds}s` } : {}),
      },
      // Quorum commit on one standby. "required" never acknowledges a commit only the primary
      // has, but with a single standby its loss would stop all writes; so one standby gets
      // "preferred" (synchronous while it is healthy), two or more get "required".
      ...(a.synchronousReplication
        ? { synchronous: { method: "any", number: 1, dataDurability: a.replicas >= 2 ? "required" : "preferred" } }
        : {}),
    },
    affinity: { enablePodAntiAffinity: true, topologyKey: "kubernetes.io/hostname", podAntiAffinityType: "preferred" },
    // Deprecated in CNPG 1.30 in favour of a hand-made PodMonitor, but still supported there.
    monitoring: { enablePodMonitor: a.monitoring },
    ...(a.walArchive ? { plugins: [a.walArchive.plugin] } : {}),
    // The Barman Cloud plugin archives WAL (and a recovery reads it) from inside the instance
    // pods, under the ServiceAccount CNPG makes for the Cluster: that account carries the role.
    ...(a.walArchive?.roleArn
      ? { serviceAccountTemplate: { metadata: { annotations: irsaAnnotations(a.walArchive.roleArn) } } }
      : {}),
    ...(a.roles?.length ? { managed: { roles: managedRoles(name, a.roles, a.credentials === "generated") } } : {}),
    bootstrap: {
      initdb: {
        database: a.databaseName,
        owner: a.username,
        ...(initdbSecret !== undefined ? { secret: { name: initdbSecret } } : {}),
      },
    },
  };
}

/** Creates the CNPG Cluster, its credentials and NetworkPolicy under `parent`. */
export function createInClusterPostgres(
  parent: pulumi.ComponentResource,
  name: string,
  a: ResolvedPostgresArgs,
  labels: Record<string, string>,
): FlavourOutputs {
  const svc = cnpgServices(name, a.namespace);
  let password: random.RandomPassword | undefined;
  let credentials: k8s.core.v1.Secret | undefined;
  if (a.credentials === "generated") {
    password = new random.RandomPassword(`${name}-password`, { length: 32, special: false }, { parent });
    credentials = new k8s.core.v1.Secret(
      `${name}-credentials`,
      {
        // Not `<cluster>-app`: that name is CNPG's own when it generates credentials.
        metadata: { name: `${name}-app-user`, namespace: a.namespace, labels },
        type: "kubernetes.io/basic-auth",
        stringData: { username: a.username, password: password.result },
      },
      { parent },
    );
  }

  // Generated credentials only: operator-credential stacks (local render) hold no Secrets of ours.
  const roleSecrets = a.credentials === "generated" ? createRoleSecrets(parent, name, a.namespace, labels, a.roles ?? []) : [];
  // The current Cluster: declared until `retireCurrent: delete` (retire.ts decides its protection).
  // The credentials and role Secrets above stay: the restored Cluster logs in with them.
  const fate = currentDatabasePlan(a);
  let databaseUrl: SecretKeyRef | undefined;
  if (fate.declared) {
    const own = fate.retiring ? { ...labels, [RETIRING_LABEL]: "true" } : labels;
    const cluster = new k8s.apiextensions.CustomResource(
      `${name}-cluster`,
      {
        apiVersion: "postgresql.cnpg.io/v1",
        kind: "Cluster",
        metadata: { name, namespace: a.namespace, labels: own },
        spec: cnpgClusterSpec(name, a, credentials?.metadata.name),
      },
      { parent, protect: fate.protect, dependsOn: roleSecrets },
    );

    new k8s.networking.v1.NetworkPolicy(
      `${name}-netpol`,
      { metadata: { name: `${name}-postgres`, namespace: a.namespace, labels }, spec: networkPolicySpec(name, a) },
      { parent, dependsOn: [cluster] },
    );

    databaseUrl =
      password === undefined
        ? // CNPG writes `<cluster>-app` with `uri` when it generated the password itself.
          { name: cluster.metadata.name.apply(cnpgAppSecretName), key: CNPG_URI_KEY }
        : createUrlSecret(
            parent,
            name,
            a.namespace,
            labels,
            postgresUrl({
              username: a.username,
              password: password.result,
              host: svc.rw,
              port: POSTGRES_PORT,
              database: a.databaseName,
            }),
          );
  }

  return {
    primaryEndpoint: pulumi.output(svc.rw),
    // `-ro` only has endpoints when replicas exist; without them reads go to the primary.
    readerEndpoint: pulumi.output(a.replicas > 0 ? svc.ro : svc.rw),
    port: pulumi.output(POSTGRES_PORT),
    databaseName: pulumi.output(a.databaseName),
    databaseUrl,
    appCredentials: credentials && password ? { secretName: credentials.metadata.name, password: password.result } : undefined,
  };
}

/**
 * Ingress to the Cluster's pods: clients labelled {@link DB_CLIENT_LABEL} on 5432; the other
 * instances on 5432 (streaming replication) and 8000 (status, used during switchover); the
 * operator's namespace on 8000; Prometheus's namespace on 9187 when monitoring.
 */
export function networkPolicySpec(name: string, a: ResolvedPostgresArgs) {
  const tcp = (port: number) => ({ protocol: "TCP", port });
  const ns = (n: string) => ({ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": n } } });
  const peers = { podSelector: { matchLabels: { "cnpg.io/cluster": name } } };
  const ingress = [
    { from: [{ podSelector: { matchLabels: { [DB_CLIENT_LABEL]: "true" } } }], ports: [tcp(POSTGRES_PORT)] },
    { from: [peers], ports: [tcp(POSTGRES_PORT), tcp(CNPG_STATUS_PORT)] },
    { from: [ns(a.operatorNamespace)], ports: [tcp(CNPG_STATUS_PORT)] },
  ];
  if (a.monitoring) ingress.push({ from: [ns(a.metricsNamespace)], ports: [tcp(CNPG_METRICS_PORT)] });
  return { podSelector: { matchLabels: { "cnpg.io/cluster": name } }, policyTypes: ["Ingress"], ingress };
}
