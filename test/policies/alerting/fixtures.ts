// Alerting fixtures from the real generators: the production rule groups and routing.
import { prometheusRuleSpec, ruleGroups } from "../../../components/alerting/rules";
import { routingPlan } from "../../../components/alerting/routing";
import { T } from "../../../policies/lib/types";
import { stackParams } from "../../helpers/alerting-stacks";
import type { StackFixture } from "../harness";

const params = stackParams("production", "managed");

/** One PrometheusRule per group, as the Alerting component emits them. */
export function ruleFixtures(): StackFixture[] {
  return ruleGroups(params).map((g) => ({
    type: T.prometheusRule,
    name: `alerting-${g.name}`,
    props: {
      apiVersion: "monitoring.coreos.com/v1",
      kind: "PrometheusRule",
      metadata: { name: `alerting-${g.name}`, namespace: params.namespace },
      spec: prometheusRuleSpec([g], params),
    },
  }));
}

const ref = (name: string) => ({ existingSecret: { name, key: "k" } });

/** Production routing: critical to PagerDuty and Slack, the rest to Slack. */
export function routingFixture(routes = { critical: ["oncall", "team-chat"], warning: ["team-chat"], ticket: ["team-chat"] }) {
  const plan = routingPlan({
    environment: "production",
    receivers: {
      oncall: { pagerduty: { routingKey: ref("pd") } },
      "team-chat": { slack: { channel: "#x", apiUrl: ref("slack") } },
    },
    routes,
    secretName: "alerting-receivers",
  });
  return {
    type: T.alertmanagerConfig,
    name: "alerting-routing",
    props: {
      apiVersion: "monitoring.coreos.com/v1alpha1",
      kind: "AlertmanagerConfig",
      metadata: { name: "alerting" },
      spec: plan.spec,
    },
  };
}
