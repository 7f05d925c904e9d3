/**
 * The dashboard as data: rows of panels and their queries, per stack. Pure (no Grafana SDK):
 * tests read the queries from here and from the rendered JSON alike.
 */

export type Query =
  | { readonly kind: "prometheus"; readonly expr: string; readonly legend?: string }
  | {
      readonly kind: "cloudwatch";
      readonly namespace: "AWS/RDS" | "AWS/ElastiCache";
      readonly metricName: string;
      readonly dimensions: Record<string, string>;
      readonly statistic: "Average" | "Maximum" | "Minimum" | "Sum";
      readonly label: string;
    };

export interface PanelSpec {
  readonly title: string;
  readonly kind: "timeseries" | "stat";
  readonly unit: string;
  readonly queries: readonly Query[];
  readonly description?: string;
}

export interface RowSpec {
  readonly title: string;
  readonly panels: readonly PanelSpec[];
}

export interface DashboardParams {
  readonly namespace: string;
  readonly environment: string;
  readonly tier: "managed" | "in-cluster";
  readonly workerEnabled: boolean;
  readonly queueMetric: string;
  readonly latencyMs: number;
  /** Managed tier: RDS DBInstanceIdentifiers and ElastiCache member cluster ids. */
  readonly rdsInstances?: readonly string[];
  readonly cacheClusters?: readonly string[];
}

const prom = (expr: string, legend?: string): Query => ({ kind: "prometheus", expr, ...(legend ? { legend } : {}) });
const ts = (title: string, unit: string, queries: Query[], description?: string): PanelSpec => ({
  title,
  kind: "timeseries",
  unit,
  queries,
  ...(description ? { description } : {}),
});
const stat = (title: string, unit: string, queries: Query[], description?: string): PanelSpec => ({
  ...ts(title, unit, queries, description),
  kind: "stat",
});

/** Requests, errors and duration of one HTTP service (the app's metric contract). */
function appRow(p: DashboardParams): RowSpec {
  const sel = `namespace="${p.namespace}",job="app"`;
  const rate = (extra = "") => `sum(rate(http_requests_total{${sel}${extra}}[5m]))`;
  return {
    title: "App (requests, errors, duration)",
    panels: [
      ts("Requests per second", "reqps", [prom(`sum by (code) (rate(http_requests_total{${sel}}[5m]))`, "{{code}}")]),
      ts("5xx ratio", "percentunit", [prom(`${rate(',code=~"5.."')} / ${rate()}`, "5xx")]),
      ts(
        "Latency p50 / p95 / p99",
        "s",
        [
          ...[0.5, 0.95, 0.99].map((q) =>
            prom(`histogram_quantile(${q}, sum by (le) (rate(http_request_duration_seconds_bucket{${sel}}[5m])))`, `p${q * 100}`),
          ),
        ],
        `The latency SLO bound is ${p.latencyMs} ms.`,
      ),
    ],
  };
}

/** The worker's contract: gantry_worker_jobs_total{outcome} and gantry_worker_job_duration_seconds (README). */
function workerRow(p: DashboardParams): RowSpec {
  const sel = `namespace="${p.namespace}",job="worker"`;
  const ns = `namespace="${p.namespace}"`;
  return {
    title: "Worker (jobs, failures, duration, queue)",
    panels: [
      ts("Jobs per second", "ops", [prom(`sum by (outcome) (rate(gantry_worker_jobs_total{${sel}}[5m]))`, "{{outcome}}")]),
      ts("Failed job ratio", "percentunit", [
        prom(
          `sum(rate(gantry_worker_jobs_total{${sel},outcome="failed"}[5m])) / sum(rate(gantry_worker_jobs_total{${sel}}[5m]))`,
          "failed",
        ),
      ]),
      ts(
        "Job duration p95",
        "s",
        [prom(`histogram_quantile(0.95, sum by (le) (rate(gantry_worker_job_duration_seconds_bucket{${sel}}[5m])))`, "p95")],
        "Background jobs should finish under 30 s (USERS.md).",
      ),
      ts("Queue depth", "short", [prom(`sum(${p.queueMetric}{${ns}})`, "waiting")]),
    ],
  };
}

/** Which colour serves: request rate per colour (from the pod name) and worker replicas per colour. */
function releaseRow(p: DashboardParams): RowSpec {
  const ns = `namespace="${p.namespace}"`;
  const byColour = `sum by (colour) (label_replace(rate(http_requests_total{${ns},job="app"}[5m]), "colour", "$1", "pod", "app-(blue|green)-.*"))`;
  return {
    title: "Release",
    panels: [
      stat(
        "Active colour (most traffic)",
        "short",
        [prom(`topk(1, ${byColour})`, "{{colour}}")],
        "The colour the HTTPRoute sends traffic to; the idle colour only sees preview requests.",
      ),
      ts("Requests per colour", "reqps", [prom(byColour, "{{colour}}")]),
      ...(p.workerEnabled
        ? [
            ts("Worker replicas per colour", "short", [
              prom(
                `max by (deployment) (kube_deployment_spec_replicas{${ns},deployment=~"worker-(blue|green)"})`,
                "{{deployment}}",
              ),
            ]),
          ]
        : []),
    ],
  };
}

function sloRow(): RowSpec {
  return {
    title: "SLO",
    panels: [
      stat("Error budget remaining (30 d)", "percentunit", [prom(`slo:error_budget_remaining:ratio`, "{{slo}}")]),
      ts(
        "Burn rate 1h (x budget)",
        "short",
        [prom(`slo:sli_error:ratio_rate1h`, "{{slo}}")],
        "Error ratio over 1 hour; pages at 14.4x the budget rate.",
      ),
    ],
  };
}

function postgresRow(p: DashboardParams): RowSpec {
  const ns = `namespace="${p.namespace}"`;
  if (p.tier === "in-cluster") {
    return {
      title: "Postgres (CloudNativePG)",
      panels: [
        stat("Instances up", "short", [prom(`sum(cnpg_collector_up{${ns}})`, "up")]),
        ts("Replication lag", "s", [prom(`max by (pod) (cnpg_pg_replication_lag{${ns}})`, "{{pod}}")]),
        ts("Connections", "short", [prom(`sum by (pod) (cnpg_backends_total{${ns}})`, "{{pod}}")]),
        ts("WAL archiving failures", "short", [
          prom(`sum(increase(cnpg_pg_stat_archiver_failed_count{${ns}}[1h]))`, "failed / h"),
        ]),
      ],
    };
  }
  const cw = (metricName: string, statistic: "Average" | "Maximum" | "Minimum") =>
    (p.rdsInstances ?? []).map((id): Query => ({
      kind: "cloudwatch",
      namespace: "AWS/RDS",
      metricName,
      dimensions: { DBInstanceIdentifier: id },
      statistic,
      label: id,
    }));
  return {
    title: "Postgres (RDS)",
    panels: [
      ts("CPU", "percent", cw("CPUUtilization", "Average")),
      ts("Free storage", "bytes", cw("FreeStorageSpace", "Minimum")),
      ts("Connections", "short", cw("DatabaseConnections", "Maximum")),
      ts("Replica lag", "s", cw("ReplicaLag", "Maximum")),
    ],
  };
}

function redisRow(p: DashboardParams): RowSpec {
  const ns = `namespace="${p.namespace}"`;
  if (p.tier === "in-cluster") {
    return {
      title: "Redis",
      panels: [
        stat("Instances up", "short", [prom(`sum(redis_up{${ns}})`, "up")]),
        ts("Memory used / maxmemory", "percentunit", [
          prom(`max by (pod) (redis_memory_used_bytes{${ns}} / (redis_memory_max_bytes{${ns}} > 0))`, "{{pod}}"),
        ]),
        ts("Evictions per second", "short", [prom(`sum by (pod) (rate(redis_evicted_keys_total{${ns}}[5m]))`, "{{pod}}")]),
        ts("Replication link up", "short", [prom(`max by (pod) (redis_master_link_up{${ns}})`, "{{pod}}")]),
      ],
    };
  }
  const cw = (metricName: string, statistic: "Average" | "Maximum" | "Sum") =>
    (p.cacheClusters ?? []).map((id): Query => ({
      kind: "cloudwatch",
      namespace: "AWS/ElastiCache",
      metricName,
      dimensions: { CacheClusterId: id },
      statistic,
      label: id,
    }));
  return {
    title: "Redis (ElastiCache)",
    panels: [
      ts("Engine CPU", "percent", cw("EngineCPUUtilization", "Average")),
      ts("Memory used / maxmemory", "percent", cw("DatabaseMemoryUsagePercentage", "Average")),
      ts("Evictions", "short", cw("Evictions", "Sum")),
      ts("Replication lag", "s", cw("ReplicationLag", "Maximum")),
    ],
  };
}

/** Every row of a stack's dashboard, top to bottom. */
export function dashboardRows(p: DashboardParams): RowSpec[] {
  return [releaseRow(p), appRow(p), ...(p.workerEnabled ? [workerRow(p)] : []), sloRow(), postgresRow(p), redisRow(p)];
}
