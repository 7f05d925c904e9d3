import { describe, expect, it } from "vitest";
import { alertingPagingReceiver as policy } from "../../../policies/rules/alerting/paging-receiver";
import { levels, mutate, runStack } from "../harness";
import { routingFixture } from "./fixtures";

const MSG =
  'AlertmanagerConfig "alerting-routing" routes critical alerts to no paging receiver (PagerDuty, Opsgenie or VictorOps): add one with pagerduty to alerting.receivers and alerting.routes.critical.';

describe("alerting-paging-receiver", () => {
  it("passes production routing: critical reaches PagerDuty", () => {
    expect(runStack(policy, [routingFixture()])).toEqual([]);
  });
  it("reports a stack without an AlertmanagerConfig", () => {
    expect(runStack(policy, [])).toEqual([
      "No AlertmanagerConfig routes alerts: add a receiver with pagerduty to alerting.receivers.",
    ]);
  });
  it("reports critical routed to chat only", () => {
    expect(runStack(policy, [routingFixture({ critical: ["team-chat"], warning: ["team-chat"], ticket: [] })])).toEqual([MSG]);
  });
  it("reports a paging route that no longer continues past an earlier chat route", () => {
    const f = routingFixture({ critical: ["team-chat", "oncall"], warning: [], ticket: [] });
    const broken = mutate(f, (d: any) => delete d.props.spec.route.routes[0].continue);
    expect(runStack(policy, [f])).toEqual([]);
    expect(runStack(policy, [broken])).toEqual([MSG]);
  });
  it("reports a pager receiver that lost its PagerDuty integration", () => {
    const broken = mutate(routingFixture(), (d: any) => {
      d.props.spec.receivers.find((r: any) => r.name === "oncall").pagerdutyConfigs = [];
    });
    expect(runStack(policy, [broken])).toEqual([MSG]);
  });
  it("reports a paging route whose matcher excludes critical", () => {
    const broken = mutate(routingFixture(), (d: any) => (d.props.spec.route.routes[0].matchers[0].value = "warning"));
    expect(runStack(policy, [broken])).toEqual([MSG]);
  });
  it("is mandatory in production and off in staging (staging pages nobody)", () => {
    expect(levels(policy)).toEqual({ declared: "mandatory", production: "mandatory", staging: "disabled" });
  });
});
