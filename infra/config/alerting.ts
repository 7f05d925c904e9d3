/**
 * `gantry:slo.*` and `gantry:alerting.*`: SLO targets and alert thresholds. Defaults are the
 * numbers our users gave (USERS.md): 99.9 % availability, p95 under 500 ms, errors under 0.1 %.
 */
import { z } from "zod";
import { receiverKeys } from "./alerting-receivers";
import { cloudwatchSchema, snsSchema } from "./cloudwatch";

export const sloSchema = z
  .object({
    /** Percentage of non-5xx requests over 30 days. */
    availabilityPercent: z.number().min(90).max(99.999).default(99.9),
    /** Requests slower than this count against the latency SLO; must be a histogram bucket bound. */
    latencyMs: z.number().int().min(1).max(60000).default(500),
    /** Percentage of requests that must be faster than latencyMs over 30 days. */
    latencyPercent: z.number().min(50).max(99.999).default(95),
    /** The instant 5xx ratio that warns (independent of the budget burn alerts). */
    errorRatioPercent: z.number().min(0.001).max(50).default(0.1),
  })
  .strict();

export const alertingSchema = z
  .object({
    queue: z
      .object({
        /** Gauge the worker exports with the number of waiting jobs. */
        metric: z
          .string()
          .regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, "must be a Prometheus metric name")
          .default("gantry_queue_depth"),
        backlogThreshold: z.number().int().min(1).default(1000),
      })
      .strict()
      .default({ metric: "gantry_queue_depth", backlogThreshold: 1000 }),
    /** A restore drill older than this pages (the backups issue runs one weekly). */
    restoreDrillMaxAgeDays: z.number().int().min(1).max(90).default(8),
    /** Alert when Postgres replication lag exceeds this. */
    replicationLagSeconds: z.number().int().min(1).default(30),
    ...receiverKeys,
    /** Managed tier: the SNS topic's subscriptions and the CloudWatch alarm thresholds (./cloudwatch.ts). */
    sns: snsSchema.default(snsSchema.parse({})),
    cloudwatch: cloudwatchSchema.default(cloudwatchSchema.parse({})),
  })
  .strict();

/** Spread into the top-level config schema. */
export const alertingKeys = {
  slo: sloSchema.default(sloSchema.parse({})),
  alerting: alertingSchema.default(alertingSchema.parse({})),
};
