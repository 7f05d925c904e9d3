// The in-cluster backup CronJobs (restore drill, Redis RDB copy) of production, planned from
// Pulumi.production.yaml with dataTier=in-cluster and a drill row-count check, under mocks.
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Plan, PlanResource } from "../../src/plan/run";
import { IMAGES, imageRef } from "../../components/common/images";
import { expectValidKubernetes, mandatory, named, ofType, planStack, ROOT } from "./harness";

let plan: Plan;
beforeAll(async () => {
  plan = await planStack("production", [
    "dataTier=in-cluster",
    'backups.drill.minRows={"public.orders":1000}',
    'backups.drill.validationSql=["select count(*) > 0 from public.customers"]',
  ]);
}, 60_000);

const cronJob = (name: string) => named(plan, "kubernetes:batch/v1:CronJob", name).inputs as Record<string, any>;
const pod = (name: string) => cronJob(name).spec.jobTemplate.spec.template.spec as Record<string, any>;
const env = (c: { env: Array<{ name: string; value?: string }> }) => Object.fromEntries(c.env.map((e) => [e.name, e.value]));

function expectHardened(p: Record<string, any>, sa: PlanResource) {
  expect(p.automountServiceAccountToken).toBe(false);
  expect(sa.inputs.automountServiceAccountToken).toBe(false);
  expect(p.serviceAccountName).toBe((sa.inputs.metadata as any).name);
  expect(p.securityContext.runAsUser).toBeGreaterThanOrEqual(10000);
  for (const c of [...(p.initContainers ?? []), ...p.containers]) {
    expect(c.securityContext).toMatchObject({
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ["ALL"] },
    });
    expect(c.image).toMatch(/@sha256:[a-f0-9]{64}$/);
    expect(c.resources.requests["ephemeral-storage"]).toBeDefined();
    expect(c.resources.limits.memory).toBeDefined();
  }
  for (const v of p.volumes.filter((x: any) => x.emptyDir)) expect(v.emptyDir.sizeLimit).toBeDefined();
}

describe("production (in-cluster) restore drill", () => {
  it("runs weekly (Sunday 05:00 UTC), never overlapping, with deadlines and bounded history", () => {
    const spec = cronJob("restore-drill").spec;
    expect(spec).toMatchObject({
      schedule: "0 5 * * 0",
      timeZone: "Etc/UTC",
      concurrencyPolicy: "Forbid",
      startingDeadlineSeconds: 3600,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 3,
    });
    expect(spec.jobTemplate.spec).toMatchObject({ backoffLimit: 0, activeDeadlineSeconds: 4 * 3600 });
    expect(cronJob("restore-drill").metadata.labels).toMatchObject({
      "gantry.dev/component": "backup-drill",
      "gantry.dev/drill": "true",
    });
  });

  it("restores the CNPG cluster's backups with Postgres 17 + barman-cloud, pinned by digest", () => {
    const [c] = pod("restore-drill").containers;
    expect(c.image).toBe(imageRef(IMAGES.cnpgSystem17));
    expect(env(c)).toMatchObject({
      DRILL_SOURCE_URL: "s3://acme-gantry-production-backups/gantry-production",
      DRILL_SERVER_NAME: "db",
      DRILL_DATABASE: "app",
      DRILL_MIN_ROWS: "public.orders=1000",
      DRILL_MAX_AGE_SECONDS: String(2 * 86400),
      DRILL_PUSHGATEWAY_URL: "http://pushgateway.monitoring.svc:9091",
      DRILL_NAMESPACE: "gantry-production",
      PGBIN: "/usr/lib/postgresql/17/bin",
    });
    // The copy gets a volume of the source's size, claimed for the pod's lifetime only.
    const copy = pod("restore-drill").volumes.find((v: any) => v.name === "copy");
    expect(copy.ephemeral.volumeClaimTemplate.spec.resources.requests.storage).toBe("100Gi");
  });

  it("ships the drill script of the project and one file per validation query", () => {
    const data = named(plan, "kubernetes:core/v1:ConfigMap", "restore-drill-script").inputs.data as Record<string, string>;
    for (const file of ["drill.sh", "pick-backup.py"]) {
      expect(data[file]).toBe(readFileSync(path.join(ROOT, "components/backups/scripts", file), "utf8"));
    }
    expect(data["check-01.sql"]).toBe("select count(*) > 0 from public.customers\n");
    expect(Object.keys(data).sort()).toEqual(["check-01.sql", "drill.sh", "pick-backup.py"]);
  });

  it("meets the hardening bar", () => {
    expectHardened(pod("restore-drill"), named(plan, "kubernetes:core/v1:ServiceAccount", "restore-drill-sa"));
  });

  it("is reported in the backups output", () => {
    expect(plan.outputs.backups).toMatchObject({
      drill: { kind: "cronjob-restore", cronJob: "restore-drill", schedule: "0 5 * * 0", maxAgeDays: 2, checks: 2 },
    });
  });
});

describe("production (in-cluster) Redis RDB copy", () => {
  it("copies daily at 02:30 UTC and keeps 7 days of copies next to the Postgres backups", () => {
    const spec = cronJob("redis-backup").spec;
    expect(spec).toMatchObject({ schedule: "30 2 * * *", timeZone: "Etc/UTC", concurrencyPolicy: "Forbid" });
    expect(cronJob("redis-backup").metadata.labels).toMatchObject({ "gantry.dev/component": "redis-backup" });
    const upload = pod("redis-backup").containers[0];
    expect(env(upload)).toMatchObject({
      RDB_DESTINATION: "s3://acme-gantry-production-backups/gantry-production",
      RDB_SERVER_NAME: "cache",
      RDB_RETENTION_DAYS: "7",
    });
    expect(plan.outputs.backups).toMatchObject({
      redisCopy: { retentionDays: 7, destination: "s3://acme-gantry-production-backups/gantry-production/redis/cache" },
    });
  });

  it("dumps from the Redis Service as an admitted client, the password as a file, not env", () => {
    const p = pod("redis-backup");
    const [dump] = p.initContainers;
    expect(dump.image).toBe(imageRef(IMAGES.redis74));
    expect(env(dump).REDIS_PORT).toBe("6379");
    expect(dump.env.some((e: any) => e.valueFrom)).toBe(false);
    const auth = p.volumes.find((v: any) => v.name === "redis-auth");
    expect(auth.secret.items).toEqual([{ key: "password", path: "password" }]);
    expect(cronJob("redis-backup").spec.jobTemplate.spec.template.metadata.labels["gantry.dev/redis-client"]).toBe("true");
    expectHardened(p, named(plan, "kubernetes:core/v1:ServiceAccount", "redis-backup-sa"));
  });
});

describe("production (in-cluster) with the backup CronJobs", () => {
  it("validates every Kubernetes object against its schema", async () => {
    // The backup CronJobs, beside the stack's maintenance job (gantry:jobs).
    expect(ofType(plan, "kubernetes:batch/v1:CronJob").map((r) => r.name)).toEqual([
      "restore-drill",
      "redis-backup",
      "jobs-partitions",
    ]);
    expect(await expectValidKubernetes()).toBeGreaterThan(20);
  });

  it("adds no mandatory policy violation", () => {
    expect(mandatory(plan)).toEqual([]);
  });
});
