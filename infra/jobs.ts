/** Maps `gantry:jobs` onto the maintenance jobs component (one call from program.ts); alert parameters: config/jobs.ts. */
import type * as pulumi from "@pulumi/pulumi";
import type { SecretKeyRef } from "../components/common/types";
import { MaintenanceJobs } from "../components/jobs";
import type { GantryConfig } from "./config";
import { resolveHardening } from "./config/hardening";
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
      credentialsAsFiles: resolveHardening(cfg).credentialsAsFiles,
    },
    opts,
  );
}
