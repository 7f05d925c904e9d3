/**
 * Renders the dashboard rows into Grafana dashboard JSON with the Grafana Foundation SDK. The SDK
 * (~200 modules for these builders) is required inside {@link renderDashboard}, on its first call:
 * importing this file loads only types and ./panels, so a program that builds no dashboard never
 * pays for it.
 */
import type * as DashboardSdk from "@grafana/grafana-foundation-sdk/dashboard";
import type * as PrometheusSdk from "@grafana/grafana-foundation-sdk/prometheus";
import type * as CloudwatchSdk from "@grafana/grafana-foundation-sdk/cloudwatch";
import type * as TimeseriesSdk from "@grafana/grafana-foundation-sdk/timeseries";
import type * as StatSdk from "@grafana/grafana-foundation-sdk/stat";
import { dashboardRows, type DashboardParams, type Query } from "./panels";

/** Data source variables: the same dashboard works with whatever the Grafana instance names them. */
const PROMETHEUS = { type: "prometheus", uid: "${prometheus}" };
const CLOUDWATCH = { type: "cloudwatch", uid: "${cloudwatch}" };

export const dashboardUid = (environment: string) => `gantry-${environment}`.slice(0, 40);

export function renderDashboard(p: DashboardParams): Record<string, unknown> {
  const d = require("@grafana/grafana-foundation-sdk/dashboard") as typeof DashboardSdk;
  const prometheus = require("@grafana/grafana-foundation-sdk/prometheus") as typeof PrometheusSdk;
  const cloudwatch = require("@grafana/grafana-foundation-sdk/cloudwatch") as typeof CloudwatchSdk;
  const timeseries = require("@grafana/grafana-foundation-sdk/timeseries") as typeof TimeseriesSdk;
  const stat = require("@grafana/grafana-foundation-sdk/stat") as typeof StatSdk;

  const target = (q: Query, i: number) => {
    const refId = String.fromCharCode(65 + i);
    if (q.kind === "prometheus") {
      const b = new prometheus.DataqueryBuilder().expr(q.expr).refId(refId).datasource(PROMETHEUS);
      return q.legend ? b.legendFormat(q.legend) : b;
    }
    return new cloudwatch.MetricsQueryBuilder()
      .queryMode(cloudwatch.QueryMode.Metrics)
      .metricQueryType(cloudwatch.MetricQueryType.Search)
      .metricEditorMode(cloudwatch.MetricEditorMode.Builder)
      .namespace(q.namespace)
      .metricName(q.metricName)
      .dimensions(q.dimensions)
      .matchExact(true)
      .statistic(q.statistic)
      .region("default")
      .label(q.label)
      .refId(refId)
      .datasource(CLOUDWATCH);
  };

  const board = new d.DashboardBuilder(`Gantry ${p.environment}`)
    .uid(dashboardUid(p.environment))
    .tags(["gantry", p.environment, p.tier])
    .refresh("1m")
    .time({ from: "now-6h", to: "now" })
    .timezone("utc")
    .readonly()
    .withVariable(new d.DatasourceVariableBuilder("prometheus").label("Prometheus").type("prometheus"));
  if (p.tier === "managed")
    board.withVariable(new d.DatasourceVariableBuilder("cloudwatch").label("CloudWatch").type("cloudwatch"));

  for (const row of dashboardRows(p)) {
    board.withRow(new d.RowBuilder(row.title));
    const width = Math.floor(24 / row.panels.length);
    for (const panel of row.panels) {
      const b = panel.kind === "stat" ? new stat.PanelBuilder() : new timeseries.PanelBuilder();
      b.title(panel.title).unit(panel.unit).span(width).height(8);
      if (panel.description) b.description(panel.description);
      panel.queries.forEach((q, i) => b.withTarget(target(q, i)));
      board.withPanel(b);
    }
  }
  return board.build() as unknown as Record<string, unknown>;
}
