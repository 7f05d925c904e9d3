/** Maps parsed stack config onto the alerting component's parameters. */
import type { AlertParams } from "../components/alerting/rules";
import type { GantryConfig } from "./config";
import { jobAlertParams } from "./config/jobs";

export function alertParams(cfg: GantryConfig): AlertParams {
  return {
    namespace: cfg.kubernetes.namespace,
    environment: cfg.environment,
    tier: cfg.dataTier,
    postgresReplicas: cfg.postgres.replicas,
    redisReplicas: cfg.redis.replicas,
    workerEnabled: cfg.worker.enabled,
    slo: cfg.slo,
    queue: cfg.alerting.queue,
    restoreDrillMaxAgeDays: cfg.alerting.restoreDrillMaxAgeDays,
    replicationLagSeconds: cfg.alerting.replicationLagSeconds,
    jobs: jobAlertParams(cfg),
  };
}
