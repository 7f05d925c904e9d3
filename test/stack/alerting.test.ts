// The shipped production stack's alerting: PrometheusRules with the SLO burn-rate pairs, and an
// AlertmanagerConfig that pages the on-call on critical through existing Secrets.
import { beforeAll, describe, expect, it } from "vitest";
import type { Plan } from "../../src/plan/run";
import { routingPlan } from "../../components/alerting/routing";
import { receivers, routes } from "../../infra/alerting";
import { stackConfig } from "../helpers/alerting-stacks";
import { mandatory, named, ofType, planStack } from "./harness";

let plan: Plan;
beforeAll(async () => {
  plan = await planStack("production");
}, 60_000);

const alertsIn = (p: Plan) =>
  ofType(p, "kubernetes:monitoring.coreos.com/v1:PrometheusRule").flatMap((r) =>
    (r.inputs.spec as any).groups.flatMap((g: any) => g.rules.filter((x: any) => x.alert)),
  );

describe("production alerting", () => {
  it("ships 18 alerts in 4 PrometheusRules, SLO burn-rate page and ticket for availability and latency", () => {
    const rules = ofType(plan, "kubernetes:monitoring.coreos.com/v1:PrometheusRule");
    expect(rules.map((r) => r.name).sort()).toEqual(["alerting-app", "alerting-jobs", "alerting-platform", "alerting-slo"]);
    for (const r of rules) expect((r.inputs.metadata as any).labels.release).toBe("kube-prometheus-stack");
    const alerts = alertsIn(plan);
    expect(alerts).toHaveLength(18);
    const burn = alerts.filter((a: any) => a.alert.includes("BurnRate")).map((a: any) => [a.alert, a.labels.severity]);
    expect(burn.sort()).toEqual([
      ["SLOAvailabilityBurnRatePage", "critical"],
      ["SLOAvailabilityBurnRateTicket", "ticket"],
      ["SLOLatencyBurnRatePage", "critical"],
      ["SLOLatencyBurnRateTicket", "ticket"],
    ]);
    // Managed: 18 rules plus 20 CloudWatch alarms (RDS primary + replica, ElastiCache nodes, backups).
    expect(plan.outputs.alerting).toMatchObject({ alerts: 18, cloudwatchAlarms: 20, paging: ["oncall"] });
  });

  it("routes with the AlertmanagerConfig the routing helpers derive from the stack config, credentials from existing Secrets", () => {
    const amc = named(plan, "kubernetes:monitoring.coreos.com/v1alpha1:AlertmanagerConfig", "alerting-routing");
    const cfg = stackConfig("production");
    const expected = routingPlan({
      environment: "production",
      receivers: receivers(cfg),
      routes: routes(cfg),
      secretName: "alerting-receivers",
    });
    expect(amc.inputs.spec).toEqual(expected.spec);
    expect(expected.secretData).toEqual({});
    // Every credential is an existing Secret: Gantry writes none for alerting.
    expect(ofType(plan, "kubernetes:core/v1:Secret").map((s) => s.name)).not.toContain("alerting-receivers");
    const pd = (amc.inputs.spec as any).receivers.find((r: any) => r.name === "oncall").pagerdutyConfigs[0];
    expect(pd.routingKey).toEqual({ name: "alerting-pagerduty", key: "routing-key" });
  });

  it("passes the alerting policies (no mandatory violation at all)", () => {
    expect(plan.policies.filter((v) => v.policyName.startsWith("alerting-"))).toEqual([]);
    expect(mandatory(plan)).toEqual([]);
  });
});
