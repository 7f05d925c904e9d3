/**
 * `gantry:alerting.sns.*` and `gantry:alerting.cloudwatch.*`: where the managed tier's
 * CloudWatch alarms notify, and their thresholds. Defaults follow AWS's recommended alarms for
 * RDS and ElastiCache, except evictions: Redis is also our job queue, so one eviction is lost work.
 */
import { z } from "zod";
import { rdsMaxConnections, rdsMemoryGiB } from "../../components/cloudwatch/sizing";
import type { Problem } from "./rules";
import type { GantryConfig } from "./schema";

const percent = z.number().min(1).max(100);

export const SNS_PROTOCOLS = ["email", "email-json", "https", "sms", "sqs", "lambda", "firehose"] as const;

const subscription = z
  .object({
    /** Stable child-resource name (renaming one subscription never touches the others). */
    name: z.string().regex(/^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$/, "must be a short lowercase name such as oncall-email"),
    protocol: z.enum(SNS_PROTOCOLS),
    /** E-mail address, https URL, E.164 phone number or ARN. https URLs must be Pulumi secrets. */
    endpoint: z.string().min(1),
  })
  .strict();

export const snsSchema = z
  .object({
    subscriptions: z.array(subscription).default([]),
  })
  .strict();

const rdsThresholds = z
  .object({
    cpuPercent: percent.default(80),
    /** Of `postgres.storageGb` (storage autoscaling only grows it, so this stays conservative). */
    freeStoragePercent: percent.default(10),
    /** Of the instance class's memory. */
    freeableMemoryPercent: percent.default(10),
    /** Of max_connections (`postgres.parameters.max_connections`, else RDS's default for the class). */
    connectionsPercent: percent.default(80),
    /** gp2 storage only: its I/O burst bucket. */
    burstBalancePercent: percent.default(20),
    /** db.t* classes only: CPU credits left (unlimited mode bills beyond them). */
    cpuCreditBalance: z.number().min(0).default(20),
  })
  .strict();

const elasticacheThresholds = z
  .object({
    /** Host CPU; what matters on nodes with 2 vCPUs or fewer. */
    cpuPercent: percent.default(90),
    /** The Redis thread's CPU. */
    engineCpuPercent: percent.default(90),
    /** Of maxmemory. */
    memoryPercent: percent.default(80),
    /** Evictions per 5 minutes above which to alarm (0: any eviction). */
    evictions: z.number().int().min(0).default(0),
  })
  .strict();

export const cloudwatchSchema = z
  .object({
    rds: rdsThresholds.default(rdsThresholds.parse({})),
    elasticache: elasticacheThresholds.default(elasticacheThresholds.parse({})),
  })
  .strict();

const isSecretPath = (path: string, secretPaths: ReadonlySet<string>) => {
  const parts = path.split(".");
  return parts.some((_, i) => secretPaths.has(parts.slice(0, i + 1).join(".")));
};

const FORMATS: Record<(typeof SNS_PROTOCOLS)[number], [RegExp, string]> = {
  email: [/^[^@\s]+@[^@\s]+\.[^@\s]+$/, "an e-mail address"],
  "email-json": [/^[^@\s]+@[^@\s]+\.[^@\s]+$/, "an e-mail address"],
  https: [/^https:\/\/\S+$/, "an https:// URL"],
  sms: [/^\+[1-9]\d{6,14}$/, "an E.164 phone number such as +4915112345678"],
  sqs: [/^arn:aws[\w-]*:sqs:/, "an SQS queue ARN"],
  lambda: [/^arn:aws[\w-]*:lambda:/, "a Lambda function ARN"],
  firehose: [/^arn:aws[\w-]*:firehose:/, "a Firehose delivery stream ARN"],
};

/**
 * Subscription endpoints: https URLs carry tokens (PagerDuty's integration key, a chat webhook),
 * so they must be Pulumi secrets; plaintext endpoints must match their protocol. Secret values
 * are not checked here (offline they are masked placeholders).
 */
export function snsProblems(c: GantryConfig, secretPaths: ReadonlySet<string>): Problem[] {
  const subs = c.alerting.sns.subscriptions;
  const problems: Problem[] = [];
  const seen = new Set<string>();
  subs.forEach((s, i) => {
    const path = `alerting.sns.subscriptions.${i}`;
    if (seen.has(s.name)) problems.push({ path: `${path}.name`, message: `"${s.name}" is used twice; names must be unique` });
    seen.add(s.name);
    if (isSecretPath(`${path}.endpoint`, secretPaths)) return;
    if (s.protocol === "https") {
      problems.push({
        path: `${path}.endpoint`,
        message: `is plaintext; webhook URLs carry tokens: \`pulumi config set --secret --path 'alerting.sns.subscriptions[${i}].endpoint' <url>\``,
      });
      return;
    }
    const [re, what] = FORMATS[s.protocol];
    if (!re.test(s.endpoint)) problems.push({ path: `${path}.endpoint`, message: `must be ${what} for protocol ${s.protocol}` });
  });
  if (c.environment === "production" && c.dataTier === "managed" && subs.length === 0) {
    problems.push({
      path: "alerting.sns.subscriptions",
      message:
        "must list at least one subscription in production: the CloudWatch alarms notify this topic, and nobody would hear them",
    });
  }
  return problems;
}

/** Thresholds that depend on the RDS class: its memory must be known (or max_connections set). */
export function cloudwatchProblems(c: GantryConfig): Problem[] {
  if (c.dataTier !== "managed") return [];
  const cls = c.postgres.instanceClass;
  const problems: Problem[] = [];
  if (rdsMemoryGiB(cls) === undefined) {
    problems.push({
      path: "postgres.instanceClass",
      message: `${cls}: its memory is unknown to Gantry, so the FreeableMemory alarm has no threshold; use a db.t*, db.m*, db.r* or db.x2g class`,
    });
  } else if (rdsMaxConnections(cls, c.postgres.parameters.max_connections) === undefined) {
    problems.push({
      path: "postgres.parameters.max_connections",
      message: "must be a positive integer (the DatabaseConnections alarm is a percentage of it)",
    });
  }
  return problems;
}
