/**
 * The in-cluster backup CronJobs as plain Kubernetes objects (pure, tested without mocks):
 * - `restore-drill`: restores the newest base backup + WAL into a throwaway Postgres and proves it
 *   (scripts/drill.sh), pushing RTO/RPO to the Pushgateway the alerting rules read;
 * - `redis-backup`: `redis-cli --rdb` from the Redis Service, then scripts/copy-rdb.py uploads the
 *   snapshot next to the Postgres backups and deletes copies past their retention.
 */
import type * as k8s from "@pulumi/kubernetes";
import { boundedEmptyDir, containerSecurityContext, ephemeralStorage, podSecurityContext } from "../common/hardening";
import { IMAGES, imageRef } from "../common/images";
import type { ResolvedBackupsArgs } from "./defaults";
import { destinationPath, DRILL_NAME, REDIS_BACKUP_NAME } from "./defaults";

export { DRILL_NAME, REDIS_BACKUP_NAME };

/** UIDs of the two jobs (≥ 10000: never a user that owns files in the images). */
export const DRILL_UID = 10026;
export const REDIS_BACKUP_UID = 10027;
/** Seconds WAL replay may take before the drill gives up; the Job's deadline adds an hour. */
export const DRILL_RECOVERY_TIMEOUT_SECONDS = 3 * 3600;

/** Postgres + barman-cloud in one image, per major version (the restore_command runs in-server). */
export const DRILL_IMAGES: Record<string, string> = {
  "16": imageRef(IMAGES.cnpgSystem16),
  "17": imageRef(IMAGES.cnpgSystem17),
};

/** The shell the Redis dump runs: the password comes from a mounted file, never the pod spec. */
export const RDB_DUMP_COMMAND =
  'REDISCLI_AUTH="$(cat /etc/redis-auth/password)" exec redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" --rdb /backup/dump.rdb';

type Labels = Record<string, string>;
const labelsOf = (name: string, component: string): Labels => ({
  "app.kubernetes.io/name": name,
  "app.kubernetes.io/managed-by": "gantry",
  "gantry.dev/component": component,
});

/** Labels of the drill's objects; `gantry.dev/drill` is what the alert runbook selects on. */
export const drillLabels = (): Labels => ({ ...labelsOf(DRILL_NAME, "backup-drill"), "gantry.dev/drill": "true" });
export const redisBackupLabels = (): Labels => labelsOf(REDIS_BACKUP_NAME, "redis-backup");

/** S3 credentials from the object store's Secret, mounted as files (absent: the pod's IAM role). */
function credentials(a: ResolvedBackupsArgs, dir: string) {
  const secret = a.objectStore?.credentialsSecret;
  if (!secret) return { volumes: [], mounts: [], env: [] };
  return {
    volumes: [
      {
        name: "s3-credentials",
        secret: {
          secretName: secret,
          defaultMode: 0o440,
          items: ["ACCESS_KEY_ID", "ACCESS_SECRET_KEY"].map((k) => ({ key: k, path: k })),
        },
      },
    ],
    mounts: [{ name: "s3-credentials", mountPath: dir, readOnly: true }],
    env: [{ name: dir === "/etc/drill/s3" ? "DRILL_CREDENTIALS_DIR" : "RDB_CREDENTIALS_DIR", value: dir }],
  };
}

/** A volume claimed for the pod's lifetime only: scratch space too big for an emptyDir. */
function scratchClaim(name: string, gb: number, labels: Labels) {
  return {
    name,
    ephemeral: {
      volumeClaimTemplate: {
        metadata: { labels },
        spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: `${gb}Gi` } } },
      },
    },
  };
}

const container = (uid: number) => ({
  securityContext: containerSecurityContext(uid),
  resources: {
    requests: { cpu: "250m", memory: "512Mi", ...ephemeralStorage("64Mi", "512Mi").requests },
    limits: { cpu: "1", memory: "1Gi", ...ephemeralStorage("64Mi", "512Mi").limits },
  },
});

/** A CronJob that never overlaps itself, gives up after `deadlineSeconds` and keeps 3 + 3 Jobs. */
function cronJob(
  name: string,
  namespace: string,
  labels: Labels,
  schedule: string,
  run: { readonly deadlineSeconds: number; readonly retries: number },
  podSpec: Omit<k8s.types.input.core.v1.PodSpec, "restartPolicy">,
  podLabels: Labels = {},
): k8s.batch.v1.CronJobArgs {
  return {
    apiVersion: "batch/v1",
    kind: "CronJob",
    metadata: { name, namespace, labels },
    spec: {
      schedule,
      timeZone: "Etc/UTC",
      concurrencyPolicy: "Forbid",
      // A run missed by more than an hour (cluster down) is skipped: the next one is due soon.
      startingDeadlineSeconds: 3600,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 3,
      jobTemplate: {
        metadata: { labels },
        spec: {
          backoffLimit: run.retries,
          activeDeadlineSeconds: run.deadlineSeconds,
          template: {
            metadata: { labels: { ...labels, ...podLabels } },
            spec: {
              serviceAccountName: name,
              automountServiceAccountToken: false,
              restartPolicy: "Never",
              ...podSpec,
            },
          },
        },
      },
    },
  };
}

/** ConfigMap data of the drill: its scripts (file name → text) and one file per validation query. */
export function drillConfigData(a: ResolvedBackupsArgs, scripts: Record<string, string>): Record<string, string> {
  const checks = a.drill.validationSql.map((sql, i) => [`check-${String(i + 1).padStart(2, "0")}.sql`, `${sql.trim()}\n`]);
  return { ...scripts, ...Object.fromEntries(checks) };
}

/** The restore drill CronJob (in-cluster tier). */
export function drillCronJob(a: ResolvedBackupsArgs, configMap: string) {
  const version = a.postgres.version;
  const labels = drillLabels();
  const creds = credentials(a, "/etc/drill/s3");
  const env = [
    { name: "DRILL_SOURCE_URL", value: destinationPath(a.objectStore!, a.namespace) },
    // The serving Cluster's backups are the ones a restore would need (each Cluster archives under its own name).
    { name: "DRILL_SERVER_NAME", value: a.postgres.servingCluster ?? a.postgres.name },
    ...(a.objectStore!.endpoint ? [{ name: "DRILL_ENDPOINT_URL", value: a.objectStore!.endpoint }] : []),
    ...(a.objectStore!.region ? [{ name: "AWS_DEFAULT_REGION", value: a.objectStore!.region }] : []),
    { name: "DRILL_DATABASE", value: a.postgres.databaseName },
    {
      name: "DRILL_MIN_ROWS",
      value: Object.entries(a.drill.minRows)
        .map(([t, n]) => `${t}=${n}`)
        .join(" "),
    },
    // The script and the check-NN.sql files share the ConfigMap's directory; the drill runs *.sql.
    { name: "DRILL_CHECKS_DIR", value: "/etc/drill" },
    { name: "DRILL_MAX_AGE_SECONDS", value: String(a.drill.maxAgeDays * 86400) },
    { name: "DRILL_RECOVERY_TIMEOUT", value: String(DRILL_RECOVERY_TIMEOUT_SECONDS) },
    { name: "DRILL_SCRATCH_DIR", value: "/var/lib/drill/copy" },
    { name: "DRILL_PUSHGATEWAY_URL", value: a.drill.pushgatewayUrl },
    { name: "DRILL_NAMESPACE", value: a.namespace },
    { name: "DRILL_INSTANCE", value: a.postgres.name },
    { name: "PGBIN", value: `/usr/lib/postgresql/${version}/bin` },
    { name: "HOME", value: "/tmp" },
    ...creds.env,
  ];
  // One attempt: a failed drill is a finding to look at, not something to retry away.
  const run = { deadlineSeconds: DRILL_RECOVERY_TIMEOUT_SECONDS + 3600, retries: 0 };
  return cronJob(DRILL_NAME, a.namespace, labels, a.drill.schedule, run, {
    securityContext: podSecurityContext(DRILL_UID),
    containers: [
      {
        name: "drill",
        image: DRILL_IMAGES[version],
        command: ["bash", "/etc/drill/drill.sh"],
        env,
        ...container(DRILL_UID),
        volumeMounts: [
          { name: "script", mountPath: "/etc/drill", readOnly: true },
          { name: "copy", mountPath: "/var/lib/drill" },
          { name: "tmp", mountPath: "/tmp" },
          ...creds.mounts,
        ],
      },
    ],
    volumes: [
      { name: "script", configMap: { name: configMap } },
      // The copy needs as much room as the source's volume (data + WAL replayed into it).
      scratchClaim("copy", a.postgres.storageGb, labels),
      boundedEmptyDir("tmp", "256Mi"),
      ...creds.volumes,
    ],
  });
}

/** The Redis RDB copy CronJob (in-cluster tier); undefined without an in-cluster Redis. */
export function redisBackupCronJob(a: ResolvedBackupsArgs, configMap: string) {
  const r = a.redis;
  if (!r) return undefined;
  const labels = redisBackupLabels();
  const creds = credentials(a, "/etc/redis-backup/s3");
  const volumes = [
    { name: "backup", mountPath: "/backup" },
    { name: "tmp", mountPath: "/tmp" },
  ];
  // Two retries: a dump that failed on a moment's unreachable Redis is worth another try that day.
  const run = { deadlineSeconds: 3600, retries: 2 };
  return cronJob(
    REDIS_BACKUP_NAME,
    a.namespace,
    labels,
    a.redisCopy.schedule,
    run,
    {
      securityContext: podSecurityContext(REDIS_BACKUP_UID),
      initContainers: [
        {
          name: "dump",
          image: imageRef(IMAGES.redis74),
          command: ["sh", "-c", RDB_DUMP_COMMAND],
          env: [
            { name: "REDIS_HOST", value: r.host },
            { name: "REDIS_PORT", value: String(r.port) },
          ],
          ...container(REDIS_BACKUP_UID),
          volumeMounts: [...volumes, { name: "redis-auth", mountPath: "/etc/redis-auth", readOnly: true }],
        },
      ],
      containers: [
        {
          name: "upload",
          image: DRILL_IMAGES[a.postgres.version],
          command: ["python3", "/scripts/copy-rdb.py"],
          env: [
            { name: "RDB_FILE", value: "/backup/dump.rdb" },
            { name: "RDB_DESTINATION", value: destinationPath(a.objectStore!, a.namespace) },
            { name: "RDB_SERVER_NAME", value: r.name },
            { name: "RDB_RETENTION_DAYS", value: String(a.redisCopy.retentionDays) },
            ...(a.objectStore!.endpoint ? [{ name: "RDB_ENDPOINT_URL", value: a.objectStore!.endpoint }] : []),
            ...(a.objectStore!.region ? [{ name: "AWS_DEFAULT_REGION", value: a.objectStore!.region }] : []),
            { name: "HOME", value: "/tmp" },
            ...creds.env,
          ],
          ...container(REDIS_BACKUP_UID),
          volumeMounts: [...volumes, { name: "script", mountPath: "/scripts", readOnly: true }, ...creds.mounts],
        },
      ],
      volumes: [
        { name: "script", configMap: { name: configMap, items: [{ key: "copy-rdb.py", path: "copy-rdb.py" }] } },
        {
          name: "redis-auth",
          secret: {
            secretName: r.passwordSecret.name,
            defaultMode: 0o440,
            items: [{ key: r.passwordSecret.key, path: "password" }],
          },
        },
        // An RDB is at most the size of the Redis volume it would be saved to.
        scratchClaim("backup", r.storageGb, labels),
        boundedEmptyDir("tmp", "64Mi"),
        ...creds.volumes,
      ],
    },
    // Admitted by the Redis NetworkPolicy like any other client.
    { "gantry.dev/redis-client": "true" },
  );
}
