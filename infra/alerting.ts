/** Maps parsed stack config onto the alerting component (one call from program.ts). */
import * as pulumi from "@pulumi/pulumi";
import { Alerting, type Receiver } from "../components/alerting";
import { defaultRoutes, SEVERITIES } from "../components/alerting/receivers";
import type { AlertParams } from "../components/alerting/rules";
import type { GantryConfig } from "./config";
import { toReceiver } from "./config/alerting-receivers";
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

/** Receivers as config gives them; credential strings are Pulumi secrets from here on. */
export function receivers(cfg: GantryConfig): Record<string, Receiver<string>> {
  return Object.fromEntries(Object.entries(cfg.alerting.receivers).map(([n, r]) => [n, toReceiver(r)]));
}

/** `alerting.routes` over the environment's defaults, severity by severity. */
export function routes(cfg: GantryConfig) {
  const defaults = defaultRoutes(cfg.environment, receivers(cfg));
  return Object.fromEntries(SEVERITIES.map((s) => [s, cfg.alerting.routes?.[s] ?? defaults[s]])) as typeof defaults;
}

export function buildAlerting(cfg: GantryConfig, opts: pulumi.ComponentResourceOptions): Alerting {
  // Config parsing leaves credential strings plain: from here on they are Pulumi secrets.
  const secretReceivers = Object.fromEntries(
    Object.entries(cfg.alerting.receivers).map(([n, r]) => [n, toReceiver(r, (s) => pulumi.secret(s))]),
  );
  return new Alerting(
    "alerting",
    {
      params: alertParams(cfg),
      ruleLabels: cfg.alerting.ruleLabels,
      routingLabels: cfg.alerting.routingLabels,
      receivers: secretReceivers,
      routes: routes(cfg),
    },
    opts,
  );
}
