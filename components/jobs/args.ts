/** Arguments of the maintenance jobs component. */
import type { Resources, SecretKeyRef } from "../common/types";

/** One scheduled maintenance job. */
export interface MaintenanceJob {
  /** CronJob name (DNS label, ≤ 40 characters). */
  readonly name: string;
  /** Five-field cron, evaluated in UTC. */
  readonly schedule: string;
  /** Image reference (a digest in production). */
  readonly image: string;
  readonly command: readonly string[];
  /** activeDeadlineSeconds of each run. */
  readonly timeoutSeconds: number;
  /** A run still going after this long alerts JobSlow. */
  readonly maxDurationSeconds: number;
  /** Retries within one run. */
  readonly backoffLimit: number;
  readonly resources: Resources;
  /** Plain env vars. @default {} */
  readonly env?: Readonly<Record<string, string>>;
  /** Mount DATABASE_URL and carry the database client labels. @default false */
  readonly database?: boolean;
  /** @default false */
  readonly suspend?: boolean;
}

export interface MaintenanceJobsArgs {
  readonly namespace: string;
  readonly jobs: readonly MaintenanceJob[];
  /** DATABASE_URL's Secret key, for jobs with `database`. */
  readonly databaseUrl?: SecretKeyRef;
  /** Pod labels the database NetworkPolicy admits. @default {} */
  readonly databaseClientLabels?: Readonly<Record<string, string>>;
  /** Mount DATABASE_URL as a read-only file (`DATABASE_URL_FILE`) instead of an env var. @default false */
  readonly credentialsAsFiles?: boolean;
}
