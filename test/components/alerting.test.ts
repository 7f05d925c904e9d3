// The Alerting component under mocks: one PrometheusRule per group with the selector labels, and
// inline receiver credentials (PagerDuty, SMTP) kept secret in one Kubernetes Secret the AlertmanagerConfig references.
import { beforeAll, describe, expect, it } from "vitest";
import { type Capture, isSecretValue, ofType, one, plain, startCapture } from "../helpers/pulumi";
import { schemaErrors } from "../helpers/k8s-schema";
import { stackParams } from "../helpers/alerting-stacks";

let cap: Capture;
const params = stackParams("production", "in-cluster");

beforeAll(async () => {
  cap = await startCapture({ stack: "alerting" });
  const pulumi = await import("@pulumi/pulumi");
  const { Alerting } = await import("../../components/alerting");
  new Alerting("alerting", {
    params,
    ruleLabels: { release: "prom" },
    routingLabels: { alertmanager: "main" },
    receivers: {
      oncall: { pagerduty: { routingKey: { value: pulumi.secret("pd-routing-key") } } },
      chat: {
        telegram: { chatId: 42, botToken: { existingSecret: { name: "tg", key: "token" } } },
        slack: { channel: "#ops", apiUrl: { existingSecret: { name: "slack", key: "url" } } },
      },
      mail: {
        email: {
          to: "ops@example.com",
          from: "alerts@example.com",
          smarthost: "smtp.example.com:587",
          username: "alerts",
          password: { value: pulumi.secret("smtp-password") },
        },
      },
    },
    routes: { critical: ["oncall", "chat"], warning: ["chat"], ticket: ["mail"] },
  });
  await cap.settle();
}, 30_000);

describe("Alerting", () => {
  it("emits one PrometheusRule per rule group, labelled for the Prometheus ruleSelector", () => {
    const rules = ofType(cap, "kubernetes:monitoring.coreos.com/v1:PrometheusRule");
    expect(rules.map((r) => r.name).sort()).toEqual([
      "alerting-app",
      "alerting-jobs",
      "alerting-platform",
      "alerting-postgres-cnpg",
      "alerting-redis",
      "alerting-slo",
    ]);
    const alerts = rules.flatMap((r) => plain(r).spec.groups.flatMap((g: any) => g.rules.filter((x: any) => x.alert)));
    expect(alerts).toHaveLength(32);
    for (const r of rules)
      expect(plain(r).metadata.labels).toMatchObject({ release: "prom", "app.kubernetes.io/managed-by": "gantry" });
  });

  it("keeps the inline routing key secret, in a Secret the AlertmanagerConfig references", () => {
    const secret = one(cap, "kubernetes:core/v1:Secret", "alerting-receivers");
    expect(isSecretValue(secret.inputs.stringData)).toBe(true);
    expect(plain(secret).stringData).toEqual({
      "oncall.pagerduty.routingKey": "pd-routing-key",
      "mail.email.password": "smtp-password",
    });
    const amc = plain(one(cap, "kubernetes:monitoring.coreos.com/v1alpha1:AlertmanagerConfig"));
    expect(amc.metadata.labels).toMatchObject({ alertmanager: "main" });
    expect(JSON.stringify(amc)).not.toMatch(/pd-routing-key|smtp-password/);
    const byName = Object.fromEntries(amc.spec.receivers.map((r: any) => [r.name, r]));
    expect(byName.oncall.pagerdutyConfigs[0].routingKey).toEqual({
      name: "alerting-receivers",
      key: "oncall.pagerduty.routingKey",
    });
    expect(byName.chat.telegramConfigs[0].botToken).toEqual({ name: "tg", key: "token" });
    expect(byName.mail.emailConfigs[0]).toMatchObject({
      authUsername: "alerts",
      authPassword: { name: "alerting-receivers", key: "mail.email.password" },
      requireTLS: true,
    });
  });

  it("validates against the prometheus-operator schemas", async () => {
    const objects = [
      ...ofType(cap, "kubernetes:monitoring.coreos.com/v1:PrometheusRule"),
      ...ofType(cap, "kubernetes:monitoring.coreos.com/v1alpha1:AlertmanagerConfig"),
    ];
    expect(objects).toHaveLength(7);
    for (const o of objects) expect(await schemaErrors(plain(o) as never)).toEqual([]);
  });

  it("refuses routes to an unknown receiver and production without a pager, before any child", async () => {
    const { Alerting } = await import("../../components/alerting");
    const base = { params, ruleLabels: {}, routingLabels: {} };
    expect(
      () =>
        new Alerting("bad", {
          ...base,
          receivers: { chat: { slack: { channel: "#x", apiUrl: { existingSecret: { name: "s", key: "k" } } } } },
          routes: { critical: ["ghost"], warning: [], ticket: [] },
        }),
    ).toThrow(/alerting\.routes\.critical\.0 names no receiver "ghost".*production needs a paging receiver/);
    expect(cap.resources().filter((r) => r.name.startsWith("bad-"))).toEqual([]);
  });
});
