/** Maps `gantry:jobs` onto the maintenance jobs component and their alert parameters (one call from program.ts). */
import type * as pulumi from "@pulumi/pulumi";
import type { JobAlertParams } from "../components/alerting/types";
import type { SecretKeyRef } from "../components/common/types";
import { lateAfterSeconds, MaintenanceJobs } from "../components/jobs";
import type { GantryConfig } from "./config";
import { appResources } from "./mapping";

export function buildJobs(
  cfg: GantryConfig,
  databaseUrl: SecretKeyRef,
  databaseClientLabels: Record<string, string>,
  opts: pulumi.ComponentResourceOptions,
): MaintenanceJobs | undefined {
  if (cfg.jobs.length === 0) return undefined;
  return new MaintenanceJobs(
    "jobs",
    {
      namespace: cfg.kubernetes.namespace,
      jobs: cfg.jobs.map((j) => ({ ...j, resources: appResources(j.resources) })),
      databaseUrl,
      databaseClientLabels,
    },
    opts,
  );
}

/** What the job alerts need: each CronJob's late threshold and slow-run budget. */
export function jobAlertParams(cfg: GantryConfig): JobAlertParams[] {
  return cfg.jobs.map((j) => ({
    name: j.name,
    lateAfterSeconds: lateAfterSeconds(j.schedule, j.timeoutSeconds),
    maxDurationSeconds: j.maxDurationSeconds,
  }));
}
