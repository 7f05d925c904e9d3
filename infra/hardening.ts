/** Maps `gantry:hardening.*` onto the managed data tier's key and log retention (one call from program.ts). */
import type * as pulumi from "@pulumi/pulumi";
import { DataKey, type AwsHardening } from "../components/common/kms";
import type { GantryConfig } from "./config";
import { resolveHardening } from "./config/hardening";

/** What Postgres and Redis get: the customer-managed key when `hardening.kms`, and log retention. */
export function buildAwsHardening(cfg: GantryConfig, opts: pulumi.ComponentResourceOptions): AwsHardening | undefined {
  if (cfg.dataTier !== "managed") return undefined;
  const h = resolveHardening(cfg);
  const key = h.kms
    ? new DataKey(
        "data",
        {
          description: `Gantry data tier (${cfg.environment}): RDS, Performance Insights, ElastiCache, log groups`,
          tags: { "gantry:component": "data-key", "gantry:environment": cfg.environment },
          protect: cfg.environment === "production",
        },
        opts,
      )
    : undefined;
  return { kmsKeyArn: key?.arn, logRetentionDays: h.logRetentionDays };
}
