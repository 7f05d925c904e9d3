/**
 * `gantry:jobs`: scheduled maintenance jobs (e.g. creating next month's table partitions), each
 * a CronJob. Shapes here; cross-entry rules (unique names, real schedules, digests in production)
 * in {@link jobsProblems}.
 */
import { z } from "zod";
import { Cron } from "croner";
import { hasDigest } from "../../components/common/images";
import type { JobAlertParams } from "../../components/alerting/types";
import { lateAfterSeconds } from "../../components/jobs/schedule";
import type { Problem } from "./rules";
import type { GantryConfig } from "./schema";

/** Five whitespace-separated fields: Kubernetes CronJobs take no seconds field and no macros here. */
const fiveFields = /^\S+\s+\S+\s+\S+\s+\S+\s+\S+$/;

/**
 * The entry schema, built from the top-level schema's image and resources shapes (passed in, so
 * this module does not import schema.ts, which imports it).
 */
export function jobsSchema(parts: {
  image: z.ZodType<string>;
  resources: z.ZodType<{ cpu: string; memory: string; cpuLimit?: string | undefined }>;
}) {
  const job = z
    .object({
      /** CronJob name; Jobs get `<name>-<minutes since epoch>` (11 more characters, within 63). */
      name: z.string().regex(/^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$/, "must be a DNS label of at most 40 characters"),
      /** Five-field cron, UTC. */
      schedule: z
        .string()
        .regex(fiveFields, "must be a five-field cron schedule (minute hour day month weekday) in UTC, e.g. `0 3 25 * *`"),
      image: parts.image,
      command: z.array(z.string().min(1)).min(1),
      /** Hard limit: the run is killed (and counts as failed) after this long. */
      timeoutSeconds: z.number().int().min(30).max(86400).default(600),
      /** A run still going after this long alerts `JobSlow` (USERS.md: jobs under 30 s). */
      maxDurationSeconds: z.number().int().min(1).max(86400).default(30),
      /** Retries of a failed run within one schedule slot. */
      backoffLimit: z.number().int().min(0).max(10).default(1),
      resources: parts.resources.default({ cpu: "100m", memory: "128Mi" }),
      env: z.record(z.string().regex(/^[A-Z_][A-Z0-9_]*$/, "env names are UPPER_SNAKE_CASE"), z.string()).default({}),
      /** Give the job DATABASE_URL (and admit it through the database's NetworkPolicy). */
      database: z.boolean().default(false),
      suspend: z.boolean().default(false),
    })
    .strict();
  return z.array(job).default([]);
}

/** Problems with a five-field cron (undefined when valid), from croner's parser. */
export function cronProblem(schedule: string): string | undefined {
  try {
    new Cron(schedule, { paused: true, timezone: "Etc/UTC" });
    return undefined;
  } catch (e) {
    return (e as Error).message.replace(/^CronPattern: /, "");
  }
}

export function jobsProblems(c: GantryConfig): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  c.jobs.forEach((j, i) => {
    const at = `jobs.${i}`;
    if (seen.has(j.name)) problems.push({ path: `${at}.name`, message: `"${j.name}" is used twice; job names must be unique` });
    seen.add(j.name);
    const bad = cronProblem(j.schedule);
    if (bad) problems.push({ path: `${at}.schedule`, message: `"${j.schedule}" is not a valid cron schedule: ${bad}` });
    if (j.maxDurationSeconds > j.timeoutSeconds) {
      problems.push({
        path: `${at}.maxDurationSeconds`,
        message: `must be <= timeoutSeconds (${j.timeoutSeconds}): the run is killed then`,
      });
    }
    if (c.environment === "production" && !hasDigest(j.image)) {
      problems.push({
        path: `${at}.image`,
        message: `"${j.image}" has no digest: production runs only images pinned by digest, e.g. ${j.image}@sha256:<64 hex>`,
      });
    }
  });
  return problems;
}

/** What the job alerts need: each CronJob's late threshold and slow-run budget. Pure (no Pulumi). */
export function jobAlertParams(c: GantryConfig): JobAlertParams[] {
  return c.jobs.map((j) => ({
    name: j.name,
    lateAfterSeconds: lateAfterSeconds(j.schedule, j.timeoutSeconds),
    maxDurationSeconds: j.maxDurationSeconds,
  }));
}
