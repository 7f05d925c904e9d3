/**
 * Composes Gantry's components from parsed stack config. No config reads here: everything
 * arrives as a typed {@link GantryConfig}; everything returned becomes a stack output.
 */
import { existsSync } from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { otherColour, type SecretKeyRef } from "../components/common/types";
import { Postgres } from "../components/postgres";
import { Redis } from "../components/redis";
import { ReleasedService } from "../components/service";
import { Gateway } from "../components/gateway";
import { Migration } from "../components/migration";
import { buildBackups, walArchive } from "./backups";
import { buildCloudWatchAlarms } from "./cloudwatch";
import { buildJobs } from "./jobs";
import { buildDashboard } from "./dashboard";
import { buildEgress } from "./network";
import { resolveHardening } from "./config/hardening";
import { buildAwsHardening } from "./hardening";
import { buildAccess, databaseRoles } from "./access";
import { buildAlerting } from "./alerting";
import type { GantryConfig } from "./config";
import { appResources, dataNetwork, releaseState } from "./mapping";

/** Labels that admit pods through the data tier's NetworkPolicies. */
const DB_CLIENT_LABELS = { "gantry.dev/db-client": "true" };
const DATA_CLIENT_LABELS = { ...DB_CLIENT_LABELS, "gantry.dev/redis-client": "true" };

export function buildStack(cfg: GantryConfig) {
  const ns = cfg.kubernetes.namespace;
  const provider = new k8s.Provider("k8s", {
    namespace: ns,
    // The local stack renders manifests instead of applying them (no cluster needed).
    ...(cfg.kubernetes.renderToDirectory ? { renderYamlToDirectory: renderDirectory(cfg.kubernetes.renderToDirectory) } : {}),
  });
  const opts: pulumi.ComponentResourceOptions = { providers: { kubernetes: provider } };

  const namespace = new k8s.core.v1.Namespace(
    "namespace",
    {
      metadata: {
        name: ns,
        // Pod Security "restricted": the cluster itself refuses a privileged or root pod here.
        labels: { "pod-security.kubernetes.io/enforce": "restricted", "app.kubernetes.io/managed-by": "gantry" },
      },
    },
    { provider },
  );
  const inNs = { ...opts, dependsOn: [namespace] };

  const awsHardening = buildAwsHardening(cfg, inNs);
  const db = new Postgres(
    "db",
    {
      environment: cfg.environment,
      tier: cfg.dataTier,
      namespace: ns,
      ...cfg.postgres,
      // Storage autoscaling is an RDS feature; in-cluster volumes are resized in place.
      maxStorageGb: cfg.dataTier === "managed" ? cfg.postgres.maxStorageGb : undefined,
      resources: cfg.postgres.resources && appResources(cfg.postgres.resources),
      network: dataNetwork(cfg),
      aws: awsHardening,
      walArchive: walArchive(cfg),
      roles: databaseRoles(cfg),
    },
    inNs,
  );
  const cache = new Redis(
    "cache",
    {
      environment: cfg.environment,
      tier: cfg.dataTier,
      namespace: ns,
      version: cfg.redis.version,
      replicas: cfg.redis.replicas,
      failover: cfg.redis.failover,
      nodeType: cfg.redis.nodeType,
      snapshotRetentionDays: cfg.redis.snapshotRetentionDays,
      storageGb: cfg.redis.storageGb,
      storageClass: cfg.redis.storageClass,
      resources: cfg.redis.resources && appResources(cfg.redis.resources),
      credentials: cfg.redis.existingSecret ? { existingSecret: cfg.redis.existingSecret } : "generated",
      network: dataNetwork(cfg),
      aws: awsHardening,
    },
    inNs,
  );

  const backups = buildBackups(cfg, db, cache, inNs);
  const alarms = buildCloudWatchAlarms(cfg, db, cache, backups, opts);
  buildDashboard(cfg, db, cache, inNs);
  const access = buildAccess(cfg, db, { postgres: "db", redis: "cache" }, inNs);
  const alerting = buildAlerting(cfg, inNs);

  const secretEnv: Record<string, SecretKeyRef> = {
    DATABASE_URL: db.databaseUrl,
    REDIS_URL: cache.redisUrl,
    REDIS_PASSWORD: cache.password,
    ...appSecretEnv(cfg, provider, namespace),
  };
  const release = releaseState(cfg);
  const hardening = resolveHardening(cfg);
  const gateway = new Gateway(
    "gateway",
    {
      namespace: ns,
      implementation: { install: cfg.gateway.install },
      gatewayClassName: cfg.gateway.className,
      tls: cfg.gateway.tls.issuer
        ? {
            certManager: {
              issuerName: cfg.gateway.tls.issuer.name,
              issuerKind: cfg.gateway.tls.issuer.kind,
              dnsNames: [cfg.gateway.hostname],
            },
          }
        : { secretName: cfg.gateway.tls.secretName! },
    },
    inNs,
  );

  const app = new ReleasedService(
    "app",
    {
      kind: "web",
      namespace: ns,
      environment: cfg.environment,
      release,
      replicas: cfg.app.replicas,
      port: cfg.app.port,
      resources: appResources(cfg.app.resources),
      probes: { liveness: cfg.app.health.liveness, readiness: cfg.app.health.readiness },
      env: { GANTRY_ENVIRONMENT: cfg.environment, ...cfg.app.env },
      secretEnv,
      credentialsAsFiles: hardening.credentialsAsFiles,
      hpa: cfg.app.hpa,
      podLabels: DATA_CLIENT_LABELS,
      ingressFrom: { namespace: ns, podLabels: { "gateway.networking.k8s.io/gateway-name": gateway.ref.name } },
    },
    inNs,
  );
  const worker = cfg.worker.enabled
    ? new ReleasedService(
        "worker",
        {
          kind: "worker",
          namespace: ns,
          environment: cfg.environment,
          // Workers are never routed, so a canary does not apply to them.
          release: { ...release, canaryWeight: undefined },
          replicas: cfg.worker.replicas,
          healthPort: cfg.worker.healthPort,
          command: cfg.worker.command,
          resources: appResources(cfg.worker.resources),
          env: { GANTRY_ENVIRONMENT: cfg.environment, WORKER_CONCURRENCY: String(cfg.worker.concurrency), ...cfg.worker.env },
          secretEnv,
          credentialsAsFiles: hardening.credentialsAsFiles,
          exclusive: cfg.worker.exclusive,
          podLabels: DATA_CLIENT_LABELS,
        },
        inNs,
      )
    : undefined;

  // One Job per release image, run before the route may move traffic to that image.
  const migration = cfg.release.migration.command
    ? new Migration(
        "migrations",
        { service: app, command: cfg.release.migration.command, secretEnv: ["DATABASE_URL"], podLabels: DB_CLIENT_LABELS },
        inNs,
      )
    : undefined;

  buildJobs(cfg, db.databaseUrl, DB_CLIENT_LABELS, inNs);

  gateway.routeService("app", {
    namespace: ns,
    target: { name: "app", port: cfg.app.port, release, replicas: cfg.app.replicas },
    hostnames: [cfg.gateway.hostname],
    requestTimeout: `${cfg.gateway.requestTimeoutSeconds}s`,
    rateLimit: { rate: `${cfg.gateway.rateLimit.requestsPerSecond}r/s`, burst: cfg.gateway.rateLimit.burst },
    clientSettings: { bodyMaxSize: cfg.gateway.maxBodySize },
    migrations: migration?.jobs ?? [],
  });

  buildEgress(cfg, { postgresName: "db", redisName: "cache", gatewayName: gateway.ref.name }, inNs);

  const idle = otherColour(cfg.release.active);
  return {
    environment: cfg.environment,
    url: `https://${cfg.gateway.hostname}`,
    activeColour: cfg.release.active,
    images: { blue: cfg.release.blue.image ?? null, green: cfg.release.green.image ?? null },
    // The idle colour holds the release that served before the last switch: what rollback restores.
    previousRelease: { colour: idle, image: cfg.release[idle].image ?? null },
    database: {
      primaryEndpoint: db.primaryEndpoint,
      readerEndpoint: db.readerEndpoint,
      name: db.databaseName,
      port: db.port,
      // Point-in-time restore (gantry:postgres.restore / serveFrom): the copy and which one serves.
      restoredEndpoint: db.restoredEndpoint ?? null,
      servingFrom: db.servingFrom,
      // The serving database's name: where `gantry switch` looks up its newest backup.
      serving: db.serving,
    },
    redis: { endpoint: cache.endpoint, port: cache.port },
    services: { app: app.deploymentNames, worker: worker?.deploymentNames ?? null },
    backups: backups?.summary ?? null,
    accessRoles: access.roleNames,
    // Managed: Postgres, Redis and backup failures are watched by CloudWatch alarms, beside the rules.
    alerting: { ...alerting.summary, cloudwatchAlarms: alarms?.alarmCount ?? 0 },
  };
}

/**
 * The render directory, absolute from the project root (a relative path would be resolved by the
 * provider process against its own working directory, the program folder). The project root is
 * the nearest folder above the working directory with a Pulumi.yaml (the language host runs the
 * program in its own folder; the SDK's getRootDirectory() is not reliable in 3.248).
 */
function renderDirectory(dir: string): string {
  if (path.isAbsolute(dir)) return dir;
  for (let d = process.cwd(); ; d = path.dirname(d)) {
    if (existsSync(path.join(d, "Pulumi.yaml"))) return path.resolve(d, dir);
    if (path.dirname(d) === d) return path.resolve(dir);
  }
}

/** App secrets from config, as one Kubernetes Secret whose keys become env vars. */
function appSecretEnv(cfg: GantryConfig, provider: k8s.Provider, namespace: k8s.core.v1.Namespace): Record<string, SecretKeyRef> {
  const names = Object.keys(cfg.appSecrets);
  if (names.length === 0) return {};
  const secret = new k8s.core.v1.Secret(
    "app-secrets",
    {
      metadata: { name: "app-secrets", namespace: cfg.kubernetes.namespace },
      stringData: pulumi.secret(cfg.appSecrets),
    },
    { provider, dependsOn: [namespace] },
  );
  return Object.fromEntries(names.map((n) => [n, { name: secret.metadata.name, key: n }]));
}
