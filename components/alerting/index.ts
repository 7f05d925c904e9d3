/**
 * The alerting layer of a stack: one PrometheusRule per rule group (both data tiers) and, when
 * any receiver is routed, an AlertmanagerConfig whose credentials are Kubernetes Secret keys.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { Receiver, Routes } from "./receivers";
import { pages, routingProblems, SEVERITIES } from "./receivers";
import { routingPlan } from "./routing";
import { alertsOf, prometheusRuleSpec, ruleGroups, type AlertParams } from "./rules";

export type { Receiver, Routes } from "./receivers";

export interface AlertingArgs {
  /** What the rule groups need to know about the stack (namespace, tier, SLOs, thresholds). */
  readonly params: AlertParams;
  /** Labels the Prometheus ruleSelector matches. */
  readonly ruleLabels: Readonly<Record<string, string>>;
  /** Labels the Alertmanager alertmanagerConfigSelector matches. */
  readonly routingLabels: Readonly<Record<string, string>>;
  /** Named receivers; inline credentials should be secret Outputs. @default {} */
  readonly receivers?: Readonly<Record<string, Receiver<pulumi.Input<string>>>>;
  /** Receiver names per severity (see defaultRoutes). */
  readonly routes: Routes;
}

/** What the stack output says about alerting. */
export interface AlertingSummary {
  alerts: number;
  groups: string[];
  routes: Routes;
  /** Receivers a critical alert pages through. */
  paging: string[];
}

export class Alerting extends pulumi.ComponentResource {
  readonly rules: k8s.apiextensions.CustomResource[];
  readonly routing?: k8s.apiextensions.CustomResource;
  readonly summary: AlertingSummary;

  constructor(name: string, args: AlertingArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gantry:alerting:Alerting", name, {}, opts);
    const p = args.params;
    const ns = p.namespace;
    const managed = { "app.kubernetes.io/managed-by": "gantry", "app.kubernetes.io/part-of": "gantry" };
    const groups = ruleGroups(p);

    const receivers = args.receivers ?? {};
    // Validate before the first child: a route to an unknown receiver, or production without a pager.
    const problems = routingProblems(p.environment, receivers, args.routes);
    if (problems.length) {
      throw new pulumi.ResourceError(`invalid alert routing: ${problems.map((x) => `${x.path} ${x.message}`).join("; ")}`, this);
    }
    this.rules = groups.map(
      (g) =>
        new k8s.apiextensions.CustomResource(
          `${name}-${g.name}`,
          {
            apiVersion: "monitoring.coreos.com/v1",
            kind: "PrometheusRule",
            metadata: { name: `${name}-${g.name}`, namespace: ns, labels: { ...managed, ...args.ruleLabels } },
            spec: prometheusRuleSpec([g], p),
          },
          { parent: this },
        ),
    );

    const plan = routingPlan({ environment: p.environment, receivers, routes: args.routes, secretName: `${name}-receivers` });
    const routed = SEVERITIES.some((s) => args.routes[s].length > 0);
    if (routed) {
      const keys = Object.keys(plan.secretData);
      const secret = keys.length
        ? new k8s.core.v1.Secret(
            `${name}-receivers`,
            {
              metadata: { name: `${name}-receivers`, namespace: ns, labels: managed },
              type: "Opaque",
              stringData: pulumi.secret(plan.secretData),
            },
            { parent: this },
          )
        : undefined;
      this.routing = new k8s.apiextensions.CustomResource(
        `${name}-routing`,
        {
          apiVersion: "monitoring.coreos.com/v1alpha1",
          kind: "AlertmanagerConfig",
          metadata: { name, namespace: ns, labels: { ...managed, ...args.routingLabels } },
          spec: plan.spec,
        },
        { parent: this, dependsOn: secret ? [secret] : [] },
      );
    }

    this.summary = {
      alerts: alertsOf(groups).length,
      groups: groups.map((g) => g.name),
      routes: args.routes,
      paging: args.routes.critical.filter((n) => receivers[n] && pages(receivers[n])),
    };
    this.registerOutputs({ summary: this.summary });
  }
}
