/** Maps parsed stack config onto the alerting component (one call from program.ts). */
import * as pulumi from "@pulumi/pulumi";
import { Alerting, type Receiver } from "../components/alerting";
import { defaultRoutes, SEVERITIES, secretFields } from "../components/alerting/receivers";
import type { AlertParams } from "../components/alerting/rules";
import type { GantryConfig } from "./config";
import { toReceiver } from "./config/alerting-receivers";

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
  const secretReceivers = Object.fromEntries(Object.entries(receivers(cfg)).map(([n, r]) => [n, withSecretValues(r)]));
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

/** The receiver with every inline credential wrapped as a Pulumi secret (config parsing leaves plain strings). */
function withSecretValues(r: Receiver<string>): Receiver<pulumi.Input<string>> {
  const copy = structuredClone(r) as Record<string, Record<string, unknown>>;
  for (const [field] of secretFields(r)) {
    const [integration, key] = field.split(".") as [string, string];
    const s = copy[integration]![key] as { value?: string };
    if (s.value !== undefined) copy[integration]![key] = { value: pulumi.secret(s.value) };
  }
  return copy;
}
