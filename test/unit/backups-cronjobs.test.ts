// The in-cluster backup CronJobs as pure objects: what each environment gets, how credentials
// reach the pods (files, never env), and the config errors of the drill's row-count checks.
import { describe, expect, it } from "vitest";
import type { BackupsArgs } from "../../components/backups/args";
import { DRILL_IMAGES, drillConfigData, drillCronJob, redisBackupCronJob } from "../../components/backups/cronjobs";
import { backupsSummary, resolveBackupsArgs } from "../../components/backups/defaults";
import { IMAGES, imageRef } from "../../components/common/images";
import { parseConfig } from "../../infra/config";
import { backupsSchema } from "../../infra/config/backups";

const args = (over: Partial<BackupsArgs> = {}) =>
  resolveBackupsArgs({
    environment: "production",
    tier: "in-cluster",
    namespace: "gantry",
    objectStore: { bucket: "acme-backups" },
    postgres: { name: "db", databaseName: "app", storageGb: 50, version: "17" },
    redis: {
      name: "cache",
      host: "cache.gantry.svc",
      port: 6379,
      passwordSecret: { name: "cache-auth", key: "password" },
      storageGb: 5,
    },
    ...over,
  });

const podOf = (job: ReturnType<typeof drillCronJob>) => (job.spec as any).jobTemplate.spec.template.spec;
const envOf = (c: any) => Object.fromEntries(c.env.map((e: any) => [e.name, e.value]));

describe("restore drill CronJob", () => {
  it("is on in production and off in staging unless enabled", () => {
    expect(backupsSummary(args()).drill).toMatchObject({ kind: "cronjob-restore", schedule: "0 5 * * 0" });
    expect(backupsSummary(args({ environment: "staging" })).drill).toBeNull();
    expect(backupsSummary(args({ environment: "staging", drill: { enabled: true, schedule: "0 6 * * *" } })).drill).toMatchObject(
      {
        schedule: "0 6 * * *",
      },
    );
  });

  it("runs the image of the cluster's major version", () => {
    expect(podOf(drillCronJob(args(), "cm")).containers[0].image).toBe(imageRef(IMAGES.cnpgSystem17));
    const pg16 = args({ postgres: { name: "db", databaseName: "app", storageGb: 50, version: "16" } });
    const c = podOf(drillCronJob(pg16, "cm")).containers[0];
    expect([c.image, envOf(c).PGBIN]).toEqual([DRILL_IMAGES["16"], "/usr/lib/postgresql/16/bin"]);
  });

  it("mounts the object store's credentials Secret as files and passes a custom endpoint and region", () => {
    const a = args({
      objectStore: { bucket: "b", endpoint: "https://minio.example:9000", region: "eu-west-1", credentialsSecret: "s3-creds" },
    });
    const pod = podOf(drillCronJob(a, "cm"));
    const c = pod.containers[0];
    expect(envOf(c)).toMatchObject({
      DRILL_ENDPOINT_URL: "https://minio.example:9000",
      AWS_DEFAULT_REGION: "eu-west-1",
      DRILL_CREDENTIALS_DIR: "/etc/drill/s3",
    });
    expect(c.env.some((e: any) => e.valueFrom)).toBe(false);
    expect(pod.volumes.find((v: any) => v.name === "s3-credentials").secret).toMatchObject({
      secretName: "s3-creds",
      defaultMode: 0o440,
    });
    // Without a Secret the pod's IAM role is used: nothing mounted.
    expect(podOf(drillCronJob(args(), "cm")).volumes.some((v: any) => v.name === "s3-credentials")).toBe(false);
  });

  it("writes one check file per validation query and the row counts as one setting", () => {
    const a = args({
      drill: { validationSql: ["select true", " select 1 = 1 "], minRows: { "public.orders": 10, "public.users": 1 } },
    });
    expect(Object.keys(drillConfigData(a, { "drill.sh": "#!/bin/bash" }))).toEqual(["drill.sh", "check-01.sql", "check-02.sql"]);
    expect(drillConfigData(a, {})["check-02.sql"]).toBe("select 1 = 1\n");
    expect(envOf(podOf(drillCronJob(a, "cm")).containers[0]).DRILL_MIN_ROWS).toBe("public.orders=10 public.users=1");
    expect(backupsSummary(a).drill).toMatchObject({ checks: 4 });
  });
});

describe("redis-backup CronJob", () => {
  it("keeps copies for backups.redis.retentionDays on its schedule, sized by the Redis volume", () => {
    const job = redisBackupCronJob(args({ redisCopy: { schedule: "15 3 * * *", retentionDays: 14 } }), "cm")!;
    expect((job.spec as any).schedule).toBe("15 3 * * *");
    // Retried (unlike the drill, whose failure is the finding), within an hour.
    expect((job.spec as any).jobTemplate.spec).toMatchObject({ backoffLimit: 2, activeDeadlineSeconds: 3600 });
    const pod = podOf(job);
    expect(envOf(pod.containers[0])).toMatchObject({ RDB_RETENTION_DAYS: "14", RDB_SERVER_NAME: "cache" });
    expect(pod.volumes.find((v: any) => v.name === "backup").ephemeral.volumeClaimTemplate.spec.resources.requests.storage).toBe(
      "5Gi",
    );
  });

  it("exists only with an in-cluster Redis", () => {
    expect(redisBackupCronJob(args({ redis: undefined }), "cm")).toBeUndefined();
    expect(backupsSummary(args({ redis: undefined })).redisCopy).toBeNull();
  });
});

describe("backups.drill.minRows config", () => {
  // Other keys of this minimal config have their own problems: only the minRows ones are checked.
  const problems = (minRows: unknown) => {
    const r = parseConfig({ environment: "production", backups: { drill: { minRows } } });
    return r.ok ? [] : r.problems.filter((p) => p.path.startsWith("backups.drill.minRows"));
  };
  it.each([
    [{ orders: 1 }, "backups.drill.minRows.orders", "must be a table as schema.table"],
    [{ "public.Orders": 1 }, "backups.drill.minRows.public.Orders", "must be a table as schema.table"],
    [{ "public.orders": 0 }, "backups.drill.minRows.public.orders", ">=1"],
    [{ "public.orders": 1.5 }, "backups.drill.minRows.public.orders", "int"],
    [["public.orders"], "backups.drill.minRows", "record"],
  ])("rejects %j naming %s", (minRows, path, message) => {
    const p = problems(minRows);
    expect(p.map((x) => x.path)).toEqual([path]);
    expect(p[0]!.message.replace(/\s/g, "")).toContain(message.replace(/\s/g, ""));
  });

  it("accepts schema-qualified tables with positive counts", () => {
    expect(problems({ "public.orders": 100 })).toEqual([]);
    expect(backupsSchema.parse({ drill: { minRows: { "public.orders": 100 } } }).drill.minRows).toEqual({ "public.orders": 100 });
  });
});
