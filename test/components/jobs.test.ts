// Maintenance CronJobs under mocks: schedule semantics, deadlines, history, hardening, and the
// database URL and NetworkPolicy labels only for jobs that ask for them.
import { beforeAll, describe, expect, it } from "vitest";
import { type Capture, ofType, one, plain, startCapture } from "../helpers/pulumi";
import { schemaErrors } from "../helpers/k8s-schema";
import type { MaintenanceJob } from "../../components/jobs";

let cap: Capture;
const IMAGE = `ghcr.io/acme/app:1.4.1@sha256:${"a".repeat(64)}`;
const base: MaintenanceJob = {
  name: "partitions",
  schedule: "0 3 25 * *",
  image: IMAGE,
  command: ["npm", "run", "db:create-partitions"],
  timeoutSeconds: 900,
  maxDurationSeconds: 30,
  backoffLimit: 1,
  resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "128Mi" } },
  database: true,
};

beforeAll(async () => {
  cap = await startCapture({ stack: "jobs" });
  const { MaintenanceJobs } = await import("../../components/jobs");
  new MaintenanceJobs("jobs", {
    namespace: "shop",
    jobs: [
      base,
      { ...base, name: "cache-warm", schedule: "*/5 * * * *", database: false, env: { MODE: "warm" }, timeoutSeconds: 120 },
    ],
    databaseUrl: { name: "db-url", key: "DATABASE_URL" },
    databaseClientLabels: { "gantry.dev/db-client": "true" },
  });
  await cap.settle();
});

const cron = (name: string) => plain(one(cap, "kubernetes:batch/v1:CronJob", `jobs-${name}`));

describe("MaintenanceJobs", () => {
  it("creates one CronJob per entry, named by the entry, plus one token-less ServiceAccount", () => {
    expect(
      ofType(cap, "kubernetes:batch/v1:CronJob")
        .map((c) => c.name)
        .sort(),
    ).toEqual(["jobs-cache-warm", "jobs-partitions"]);
    expect(plain(one(cap, "kubernetes:core/v1:ServiceAccount")).automountServiceAccountToken).toBe(false);
  });

  it("never overlaps runs, bounds each run and keeps a short history", () => {
    const spec = cron("partitions").spec;
    expect(spec).toMatchObject({
      schedule: "0 3 25 * *",
      timeZone: "Etc/UTC",
      concurrencyPolicy: "Forbid",
      startingDeadlineSeconds: 600,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      suspend: false,
    });
    expect(spec.jobTemplate.spec).toMatchObject({ backoffLimit: 1, activeDeadlineSeconds: 900 });
    // Every five minutes: a run may start up to half the interval late, not ten minutes.
    expect(cron("cache-warm").spec.startingDeadlineSeconds).toBe(150);
  });

  it("gives DATABASE_URL and the db-client label only to the job that asks for the database", () => {
    const pod = (n: string) => cron(n).spec.jobTemplate.spec.template;
    const env = (n: string) => pod(n).spec.containers[0].env.map((e: { name: string }) => e.name);
    expect(env("partitions")).toEqual(["DATABASE_URL", "GANTRY_JOB"]);
    expect(pod("partitions").spec.containers[0].env[0].valueFrom.secretKeyRef).toEqual({ name: "db-url", key: "DATABASE_URL" });
    expect(pod("partitions").metadata.labels["gantry.dev/db-client"]).toBe("true");
    expect(env("cache-warm")).toEqual(["MODE", "GANTRY_JOB"]);
    expect(pod("cache-warm").metadata.labels["gantry.dev/db-client"]).toBeUndefined();
  });

  it("runs hardened: own account, no token, non-root >= 10000, read-only root, no capabilities, bounded /tmp", () => {
    const spec = cron("partitions").spec.jobTemplate.spec.template.spec;
    expect(spec).toMatchObject({
      serviceAccountName: "maintenance-jobs",
      automountServiceAccountToken: false,
      restartPolicy: "Never",
    });
    expect(spec.securityContext.runAsUser).toBeGreaterThanOrEqual(10000);
    const c = spec.containers[0];
    expect(c.securityContext).toMatchObject({
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ["ALL"] },
    });
    expect(c.resources.requests["ephemeral-storage"]).toBeDefined();
    // Batch work gets a CPU limit by default (it protects no latency, and must not starve the app).
    expect(c.resources.limits).toMatchObject({ cpu: "1", memory: "128Mi" });
    expect(spec.volumes).toEqual([{ name: "tmp", emptyDir: { sizeLimit: "256Mi" } }]);
    expect(c.image).toBe(IMAGE);
    expect(c.command).toEqual(["npm", "run", "db:create-partitions"]);
  });

  it("passes the Kubernetes schema", async () => {
    for (const r of ofType(cap, "kubernetes:batch/v1:CronJob")) {
      expect(await schemaErrors({ apiVersion: "batch/v1", kind: "CronJob", ...plain(r) })).toEqual([]);
    }
  });
});

describe("maintenance jobs with credentialsAsFiles (production's default)", () => {
  it("mount DATABASE_URL as a read-only 0400 file and never put it in the environment", async () => {
    const { cronJobObject } = await import("../../components/jobs/cronjob");
    const obj = cronJobObject(base, "shop", { name: "db-url", key: "DATABASE_URL" }, {}, true) as any;
    const pod = obj.spec.jobTemplate.spec.template.spec;
    const env = pod.containers[0].env;
    expect(env.find((e: any) => e.name === "DATABASE_URL")).toBeUndefined();
    expect(env).toContainEqual({ name: "DATABASE_URL_FILE", value: "/var/run/secrets/gantry/DATABASE_URL" });
    expect(pod.volumes.find((v: any) => v.name === "credentials").projected).toEqual({
      defaultMode: 0o400,
      sources: [{ secret: { name: "db-url", items: [{ key: "DATABASE_URL", path: "DATABASE_URL" }] } }],
    });
    expect(pod.containers[0].volumeMounts).toContainEqual({
      name: "credentials",
      mountPath: "/var/run/secrets/gantry",
      readOnly: true,
    });
    // A job without the database gets no credentials volume at all.
    const plainJob = cronJobObject(
      { ...base, database: false },
      "shop",
      { name: "db-url", key: "DATABASE_URL" },
      {},
      true,
    ) as any;
    expect(plainJob.spec.jobTemplate.spec.template.spec.volumes.map((v: any) => v.name)).toEqual(["tmp"]);
    expect(await schemaErrors(obj)).toEqual([]);
  });
});
