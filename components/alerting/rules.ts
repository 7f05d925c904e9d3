/**
 * Pure: the rule groups of a stack, rendered as a PrometheusRule spec, as promtool unit tests
 * (one firing and one silent case per alert) and as the runbook document.
 */
import { app } from "./groups/app";
import { jobs } from "./groups/jobs";
import { platform } from "./groups/platform";
import { postgresCnpg } from "./groups/postgres-cnpg";
import { redis } from "./groups/redis";
import { sloGroup } from "./slo";
import { type Alert, type AlertParams, type Group, RUNBOOK_BASE, runbookAnchor } from "./types";

export type { AlertParams, Group, Alert } from "./types";

/** Rule groups per tier: the managed tier's Postgres and Redis are watched by CloudWatch instead. */
export function ruleGroups(p: AlertParams): Group[] {
  const data = p.tier === "in-cluster" ? [postgresCnpg(p), redis(p)] : [];
  return [...data, app(p), platform(p), jobs(p), sloGroup(p)];
}

export const alertsOf = (groups: Group[]): Alert[] => groups.flatMap((g) => g.alerts);

// `namespace` on every alert: most expressions aggregate it away, and the AlertmanagerConfig the
// operator generates only routes alerts whose namespace label is the stack's.
const alertLabels = (a: Alert, p: AlertParams) => ({ severity: a.severity, environment: p.environment, namespace: p.namespace });
const annotations = (a: Alert) => ({
  summary: a.summary,
  description: a.description,
  runbook_url: `${RUNBOOK_BASE}#${runbookAnchor(a.alert)}`,
});

/** `spec` of a monitoring.coreos.com/v1 PrometheusRule (also a valid promtool rule file). */
export function prometheusRuleSpec(groups: Group[], p: AlertParams) {
  return {
    groups: groups.map((g) => ({
      name: g.name,
      rules: [
        ...(g.recordings ?? []).map((r) => ({ record: r.record, expr: r.expr, ...(r.labels ? { labels: r.labels } : {}) })),
        ...g.alerts.map((a) => ({
          alert: a.alert,
          expr: a.expr,
          for: a.for,
          labels: alertLabels(a, p),
          annotations: annotations(a),
        })),
      ],
    })),
  };
}

/** A promtool `test rules` file: for every alert a case where it fires and one where it stays silent. */
export function promtoolTests(groups: Group[], p: AlertParams, ruleFile: string) {
  const tests = alertsOf(groups).flatMap((a) => [
    {
      name: `${a.alert} fires`,
      interval: "1m",
      input_series: a.fire.series,
      alert_rule_test: [
        {
          eval_time: a.fire.at,
          alertname: a.alert,
          exp_alerts: [{ exp_labels: { ...a.fire.labels, ...alertLabels(a, p) }, exp_annotations: annotations(a) }],
        },
      ],
    },
    {
      name: `${a.alert} stays silent`,
      interval: "1m",
      input_series: a.silent.series,
      alert_rule_test: [{ eval_time: a.silent.at, alertname: a.alert, exp_alerts: [] }],
    },
  ]);
  return { rule_files: [ruleFile], evaluation_interval: "1m", tests };
}

/** docs/runbooks.md: one section per alert (anchor = lower-case alert name). */
export function runbooksMarkdown(alerts: Alert[]): string {
  const seen = new Set<string>();
  const sections = alerts
    .filter((a) => !seen.has(a.alert) && seen.add(a.alert))
    .sort((x, y) => x.alert.localeCompare(y.alert))
    .map((a) =>
      [
        `## ${a.alert}`,
        "",
        `Severity: ${a.severity}. ${a.runbook.meaning}`,
        "",
        "First commands:",
        "",
        "```sh",
        ...a.runbook.commands,
        "```",
        "",
      ].join("\n"),
    );
  return [
    "# Runbooks",
    "",
    "Generated from components/alerting: `UPDATE_RUNBOOKS=1 npx vitest run --project unit test/unit/alerting-rules.test.ts`, which also checks it is in sync.",
    "Every alert's `runbook_url` points at its section here. `$NS` is the stack's namespace.",
    "",
    ...sections,
  ].join("\n");
}
