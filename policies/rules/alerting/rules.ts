import type { PolicyConfigSchema } from "@pulumi/policy";
import { configOf, ofTypes, type GantryStackPolicy } from "../../lib/policy";
import { T } from "../../lib/types";

const configSchema: PolicyConfigSchema = {
  properties: {
    minAlerts: {
      type: "integer",
      minimum: 1,
      default: 12,
      description: "Fewest alerting rules the stack's PrometheusRules hold.",
    },
  },
};

/** Multi-window burn-rate pairs (SRE workbook): the page and the ticket each need both of theirs. */
const PAGE = [
  ["1h", "5m"],
  ["6h", "30m"],
];
const TICKET = [
  ["1d", "2h"],
  ["3d", "6h"],
];

type Rule = { alert?: string; record?: string; expr?: string; labels?: Record<string, string> };

/**
 * The stack ships PrometheusRules with at least `minAlerts` alerts (default 12), and every SLO
 * (a recording rule with an `slo` label) has its burn-rate alerts: a critical one over the 1h/5m
 * and 6h/30m windows and a non-critical one over 1d/2h and 3d/6h.
 *
 * Why: an environment without alerts learns about outages from its users; an SLO without both
 * burn-rate pairs either pages on every blip or misses a slow leak of its error budget.
 *
 * @severity high
 */
export const alertingRules: GantryStackPolicy = {
  name: "alerting-rules",
  description: "The stack must ship PrometheusRules with enough alerts and the SLO burn-rate pairs.",
  severity: "high",
  enforcementLevel: "mandatory",
  configSchema,
  configKey: "slo, alerting",
  validateStack: (args, report) => {
    const { minAlerts } = configOf<{ minAlerts: number }>(args, configSchema);
    const rules: Rule[] = ofTypes(args, [T.prometheusRule]).flatMap((r) =>
      ((r.props.spec?.groups ?? []) as { rules?: Rule[] }[]).flatMap((g) => g.rules ?? []),
    );
    const alerts = rules.filter((r) => r.alert);
    if (alerts.length < minAlerts) {
      report(
        `The stack's PrometheusRules hold ${alerts.length} alerts: at least ${minAlerts} are required (see components/alerting).`,
      );
    }
    const slos = [...new Set(rules.flatMap((r) => (r.record && r.labels?.slo ? [r.labels.slo] : [])))].sort();
    if (slos.length === 0) report("No SLO recording rules (label `slo`): the stack has no burn-rate alerts.");
    const covers = (a: Rule, slo: string, windows: string[][]) =>
      windows.flat().every((w) => a.expr?.includes(`_rate${w}{slo="${slo}"}`));
    for (const slo of slos) {
      if (!alerts.some((a) => a.labels?.severity === "critical" && covers(a, slo, PAGE))) {
        report(`SLO "${slo}" has no critical burn-rate alert over the 1h/5m and 6h/30m windows.`);
      }
      if (!alerts.some((a) => a.labels?.severity !== "critical" && covers(a, slo, TICKET))) {
        report(`SLO "${slo}" has no non-paging burn-rate alert over the 1d/2h and 3d/6h windows.`);
      }
    }
  },
};
