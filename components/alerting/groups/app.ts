/**
 * App and worker: request ratios from rate() over counters (never raw counters), p95 from the
 * histogram, and kube-state-metrics for pods and deployments. The app exports
 * http_requests_total{code} and http_request_duration_seconds (job="app").
 */
import type { AlertParams, Group } from "../types";

export function app(p: AlertParams): Group {
  const ns = `namespace="${p.namespace}"`;
  const req = `http_requests_total{${ns},job="app"`;
  const errorRatio = p.slo.errorRatioPercent / 100;
  const latency = p.slo.latencyMs / 1000;
  const requests = (errors: number) => [
    { series: `${req},code="200"}`, values: `0+${100 - errors}x30` },
    { series: `${req},code="500"}`, values: `0+${errors}x30` },
  ];
  const bucket = (le: string, v: number) => ({
    series: `http_request_duration_seconds_bucket{${ns},job="app",le="${le}"}`,
    values: `0+${v}x30`,
  });
  const alerts: Group["alerts"] = [
    {
      alert: "AppHighErrorRatio",
      expr: `sum(rate(${req},code=~"5.."}[5m])) / sum(rate(${req}}[5m])) > ${errorRatio}`,
      for: "5m",
      severity: "warning",
      summary: `App 5xx ratio above ${p.slo.errorRatioPercent} %`,
      description: "More requests fail with 5xx than the error-ratio objective allows.",
      runbook: {
        meaning: "The share of 5xx responses over 5 minutes is above the objective.",
        commands: [
          `kubectl -n ${p.namespace} logs -l app.kubernetes.io/name=app --tail=200 | grep -i error`,
          `kubectl -n ${p.namespace} get pods -l app.kubernetes.io/name=app`,
          `npx gantry plan ${p.environment} --json | jq .release`,
        ],
      },
      fire: { series: requests(10), at: "20m" },
      silent: { series: requests(0), at: "20m" },
    },
    {
      alert: "AppLatencyHigh",
      expr: `histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{${ns},job="app"}[5m]))) > ${latency}`,
      for: "10m",
      severity: "warning",
      summary: `App p95 latency above ${p.slo.latencyMs} ms`,
      description: "The 95th percentile of request duration is above the latency objective.",
      runbook: {
        meaning: "p95 request latency over 5 minutes is above the objective.",
        commands: [
          `kubectl -n ${p.namespace} top pods`,
          `kubectl -n ${p.namespace} get hpa`,
          `kubectl cnpg psql db -n ${p.namespace} -- -c "select query, mean_exec_time from pg_stat_statements order by 2 desc limit 5"`,
        ],
      },
      fire: { series: [bucket(String(latency), 1), bucket(String(latency * 2), 10), bucket("+Inf", 10)], at: "20m" },
      silent: { series: [bucket(String(latency), 10), bucket(String(latency * 2), 10), bucket("+Inf", 10)], at: "20m" },
    },
    {
      alert: "PodCrashLooping",
      expr: `max by (pod, container) (increase(kube_pod_container_status_restarts_total{${ns}}[15m])) > 3`,
      for: "5m",
      severity: "warning",
      summary: "A container restarts repeatedly",
      description: "A container restarted more than 3 times in 15 minutes.",
      runbook: {
        meaning: "A container is crash looping.",
        commands: [
          `kubectl -n ${p.namespace} get pods`,
          `kubectl -n ${p.namespace} logs <pod> -c <container> --previous`,
          `kubectl -n ${p.namespace} describe pod <pod>`,
        ],
      },
      fire: {
        series: [
          { series: `kube_pod_container_status_restarts_total{${ns},pod="app-blue-1",container="app"}`, values: "0+1x30" },
        ],
        at: "25m",
        labels: { pod: "app-blue-1", container: "app" },
      },
      silent: {
        series: [{ series: `kube_pod_container_status_restarts_total{${ns},pod="app-blue-1",container="app"}`, values: "1x30" }],
        at: "25m",
      },
    },
    {
      alert: "ReplicasBelowDesired",
      expr: `max by (deployment) (kube_deployment_spec_replicas{${ns}}) > max by (deployment) (kube_deployment_status_replicas_available{${ns}})`,
      for: "10m",
      severity: "warning",
      summary: "A deployment has fewer available replicas than desired",
      description: "Pods fail to start or become ready; capacity is reduced.",
      runbook: {
        meaning: "Available replicas stay below the desired count.",
        commands: [
          `kubectl -n ${p.namespace} get deploy`,
          `kubectl -n ${p.namespace} describe deploy <deployment>`,
          `kubectl -n ${p.namespace} get events --sort-by=.lastTimestamp | tail -20`,
        ],
      },
      fire: {
        series: [
          { series: `kube_deployment_spec_replicas{${ns},deployment="app-blue"}`, values: "3x20" },
          { series: `kube_deployment_status_replicas_available{${ns},deployment="app-blue"}`, values: "1x20" },
        ],
        at: "15m",
        labels: { deployment: "app-blue" },
      },
      silent: {
        series: [
          { series: `kube_deployment_spec_replicas{${ns},deployment="app-blue"}`, values: "3x20" },
          { series: `kube_deployment_status_replicas_available{${ns},deployment="app-blue"}`, values: "3x20" },
        ],
        at: "15m",
      },
    },
  ];
  if (p.workerEnabled) {
    const depth = (v: string) => [{ series: `${p.queue.metric}{${ns}}`, values: v }];
    alerts.push(
      {
        alert: "WorkerNotRunning",
        expr: `(sum(kube_deployment_status_replicas_available{${ns},deployment=~"worker-.*"}) or vector(0)) == 0`,
        for: "5m",
        severity: "critical",
        summary: "No worker pod is running",
        description: "Background jobs are not processed.",
        runbook: {
          meaning: "No worker replica is available.",
          commands: [
            `kubectl -n ${p.namespace} get deploy,pods -l app.kubernetes.io/name=worker`,
            `kubectl -n ${p.namespace} logs -l app.kubernetes.io/name=worker --tail=100`,
            `kubectl -n ${p.namespace} describe deploy -l app.kubernetes.io/name=worker`,
          ],
        },
        fire: {
          series: [{ series: `kube_deployment_status_replicas_available{${ns},deployment="worker-blue"}`, values: "0x20" }],
          at: "10m",
        },
        silent: {
          series: [{ series: `kube_deployment_status_replicas_available{${ns},deployment="worker-blue"}`, values: "1x20" }],
          at: "10m",
        },
      },
      {
        alert: "QueueBacklogGrowing",
        expr: `sum(${p.queue.metric}{${ns}}) > ${p.queue.backlogThreshold} and sum(delta(${p.queue.metric}{${ns}}[15m])) > 0`,
        for: "10m",
        severity: "warning",
        summary: `Job queue above ${p.queue.backlogThreshold} and growing`,
        description: "Workers do not keep up with enqueued jobs.",
        runbook: {
          meaning: "The queue is over the backlog threshold and still growing.",
          commands: [
            `kubectl -n ${p.namespace} get deploy -l app.kubernetes.io/name=worker`,
            `kubectl -n ${p.namespace} top pods -l app.kubernetes.io/name=worker`,
            `kubectl -n ${p.namespace} logs -l app.kubernetes.io/name=worker --tail=100`,
          ],
        },
        fire: { series: depth(`${p.queue.backlogThreshold}+100x40`), at: "35m" },
        silent: { series: depth(`${p.queue.backlogThreshold * 2}-100x15`), at: "14m" },
      },
    );
  }
  return { name: "app", alerts };
}
