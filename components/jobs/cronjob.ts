/** The CronJob object of one maintenance job. Pure: a plain Kubernetes input object. */
import type * as k8s from "@pulumi/kubernetes";
import { ephemeralStorage } from "../common/hardening";
import type { SecretKeyRef } from "../common/types";
import { basePodSpec, containerSecurityContext, CREDENTIALS_DIR, credentialsVolume, EPHEMERAL_STORAGE } from "../service/pod";
import type { MaintenanceJob } from "./args";
import { maxIntervalSeconds, startingDeadlineSeconds } from "./schedule";

/** The jobs' own ServiceAccount (no token): none of them calls the Kubernetes API. */
export const JOBS_SERVICE_ACCOUNT = "maintenance-jobs";

/**
 * CPU limit when `resources.cpuLimit` is unset. Unlike the app (no limit: throttling hurts
 * latency), a batch job has no latency to protect, and a runaway one must not take the CPU the
 * app's pods on the same node burst into.
 */
export const DEFAULT_JOB_CPU_LIMIT = "1";

/** Label every maintenance pod carries (alerts and `kubectl -l` select on it). */
export const JOB_LABEL = "gantry.dev/maintenance-job";

export function cronJobObject(
  j: MaintenanceJob,
  namespace: string,
  databaseUrl: SecretKeyRef | undefined,
  databaseClientLabels: Readonly<Record<string, string>>,
  credentialsAsFiles = false,
): k8s.types.input.batch.v1.CronJob {
  const labels = {
    "app.kubernetes.io/name": j.name,
    "app.kubernetes.io/component": "maintenance-job",
    "app.kubernetes.io/managed-by": "gantry",
    [JOB_LABEL]: j.name,
  };
  // Only jobs that ask for the database get its URL and the labels its NetworkPolicy admits.
  const podLabels = j.database ? { ...labels, ...databaseClientLabels } : labels;
  const env = [
    ...Object.entries(j.env ?? {})
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, value]) => ({ name, value })),
    ...(j.database && databaseUrl
      ? [
          credentialsAsFiles
            ? { name: "DATABASE_URL_FILE", value: `${CREDENTIALS_DIR}/DATABASE_URL` }
            : { name: "DATABASE_URL", valueFrom: { secretKeyRef: { name: databaseUrl.name, key: databaseUrl.key } } },
        ]
      : []),
    { name: "GANTRY_JOB", value: j.name },
  ];
  // As the app's pods: with credentialsAsFiles the URL is a read-only 0400 file, never an env value.
  const credentials =
    j.database && databaseUrl ? credentialsVolume({ secretEnv: { DATABASE_URL: databaseUrl }, credentialsAsFiles }) : undefined;
  const eph = ephemeralStorage(EPHEMERAL_STORAGE.request, EPHEMERAL_STORAGE.limit);
  const container: k8s.types.input.core.v1.Container = {
    name: "job",
    image: j.image,
    imagePullPolicy: "IfNotPresent",
    command: [...j.command],
    env,
    resources: {
      requests: { ...j.resources.requests, ...eph.requests },
      limits: { cpu: DEFAULT_JOB_CPU_LIMIT, ...j.resources.limits, ...eph.limits },
    },
    securityContext: containerSecurityContext(),
    volumeMounts: [
      { name: "tmp", mountPath: "/tmp" },
      ...(credentials ? [{ name: "credentials", mountPath: CREDENTIALS_DIR, readOnly: true }] : []),
    ],
  };
  return {
    apiVersion: "batch/v1",
    kind: "CronJob",
    metadata: { name: j.name, namespace, labels },
    spec: {
      schedule: j.schedule,
      timeZone: "Etc/UTC",
      // Two runs of a maintenance job at once would race on the same tables.
      concurrencyPolicy: "Forbid",
      startingDeadlineSeconds: startingDeadlineSeconds(maxIntervalSeconds(j.schedule)),
      suspend: j.suspend ?? false,
      successfulJobsHistoryLimit: 3,
      // One failed run stays for its logs (and JobFailed) until the next failure replaces it.
      failedJobsHistoryLimit: 1,
      jobTemplate: {
        metadata: { labels },
        spec: {
          backoffLimit: j.backoffLimit,
          activeDeadlineSeconds: j.timeoutSeconds,
          template: {
            metadata: { labels: podLabels },
            spec: { ...basePodSpec(JOBS_SERVICE_ACCOUNT, [container], credentials), restartPolicy: "Never" },
          },
        },
      },
    },
  };
}
