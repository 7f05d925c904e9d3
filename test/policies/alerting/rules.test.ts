import { describe, expect, it } from "vitest";
import { alertingRules as policy } from "../../../policies/rules/alerting/rules";
import { levels, mutate, propsIn, runStack } from "../harness";
import { ruleFixtures } from "./fixtures";

/** The fixtures with `change` applied to the rule named `name`. */
function withRule(name: string, change: (rule: any) => void) {
  return ruleFixtures().map((f) =>
    mutate(f, (d: any) => {
      for (const g of d.props.spec.groups) for (const r of g.rules) if (r.alert === name || r.record === name) change(r);
    }),
  );
}

describe("alerting-rules", () => {
  it("passes the production rule groups (16 alerts, availability and latency burn-rate pairs)", () => {
    expect(runStack(policy, ruleFixtures(), propsIn(policy.name, "production"))).toEqual([]);
  });
  it("reports a stack without PrometheusRules", () => {
    expect(runStack(policy, [], { minAlerts: 12 })).toEqual([
      "The stack's PrometheusRules hold 0 alerts: at least 12 are required (see components/alerting).",
      "No SLO recording rules (label `slo`): the stack has no burn-rate alerts.",
    ]);
  });
  it("reports too few alerts against minAlerts", () => {
    expect(runStack(policy, ruleFixtures(), { minAlerts: 20 })).toEqual([
      "The stack's PrometheusRules hold 18 alerts: at least 20 are required (see components/alerting).",
    ]);
  });
  it("reports an SLO whose page alert lost its 6h/30m window", () => {
    const fixtures = withRule("SLOAvailabilityBurnRatePage", (r) => (r.expr = r.expr.split(" or ")[0]));
    expect(runStack(policy, fixtures, { minAlerts: 12 })).toEqual([
      'SLO "availability" has no critical burn-rate alert over the 1h/5m and 6h/30m windows.',
    ]);
  });
  it("reports an SLO whose page alert does not page", () => {
    const fixtures = withRule("SLOLatencyBurnRatePage", (r) => (r.labels.severity = "warning"));
    expect(runStack(policy, fixtures, { minAlerts: 12 })).toEqual([
      'SLO "latency" has no critical burn-rate alert over the 1h/5m and 6h/30m windows.',
    ]);
  });
  it("reports an SLO without its ticket alert", () => {
    const fixtures = ruleFixtures().map((f) =>
      mutate(f, (d: any) => {
        for (const g of d.props.spec.groups) g.rules = g.rules.filter((r: any) => r.alert !== "SLOLatencyBurnRateTicket");
      }),
    );
    expect(runStack(policy, fixtures, { minAlerts: 12 })).toEqual([
      'SLO "latency" has no non-paging burn-rate alert over the 1d/2h and 3d/6h windows.',
    ]);
  });
  it("is mandatory in production and advisory in staging", () => {
    expect(levels(policy)).toEqual({ declared: "mandatory", production: "mandatory", staging: "advisory" });
  });
});
