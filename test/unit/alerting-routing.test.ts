// Alert routing decisions: per-environment defaults, config errors by key path, the
// AlertmanagerConfig spec (secret references, grouping, inhibition) and its alertmanager.yml form.
import { describe, expect, it } from "vitest";
import { alertmanagerYaml } from "../../components/alerting/alertmanager-yaml";
import { defaultRoutes } from "../../components/alerting/receivers";
import { routingPlan } from "../../components/alerting/routing";
import { parseConfig } from "../../infra/config";

const ref = (name: string, key = "k") => ({ existingSecret: { name, key } });
const PD = { pagerduty: { routingKey: ref("pd") } };
const SLACK = { slack: { channel: "#alerts", apiUrl: ref("slack") } };

const base = (environment: string, alerting: Record<string, unknown>) => ({
  environment,
  dataTier: "in-cluster",
  postgres: { replicas: 1 },
  redis: { replicas: 1 },
  app: { replicas: 2 },
  gateway: { hostname: "app.example.com", tls: { issuer: { name: "letsencrypt" } } },
  release: { blue: { image: `ghcr.io/acme/app:1.0.0@sha256:${"a".repeat(64)}` } },
  alerting,
});
const problems = (cfg: Record<string, unknown>, secretPaths: string[] = []) => {
  const r = parseConfig(cfg, new Set(secretPaths));
  return r.ok ? [] : r.problems;
};

describe("default routes", () => {
  const receivers = { oncall: PD, "team-chat": SLACK, mail: { email: { to: "a@b.co", from: "c@b.co", smarthost: "smtp:25" } } };
  it("production: critical pages the pager first and tells every channel; warning and ticket never page", () => {
    expect(defaultRoutes("production", receivers)).toEqual({
      critical: ["oncall", "mail", "team-chat"],
      warning: ["mail", "team-chat"],
      ticket: ["mail", "team-chat"],
    });
  });
  it("staging pages nobody, even with a pager configured", () => {
    expect(defaultRoutes("staging", receivers).critical).toEqual(["mail", "team-chat"]);
  });
});

describe("routing config errors", () => {
  it("refuses production without a paging receiver, naming the key and the fix", () => {
    expect(problems(base("production", { receivers: { "team-chat": SLACK } }))).toEqual([
      {
        path: "alerting.receivers",
        message:
          "production needs a paging receiver for critical alerts: add one with `pagerduty.routingKey` (an existingSecret reference or a Pulumi secret)",
      },
    ]);
    expect(problems(base("production", {})).map((p) => p.path)).toEqual(["alerting.receivers"]);
    expect(problems(base("staging", {}))).toEqual([]);
  });
  it("refuses production critical routes that skip the pager", () => {
    const p = problems(
      base("production", { receivers: { oncall: PD, "team-chat": SLACK }, routes: { critical: ["team-chat"] } }),
    );
    expect(p.map((x) => x.path)).toEqual(["alerting.routes.critical"]);
  });
  it("refuses a plaintext credential and accepts a Pulumi secret (exact path or the whole key)", () => {
    const cfg = base("staging", { receivers: { tg: { telegram: { chatId: 42, botToken: "123:abc" } } } });
    expect(problems(cfg)).toEqual([
      {
        path: "alerting.receivers.tg.telegram.botToken",
        message:
          "is plaintext; store it encrypted with `pulumi config set --secret --path 'alerting.receivers.tg.telegram.botToken' <value>` or reference a Kubernetes Secret: {existingSecret: {name, key}}",
      },
    ]);
    expect(problems(cfg, ["alerting.receivers.tg.telegram.botToken"])).toEqual([]);
    expect(problems(cfg, ["alerting"])).toEqual([]);
  });
  it("names unknown receivers, paging on warnings, empty receivers and the reserved name", () => {
    const p = problems(
      base("staging", {
        receivers: { oncall: PD, empty: {}, none: SLACK },
        routes: { critical: ["nobody"], warning: ["oncall"] },
      }),
    );
    expect(p.map((x) => x.path).sort()).toEqual([
      "alerting.receivers.empty",
      "alerting.receivers.none",
      "alerting.routes.critical.0",
      "alerting.routes.warning.0",
    ]);
    expect(p.find((x) => x.path === "alerting.routes.warning.0")!.message).toContain("only critical alerts page a human");
  });
  it("requires existing Secrets in render mode (rendered Secrets are plaintext files)", () => {
    const cfg = {
      ...base("staging", { receivers: { pd: { pagerduty: { routingKey: "key" } } } }),
      kubernetes: { renderToDirectory: "out" },
      postgres: { replicas: 1, credentials: "operator" },
      redis: { replicas: 1, existingSecret: { name: "redis", key: "password" } },
    };
    expect(problems(cfg, ["alerting"]).map((p) => p.path)).toEqual(["alerting.receivers.pd.pagerduty.routingKey"]);
  });
  it("checks e-mail addresses and the SMTP host:port", () => {
    const cfg = base("staging", { receivers: { mail: { email: { to: "ops", from: "a@b.co", smarthost: "smtp.example.com" } } } });
    expect(problems(cfg).map((p) => p.path)).toEqual([
      "alerting.receivers.mail.email.to",
      "alerting.receivers.mail.email.smarthost",
    ]);
  });
});

describe("routingPlan", () => {
  const plan = routingPlan({
    environment: "production",
    receivers: {
      oncall: { pagerduty: { routingKey: { value: "pd-key" } } },
      "team-chat": SLACK,
      unused: { slack: { channel: "#x", apiUrl: { value: "u" } } },
    },
    routes: { critical: ["oncall", "team-chat"], warning: ["team-chat"], ticket: ["team-chat"] },
    secretName: "alerting-receivers",
  });
  it("writes inline credentials of routed receivers into one Secret and references existing ones as given", () => {
    expect(plan.secretData).toEqual({ "oncall.pagerduty.routingKey": "pd-key" });
    const byName = Object.fromEntries(plan.spec.receivers.map((r) => [r.name, r]));
    expect(byName.oncall!.pagerdutyConfigs![0]!.routingKey).toEqual({
      name: "alerting-receivers",
      key: "oncall.pagerduty.routingKey",
    });
    expect(byName["team-chat"]!.slackConfigs![0]!.apiURL).toEqual({ name: "slack", key: "k" });
    expect(Object.keys(byName)).toEqual(["none", "oncall", "team-chat"]);
  });
  it("pages once per incident: the pager groups by namespace only and repeats after 12 h; chat by alert name every 4 h", () => {
    const [page, chatCritical, warning, ticket] = plan.spec.route.routes!;
    expect(plan.spec.route).toMatchObject({
      receiver: "none",
      groupBy: ["namespace", "alertname"],
      groupWait: "30s",
      groupInterval: "5m",
      repeatInterval: "4h",
    });
    expect(plan.spec.route.matchers).toEqual([{ name: "environment", value: "production", matchType: "=" }]);
    expect(page).toMatchObject({ receiver: "oncall", groupBy: ["namespace"], repeatInterval: "12h", continue: true });
    expect(chatCritical!.continue).toBeUndefined();
    expect(chatCritical!.groupBy).toBeUndefined();
    expect(warning!.matchers).toEqual([{ name: "severity", value: "warning", matchType: "=" }]);
    expect(ticket).toMatchObject({ receiver: "team-chat", repeatInterval: "24h" });
  });
  it("mutes warning under critical of the same alert, and an SLO's ticket under its page", () => {
    expect(plan.spec.inhibitRules.map((r) => r.equal)).toEqual([
      ["namespace", "alertname"],
      ["namespace", "slo"],
    ]);
    expect(plan.spec.inhibitRules[1]!.targetMatch).toContainEqual({ name: "slo", value: ".+", matchType: "=~" });
  });
});

describe("alertmanagerYaml (the operator's conversion)", () => {
  const plan = routingPlan({
    environment: "staging",
    receivers: { "team-chat": SLACK },
    routes: { critical: ["team-chat"], warning: [], ticket: [] },
    secretName: "s",
  });
  const yml = alertmanagerYaml(plan.spec, {
    namespace: "gantry-staging",
    name: "alerting",
    secret: (r) => `<${r.name}/${r.key}>`,
  });
  it("confines the route and inhibit rules to the namespace and prefixes receiver names", () => {
    const top = yml.route.routes[0]!;
    expect(top.matchers).toEqual(['namespace="gantry-staging"', 'environment="staging"']);
    expect(top.continue).toBe(true);
    expect(top.receiver).toBe("gantry-staging/alerting/none");
    expect(yml.inhibit_rules[0]!.source_matchers).toEqual(['severity="critical"', 'namespace="gantry-staging"']);
    expect(yml.receivers.map((r) => r.name)).toEqual([
      "null",
      "gantry-staging/alerting/none",
      "gantry-staging/alerting/team-chat",
    ]);
  });
  it("resolves Secret references through the given function", () => {
    expect(yml.receivers[2]!.slack_configs).toEqual([{ api_url: "<slack/k>", channel: "#alerts", send_resolved: true }]);
  });
});

describe("e-mail authentication", () => {
  it("needs both the SMTP username and password, or neither", () => {
    const mail = (auth: object) =>
      base("staging", { receivers: { mail: { email: { to: "a@b.co", from: "c@b.co", smarthost: "smtp.b.co:587", ...auth } } } });
    expect(problems(mail({ username: "alerts" })).map((p) => p.path)).toEqual(["alerting.receivers.mail.email.password"]);
    expect(problems(mail({ password: ref("smtp") })).map((p) => p.path)).toEqual(["alerting.receivers.mail.email.username"]);
    expect(problems(mail({ username: "alerts", password: ref("smtp") }))).toEqual([]);
    expect(problems(mail({}))).toEqual([]);
  });
});
