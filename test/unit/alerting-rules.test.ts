// The alerting decisions: which alerts each stack gets, their labels and annotations, the SLO
// burn-rate pairs, and that docs/runbooks.md has a section for every runbook_url.
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { alertsOf, prometheusRuleSpec, ruleGroups, runbooksMarkdown } from "../../components/alerting/rules";
import { RUNBOOK_PARAMS, stackParams, VARIANTS } from "../helpers/alerting-stacks";

const RUNBOOKS = path.resolve(__dirname, "..", "..", "docs", "runbooks.md");
// UPDATE_RUNBOOKS=1 rewrites the document from the rule groups.
if (process.env.UPDATE_RUNBOOKS) writeFileSync(RUNBOOKS, runbooksMarkdown(alertsOf(ruleGroups(RUNBOOK_PARAMS))));

const COUNTS: Record<string, number> = {
  "staging managed": 18,
  "staging in-cluster": 29,
  "production managed": 18,
  "production in-cluster": 32,
};

describe.each(VARIANTS)("alert rules: %s %s", (stack, tier) => {
  const p = stackParams(stack, tier);
  const spec = prometheusRuleSpec(ruleGroups(p), p);
  const alerts = spec.groups.flatMap((g) => g.rules).filter((r) => "alert" in r) as {
    alert: string;
    labels: Record<string, string>;
    annotations: Record<string, string>;
  }[];

  it("has the expected number of alerts, each with severity, environment and the three annotations", () => {
    expect(alerts).toHaveLength(COUNTS[`${stack} ${tier}`]!);
    for (const a of alerts) {
      expect(["critical", "warning", "ticket"]).toContain(a.labels.severity);
      expect(a.labels.environment).toBe(stack);
      // The operator's AlertmanagerConfig only routes alerts labelled with its namespace.
      expect(a.labels.namespace).toBe(p.namespace);
      expect(Object.keys(a.annotations).sort()).toEqual(["description", "runbook_url", "summary"]);
    }
  });

  it("names every alert once", () => {
    expect(new Set(alerts.map((a) => a.alert)).size).toBe(alerts.length);
  });

  it("watches in-cluster Postgres and Redis from their exporters only in the in-cluster tier", () => {
    const names = spec.groups.map((g) => g.name);
    expect(names.includes("postgres-cnpg")).toBe(tier === "in-cluster");
    expect(names.includes("redis")).toBe(tier === "in-cluster");
  });

  it("pages on 1h/5m at 14.4x and 6h/30m at 6x, tickets on 1d/2h at 3x and 3d/6h at 1x the 99.9 % budget", () => {
    const page = spec.groups
      .find((g) => g.name === "slo")!
      .rules.find((r) => "alert" in r && r.alert === "SLOAvailabilityBurnRatePage")!;
    expect(page.expr).toContain('slo:sli_error:ratio_rate1h{slo="availability"} > 0.0144');
    expect(page.expr).toContain('slo:sli_error:ratio_rate5m{slo="availability"} > 0.0144');
    expect(page.expr).toContain('slo:sli_error:ratio_rate6h{slo="availability"} > 0.006');
    expect(page.expr).toContain('slo:sli_error:ratio_rate30m{slo="availability"} > 0.006');
    const ticket = spec.groups
      .find((g) => g.name === "slo")!
      .rules.find((r) => "alert" in r && r.alert === "SLOAvailabilityBurnRateTicket")!;
    expect(ticket.expr).toContain('slo:sli_error:ratio_rate1d{slo="availability"} > 0.003');
    expect(ticket.expr).toContain('slo:sli_error:ratio_rate3d{slo="availability"} > 0.001');
    expect(page.labels!.severity).toBe("critical");
    expect(ticket.labels!.severity).toBe("ticket");
  });

  it("computes the 5xx ratio from rate() over the request counter, never the raw counter", () => {
    const errors = alerts.find((a) => a.alert === "AppHighErrorRatio") as unknown as { expr: string };
    expect(errors.expr).toMatch(
      /^sum\(rate\(http_requests_total\{[^}]*code=~"5\.\."\}\[5m\]\)\) \/ sum\(rate\(http_requests_total/,
    );
  });

  it("points every runbook_url at a section of docs/runbooks.md", () => {
    const doc = readFileSync(RUNBOOKS, "utf8");
    const anchors = new Set([...doc.matchAll(/^## (\S+)$/gm)].map((m) => m[1]!.toLowerCase()));
    for (const a of alerts) expect(anchors).toContain(a.annotations.runbook_url!.split("#")[1]);
  });
});

it("docs/runbooks.md is generated from the rule groups (UPDATE_RUNBOOKS=1 regenerates it)", () => {
  expect(readFileSync(RUNBOOKS, "utf8")).toBe(runbooksMarkdown(alertsOf(ruleGroups(RUNBOOK_PARAMS))));
});
