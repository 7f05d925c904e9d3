// The shipped staging stack's alerting, in-cluster tier: the data-tier rule groups join the app's,
// and every severity goes to the team channel; nothing pages.
import { beforeAll, describe, expect, it } from "vitest";
import type { Plan } from "../../src/plan/run";
import { named, ofType, planStack } from "./harness";

let plan: Plan;
beforeAll(async () => {
  plan = await planStack("staging", ["dataTier=in-cluster"]);
}, 60_000);

describe("staging alerting (in-cluster)", () => {
  it("ships 29 alerts, Postgres and Redis groups included", () => {
    const rules = ofType(plan, "kubernetes:monitoring.coreos.com/v1:PrometheusRule");
    expect(rules.map((r) => r.name).sort()).toEqual([
      "alerting-app",
      "alerting-jobs",
      "alerting-platform",
      "alerting-postgres-cnpg",
      "alerting-redis",
      "alerting-slo",
    ]);
    const alerts = rules.flatMap((r) => (r.inputs.spec as any).groups.flatMap((g: any) => g.rules.filter((x: any) => x.alert)));
    expect(alerts).toHaveLength(29);
    expect(new Set(alerts.map((a: any) => a.labels.namespace))).toEqual(new Set(["gantry-staging"]));
  });

  it("routes every severity to the team channel and pages nobody", () => {
    const spec = named(plan, "kubernetes:monitoring.coreos.com/v1alpha1:AlertmanagerConfig", "alerting-routing").inputs
      .spec as any;
    expect(spec.route.routes.map((r: any) => [r.matchers[0].value, r.receiver])).toEqual([
      ["critical", "team-chat"],
      ["warning", "team-chat"],
      ["ticket", "team-chat"],
    ]);
    expect(spec.receivers.some((r: any) => r.pagerdutyConfigs)).toBe(false);
    expect(plan.outputs.alerting).toMatchObject({ alerts: 29, cloudwatchAlarms: 0, paging: [] });
  });
});
