// The Grafana dashboard of every shipped stack, rendered with the Foundation SDK: the rows it
// shows, and every panel query names a metric that our rules record or a known exporter exports.
import { describe, expect, it } from "vitest";
import { renderDashboard } from "../../components/dashboard/render";
import type { DashboardParams } from "../../components/dashboard/panels";
import { elasticacheAlarms, rdsAlarms } from "../../components/cloudwatch/alarms";
import { ruleGroups } from "../../components/alerting/rules";
import { cloudwatchSchema } from "../../infra/config/cloudwatch";
import { RUNBOOK_PARAMS, stackParams, VARIANTS } from "../helpers/alerting-stacks";

/** Metrics from exporters, by who exports them. Everything else must be one of our recording rules. */
const EXPORTERS: Record<string, string[]> = {
  // The app's contract (components/alerting/groups/app.ts).
  app: ["http_requests_total", "http_request_duration_seconds_bucket"],
  // The worker's contract (README "Dashboard"); the queue gauge is alerting.queue.metric.
  worker: ["gantry_worker_jobs_total", "gantry_worker_job_duration_seconds_bucket", "gantry_queue_depth"],
  "kube-state-metrics": ["kube_deployment_spec_replicas"],
  cloudnativepg: ["cnpg_collector_up", "cnpg_pg_replication_lag", "cnpg_backends_total", "cnpg_pg_stat_archiver_failed_count"],
  redis_exporter: [
    "redis_up",
    "redis_memory_used_bytes",
    "redis_memory_max_bytes",
    "redis_evicted_keys_total",
    "redis_master_link_up",
  ],
};
const KEYWORDS = new Set([
  "by",
  "on",
  "and",
  "or",
  "unless",
  "without",
  "ignoring",
  "bool",
  "offset",
  "group_left",
  "group_right",
]);

/** Metric names a PromQL expression selects (strings, label matchers, ranges and grouping removed). */
export function metricsOf(expr: string): string[] {
  const bare = expr
    .replace(/"[^"]*"/g, "")
    .replace(/\{[^}]*\}/g, "")
    .replace(/\[[^\]]*\]/g, "")
    .replace(/\b(by|on|without|ignoring)\s*\([^)]*\)/g, "");
  return [...bare.matchAll(/[a-zA-Z_:][\w:]*(\s*\()?/g)]
    .filter((m) => m[1] === undefined)
    .map((m) => m[0])
    .filter((t) => !KEYWORDS.has(t));
}

interface Target {
  expr?: string;
  namespace?: string;
  metricName?: string;
  datasource: { type: string };
}
interface Panel {
  type: string;
  title: string;
  targets?: Target[];
}

function params(stack: "staging" | "production", tier: "managed" | "in-cluster"): DashboardParams {
  const p = stackParams(stack, tier);
  return {
    namespace: p.namespace,
    environment: p.environment,
    tier,
    workerEnabled: p.workerEnabled,
    queueMetric: p.queue.metric,
    latencyMs: p.slo.latencyMs,
    rdsInstances:
      tier === "managed" ? ["db-primary", ...Array.from({ length: p.postgresReplicas }, (_, i) => `db-replica-${i}`)] : [],
    cacheClusters: tier === "managed" ? Array.from({ length: 1 + p.redisReplicas }, (_, i) => `cache-group-00${i + 1}`) : [],
  };
}

const T = { replicationLagSeconds: 30, ...cloudwatchSchema.parse({}) };
const WATCHED = new Set(
  [
    ...rdsAlarms(
      { name: "r", role: "replica", identifier: "x", instanceClass: "db.t4g.medium", storageGb: 20, storageType: "gp2" },
      T,
    ),
    ...elasticacheAlarms(true, T),
  ].map((a) => `${a.namespace} ${a.metricName}`),
);

describe.each(VARIANTS)("dashboard: %s %s", (stack, tier) => {
  const p = params(stack, tier);
  const board = renderDashboard(p) as { uid: string; panels: Panel[]; templating: { list: { name: string }[] } };
  const panels = board.panels.filter((x) => x.type !== "row");
  const rows = board.panels.filter((x) => x.type === "row").map((x) => x.title);
  const targets = panels.flatMap((x) => x.targets ?? []);
  const groups = ruleGroups(stackParams(stack, tier));
  const recorded = new Set(groups.flatMap((g) => (g.recordings ?? []).map((r) => r.record)));
  const exported = new Set(Object.values(EXPORTERS).flat());

  it("shows the release, RED for app and worker, SLO budget, Postgres and Redis health", () => {
    expect(board.uid).toBe(`gantry-${stack}`);
    const data = tier === "managed" ? ["Postgres (RDS)", "Redis (ElastiCache)"] : ["Postgres (CloudNativePG)", "Redis"];
    expect(rows).toEqual([
      "Release",
      "App (requests, errors, duration)",
      "Worker (jobs, failures, duration, queue)",
      "SLO",
      ...data,
    ]);
    expect(panels.map((x) => x.title)).toContain("Error budget remaining (30 d)");
    expect(panels.every((x) => (x.targets ?? []).length > 0)).toBe(true);
  });

  it("queries only metrics our recording rules produce or the listed exporters export", () => {
    const unknown = targets
      .filter((t) => t.datasource.type === "prometheus")
      .flatMap((t) => metricsOf(t.expr!))
      .filter((m) => !recorded.has(m) && !exported.has(m));
    expect(unknown).toEqual([]);
    // The SLO panels read the recording rules themselves.
    expect(targets.some((t) => t.expr === "slo:error_budget_remaining:ratio")).toBe(true);
  });

  it("reads exporter metrics the alert rules also watch (the list is no free pass)", () => {
    // Against the widest rule set (every optional alert present: replicas, worker).
    const ruleText = JSON.stringify(ruleGroups({ ...RUNBOOK_PARAMS, tier }));
    const used = targets.flatMap((t) => (t.expr ? metricsOf(t.expr) : [])).filter((m) => exported.has(m));
    const contract = new Set(EXPORTERS.worker);
    for (const m of used) if (!contract.has(m)) expect(ruleText).toContain(m.replace(/_bucket$/, ""));
  });

  it("charts in CloudWatch only what our alarms watch, and only in the managed tier", () => {
    const cw = targets.filter((t) => t.datasource.type === "cloudwatch");
    expect(cw.length > 0).toBe(tier === "managed");
    for (const t of cw) expect(WATCHED).toContain(`${t.namespace} ${t.metricName}`);
    expect(board.templating.list.map((v) => v.name)).toEqual(tier === "managed" ? ["prometheus", "cloudwatch"] : ["prometheus"]);
  });
});

it("metricsOf finds selectors, bare recording rules and ignores functions, labels and grouping", () => {
  expect(metricsOf('sum by (code) (rate(http_requests_total{job="app"}[5m]))')).toEqual(["http_requests_total"]);
  expect(metricsOf("slo:sli_error:ratio_rate1h")).toEqual(["slo:sli_error:ratio_rate1h"]);
  expect(metricsOf('max by (pod) (a_bytes{x="1"} / (b_bytes{x="1"} > 0))')).toEqual(["a_bytes", "b_bytes"]);
});
