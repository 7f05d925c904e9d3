// The shipped stacks' alert routing through the real amtool: the AlertmanagerConfig is rendered to
// the alertmanager.yml prometheus-operator would generate (credentials replaced by dummy values,
// written to a temp dir only), `amtool check-config` accepts it, and `amtool config routes test`
// shows where each severity of each environment goes.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { execFileSync } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { dump } from "js-yaml";
import { alertmanagerYaml, ROOT_RECEIVER } from "../../components/alerting/alertmanager-yaml";
import { NO_RECEIVER, routingPlan } from "../../components/alerting/routing";
import { receivers, routes } from "../../infra/alerting";
import type { GantryConfig } from "../../infra/config";
import { stackConfig } from "../helpers/alerting-stacks";

const dir = mkdtempSync(path.join(tmpdir(), "gantry-amtool-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function amtool(...args: string[]): string {
  try {
    return execFileSync("amtool", args, { cwd: dir, encoding: "utf8", stdio: "pipe" });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    throw new Error(`amtool ${args.join(" ")} failed:\n${err.stdout}\n${err.stderr}`);
  }
}

/** Writes the stack's rendered alertmanager.yml; returns its file name. */
function render(file: string, cfg: GantryConfig): string {
  const plan = routingPlan({
    environment: cfg.environment,
    receivers: receivers(cfg),
    routes: routes(cfg),
    secretName: "alerting-receivers",
  });
  // A URL is a valid value for every credential field (Slack's api_url must be one).
  const secret = (ref: { name: string; key: string }) => `https://dummy.invalid/${ref.name}/${ref.key}`;
  const yml = alertmanagerYaml(plan.spec, { namespace: cfg.kubernetes.namespace, name: "alerting", secret });
  writeFileSync(path.join(dir, file), dump(yml, { lineWidth: -1 }));
  return file;
}

const ref = (name: string, key: string) => ({ existingSecret: { name, key } });
/** Every integration at once: PagerDuty, Slack + Telegram, e-mail with SMTP auth. */
const ALL_INTEGRATIONS = {
  receivers: {
    oncall: { pagerduty: { routingKey: ref("pd", "key") } },
    "team-chat": {
      slack: { channel: "#gantry", apiUrl: ref("slack", "url") },
      telegram: { chatId: -1001234567890, botToken: ref("telegram", "token") },
    },
    "ops-mail": {
      email: {
        to: "ops@example.com",
        from: "alerts@example.com",
        smarthost: "smtp.example.com:587",
        username: "alerts",
        password: ref("smtp", "password"),
      },
    },
  },
  routes: { ticket: ["ops-mail"] },
};

type Case = [severity: string, receivers: string[]];
const VARIANTS: [string, GantryConfig, Case[]][] = [
  [
    "production (shipped)",
    stackConfig("production"),
    [
      ["critical", ["oncall", "team-chat"]],
      ["warning", ["team-chat"]],
      ["ticket", ["team-chat"]],
    ],
  ],
  [
    "staging (shipped)",
    stackConfig("staging"),
    [
      ["critical", ["team-chat"]],
      ["warning", ["team-chat"]],
      ["ticket", ["team-chat"]],
    ],
  ],
  [
    "production, every integration",
    stackConfig("production", "managed", { alerting: ALL_INTEGRATIONS }),
    [
      ["critical", ["oncall", "ops-mail", "team-chat"]],
      ["warning", ["ops-mail", "team-chat"]],
      ["ticket", ["ops-mail"]],
    ],
  ],
  [
    // A pager configured in staging is not paged by default.
    "staging with a pager configured",
    stackConfig("staging", "managed", { alerting: { receivers: ALL_INTEGRATIONS.receivers } }),
    [
      ["critical", ["ops-mail", "team-chat"]],
      ["warning", ["ops-mail", "team-chat"]],
      ["ticket", ["ops-mail", "team-chat"]],
    ],
  ],
];

describe.each(VARIANTS)("amtool: %s", (label, cfg, cases) => {
  const file = render(`${label.replace(/\W+/g, "-")}.yml`, cfg);
  const ns = cfg.kubernetes.namespace;
  const env = cfg.environment;
  const routeOf = (...labels: string[]) =>
    amtool("config", "routes", "test", `--config.file=${file}`, ...labels)
      .trim()
      .split(",")
      .map((r) => r.replace(`${ns}/alerting/`, ""));

  it("check-config accepts the rendered configuration", () => {
    const out = amtool("check-config", file);
    expect(out).toContain("SUCCESS");
    const receiverCount = new Set(cases.flatMap(([, r]) => r)).size + 2; // + the root's and the config's null receivers
    expect(out).toContain(`${receiverCount} receivers`);
    expect(out).toContain("2 inhibit rules");
  });

  it.each(cases)(`${env} %s alerts reach %j`, (severity, expected) => {
    expect(routeOf(`severity=${severity}`, `environment=${env}`, `namespace=${ns}`, "alertname=Example")).toEqual(expected);
  });

  it("routes nothing of another namespace or environment, nor a severity it does not know", () => {
    expect(routeOf("severity=critical", `environment=${env}`, "namespace=other", "alertname=Example")).toEqual([ROOT_RECEIVER]);
    expect(routeOf("severity=critical", "environment=elsewhere", `namespace=${ns}`, "alertname=Example")).toEqual([
      ROOT_RECEIVER,
    ]);
    expect(routeOf("severity=info", `environment=${env}`, `namespace=${ns}`, "alertname=Example")).toEqual([NO_RECEIVER]);
  });
});

it("staging critical alerts page nobody, production critical alerts page the on-call", () => {
  const paging = (cfg: GantryConfig) => routes(cfg).critical.filter((n) => receivers(cfg)[n]?.pagerduty);
  expect(paging(stackConfig("staging", "managed", { alerting: { receivers: ALL_INTEGRATIONS.receivers } }))).toEqual([]);
  expect(paging(stackConfig("production"))).toEqual(["oncall"]);
});
