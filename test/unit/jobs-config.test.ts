// `gantry:jobs`: schedules understood as cron, lateness derived from them, errors naming the key.
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { load } from "js-yaml";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../infra/config";
import { jobAlertParams } from "../../infra/config/jobs";
import { lateAfterSeconds, maxIntervalSeconds, startingDeadlineSeconds } from "../../components/jobs/schedule";
import { jobs } from "../../components/alerting/groups/jobs";
import { stackParams } from "../helpers/alerting-stacks";

const ROOT = path.resolve(__dirname, "..", "..");
const shipped = (stack: string) =>
  Object.fromEntries(
    Object.entries(
      (load(readFileSync(path.join(ROOT, `Pulumi.${stack}.yaml`), "utf8")) as { config: Record<string, unknown> }).config,
    )
      .filter(([k]) => k.startsWith("gantry:"))
      .map(([k, v]) => [k.slice("gantry:".length), v]),
  ) as Record<string, any>;
const withJobs = (stack: string, list: unknown[]) => ({ ...shipped(stack), jobs: list });
const job = {
  name: "partitions",
  schedule: "0 3 25 * *",
  image: `ghcr.io/acme/app:1.0.0@sha256:${"1".repeat(64)}`,
  command: ["true"],
};
const problems = (r: ReturnType<typeof parseConfig>) => (r.ok ? [] : r.problems);

describe("schedule timing", () => {
  it("finds the longest gap of a schedule", () => {
    expect(maxIntervalSeconds("*/5 * * * *")).toBe(300);
    expect(maxIntervalSeconds("0 3 * * *")).toBe(86400);
    expect(maxIntervalSeconds("0 3 25 * *")).toBe(31 * 86400);
    expect(maxIntervalSeconds("0 3 * * 1-5")).toBe(3 * 86400);
  });

  it("allows a late start of 10 minutes, or half the interval for frequent jobs", () => {
    expect(startingDeadlineSeconds(86400)).toBe(600);
    expect(startingDeadlineSeconds(300)).toBe(150);
  });

  it("calls a monthly job late after a month plus its deadlines, not after a day", () => {
    expect(lateAfterSeconds("0 3 25 * *", 900)).toBe(31 * 86400 + 600 + 900 + 300);
  });
});

describe("gantry:jobs", () => {
  it("ships the partitions example in staging and production, with the database", () => {
    for (const stack of ["staging", "production"]) {
      const r = parseConfig(shipped(stack));
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.config.jobs).toMatchObject([
        { name: "partitions", schedule: "0 3 25 * *", database: true, maxDurationSeconds: 30 },
      ]);
      expect(jobAlertParams(r.config)).toEqual([{ name: "partitions", lateAfterSeconds: 2680200, maxDurationSeconds: 30 }]);
    }
  });

  it("rejects a bad cron with croner's reason, and six fields with the expected form", () => {
    expect(problems(parseConfig(withJobs("staging", [{ ...job, schedule: "61 3 * * *" }])))).toEqual([
      { path: "jobs.0.schedule", message: expect.stringContaining("Invalid value for minute: 61") },
    ]);
    expect(problems(parseConfig(withJobs("staging", [{ ...job, schedule: "0 0 3 * * *" }])))).toEqual([
      { path: "jobs.0.schedule", message: expect.stringContaining("five-field cron") },
    ]);
  });

  it("rejects duplicate names and a slow-run budget above the timeout", () => {
    const r = parseConfig(withJobs("staging", [job, { ...job, maxDurationSeconds: 1000, timeoutSeconds: 600 }]));
    expect(problems(r).map((p) => p.path)).toEqual(["jobs.1.name", "jobs.1.maxDurationSeconds"]);
  });

  it("requires a digest in production and accepts a tag in staging", () => {
    const tagged = { ...job, image: "ghcr.io/acme/app:1.0.0" };
    expect(problems(parseConfig(withJobs("production", [tagged])))).toEqual([
      { path: "jobs.0.image", message: expect.stringContaining("has no digest") },
    ]);
    expect(parseConfig(withJobs("staging", [tagged])).ok).toBe(true);
  });
});

describe("job alerts", () => {
  it("holds each configured CronJob to its own lateness and slow-run thresholds", () => {
    const g = jobs(stackParams("production", "managed"));
    expect(g.alerts.map((a) => a.alert)).toEqual(["JobFailed", "JobNotRunOnTime", "JobNeverSucceeded", "JobSlow"]);
    const expr = (n: string) => g.alerts.find((a) => a.alert === n)!.expr;
    expect(expr("JobNotRunOnTime")).toContain(
      'kube_cronjob_status_last_successful_time{namespace="gantry-production",cronjob="partitions"}) > 2680200',
    );
    expect(expr("JobSlow")).toContain('job_name=~"partitions-[0-9]+"}) > 30');
  });

  it("keeps the generic failure and overdue alerts when no job is configured", () => {
    const g = jobs({ ...stackParams("staging", "managed"), jobs: [] });
    expect(g.alerts.map((a) => a.alert)).toEqual(["JobFailed", "JobNotRunOnTime"]);
  });
});
