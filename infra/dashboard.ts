/** Maps stack config and the data components onto the stack's Grafana dashboard (one call from program.ts). */
import * as pulumi from "@pulumi/pulumi";
import { memberClusterId } from "../components/cloudwatch/alarms";
import { Dashboard } from "../components/dashboard";
import type { Postgres } from "../components/postgres";
import type { Redis } from "../components/redis";
import type { GantryConfig } from "./config";

export function buildDashboard(cfg: GantryConfig, db: Postgres, cache: Redis, opts: pulumi.ComponentResourceOptions): Dashboard {
  const groupId = cache.replicationGroupId;
  return new Dashboard(
    "gantry",
    {
      namespace: cfg.kubernetes.namespace,
      environment: cfg.environment,
      tier: cfg.dataTier,
      workerEnabled: cfg.worker.enabled,
      queueMetric: cfg.alerting.queue.metric,
      latencyMs: cfg.slo.latencyMs,
      rdsInstances: (db.rdsInstances ?? []).map((i) => i.identifier),
      cacheClusters: groupId
        ? Array.from({ length: 1 + cfg.redis.replicas }, (_, n) => pulumi.output(groupId).apply((id) => memberClusterId(id, n)))
        : [],
    },
    opts,
  );
}
