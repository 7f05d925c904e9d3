/**
 * `gantry:backups.*` (schedules, retention, off-site copy, object store, restore drill) and the
 * point-in-time restore keys under `gantry:postgres.*`. Shapes and ranges only; per-environment
 * defaults live in components/backups; the restore rules in ./restore.ts.
 */
import { z } from "zod";
import { RETIRE_STEPS } from "../../components/postgres/retire";

const int = (min: number, max: number) => z.number().int().min(min).max(max);

/** Five-field Kubernetes CronJob schedule (minute hour day-of-month month day-of-week). */
export const cronSchedule = z
  .string()
  .regex(
    /^([\d*/,-]+)\s+([\d*/,-]+)\s+([\d*/,-]+)\s+([\d*/,-]+)\s+([\d*/,-]+)$/,
    "must be a five-field cron schedule (minute hour day month weekday), e.g. `0 5 * * 0`",
  );

const awsRegion = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "must be an AWS region such as eu-central-1");

/** An IAM role ARN (any partition, with an optional path), e.g. arn:aws:iam::123456789012:role/gantry-backups. */
export const iamRoleArn = z
  .string()
  .regex(
    /^arn:aws(-[a-z]+)*:iam::\d{12}:role\/([\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/,
    "must be an IAM role ARN such as arn:aws:iam::123456789012:role/gantry-backups",
  );

/** ISO-8601 UTC instant with a `Z` suffix: RDS and CNPG both take it as is. */
export const utcInstant = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/,
    "must be an ISO-8601 UTC time such as 2026-11-20T10:00:00Z (the trailing Z is required)",
  )
  // Date.parse rolls 2026-02-30 over to March 2nd: compare the fields it read back instead.
  .refine(
    (s) => !Number.isNaN(Date.parse(s)) && new Date(s).toISOString().slice(0, 19) === s.slice(0, 19),
    "is not a real date and time",
  );

/** `gantry:postgres.restore`: a point-in-time copy created next to the current database. */
export const postgresRestoreSchema = z
  .object({
    targetTime: utcInstant.describe("the instant to restore to"),
    /** The database restored from: the stack's own (`primary`) or another RDS identifier / CNPG server name. */
    source: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,62}$/, "must be `primary` or an RDS instance identifier / CNPG server name")
      .default("primary"),
  })
  .strict();

/** `gantry:postgres.serveFrom`: which database the app's DATABASE_URL points at. */
export const serveFromSchema = z.enum(["current", "restored"]).default("current");

/**
 * `gantry:postgres.retireCurrent`: retiring the database that no longer serves, in two updates.
 * `unprotect` makes it deletable with updates only (protect off, deletion protection off, final
 * snapshot and PITR history kept); `delete` stops declaring it, so the engine deletes it.
 */
export const retireCurrentSchema = z.enum(RETIRE_STEPS).optional();

export const backupsSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** UTC hour of the daily backup; weekly (Sunday) and monthly (1st) start one and two hours later. */
    startHour: int(0, 23).default(1),
    daily: z
      .object({ retentionDays: int(1, 35).optional() })
      .strict()
      .prefault({}),
    weekly: z
      .object({ retentionWeeks: int(0, 52).optional() })
      .strict()
      .prefault({}),
    monthly: z
      .object({ retentionMonths: int(0, 120).optional() })
      .strict()
      .prefault({}),
    vaultLock: z.enum(["off", "governance", "compliance"]).optional(),
    crossRegionCopy: z
      .object({ region: awsRegion, retentionDays: int(1, 3650).optional() })
      .strict()
      .optional(),
    /** WAL switch interval in seconds: the in-cluster RPO bound (≤ 5 min). */
    archiveTimeoutSeconds: int(30, 300).default(300),
    objectStore: z
      .object({
        bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "must be an S3 bucket name"),
        path: z
          .string()
          .regex(/^[a-z0-9][a-z0-9/_-]*$/, "must be a relative path such as gantry/production")
          .optional(),
        endpoint: z
          .string()
          .regex(/^https?:\/\/[^\s/]+(:\d+)?\/?$/, "must be an http(s) URL such as https://s3.eu-west-1.amazonaws.com")
          .optional(),
        region: awsRegion.optional(),
        /** Existing Secret with ACCESS_KEY_ID / ACCESS_SECRET_KEY; unset = the pod's IAM role (IRSA). */
        credentialsSecret: z
          .string()
          .regex(/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/, "must be a Secret name")
          .optional(),
        /** IAM role the pods that read the bucket assume (IRSA: `eks.amazonaws.com/role-arn`). */
        roleArn: iamRoleArn.optional(),
      })
      .strict()
      .refine((o) => !(o.roleArn && o.credentialsSecret), {
        path: ["roleArn"],
        message:
          "and credentialsSecret are two ways to reach the bucket: keep roleArn (the pods' IAM role, IRSA) or credentialsSecret (static keys), not both",
      })
      .optional(),
    drill: z
      .object({
        enabled: z.boolean().optional(),
        schedule: cronSchedule.default("0 5 * * 0"),
        validationSql: z.array(z.string().min(1)).default([]),
        /** `schema.table` → the fewest rows the restored copy must hold. */
        minRows: z
          .record(
            z.string().regex(/^[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*$/, "must be a table as schema.table, e.g. public.orders"),
            z.number().int().min(1),
          )
          .default({}),
        validationWindowHours: int(1, 168).default(4),
        /** A backup older than this at drill time fails the drill (and the release checklist). */
        maxAgeDays: int(1, 35).default(2),
        pushgatewayUrl: z
          .string()
          .regex(/^https?:\/\/[^\s]+$/, "must be an http(s) URL")
          .default("http://pushgateway.monitoring.svc:9091"),
      })
      .strict()
      .prefault({}),
    redis: z
      .object({ schedule: cronSchedule.default("30 2 * * *"), retentionDays: int(1, 365).default(7) })
      .strict()
      .prefault({}),
  })
  .strict();

export type BackupsConfig = z.output<typeof backupsSchema>;
