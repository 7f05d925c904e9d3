// The production routing on a real Alertmanager (Debian's 0.25) on loopback: critical mutes the
// warning of the same alert, and every critical alert of the environment joins one PagerDuty
// incident (one dedup key) while chat gets one thread per alert name. The receivers' endpoints
// point at a capture server started here; group_wait/group_interval are shortened so the test
// does not sit out the shipped 30 s / 5 m (those values are asserted in test/unit/alerting-routing).
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type AddressInfo, type Server } from "node:net";
import * as http from "node:http";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dump } from "js-yaml";
import { alertmanagerYaml } from "../../components/alerting/alertmanager-yaml";
import { routingPlan } from "../../components/alerting/routing";
import { receivers, routes } from "../../infra/alerting";
import { stackConfig } from "../helpers/alerting-stacks";

const dir = mkdtempSync(path.join(tmpdir(), "gantry-alertmanager-"));
const cfg = stackConfig("production");
const ns = cfg.kubernetes.namespace;
const received: { path: string; body: any }[] = [];
let capture: http.Server;
let am: ChildProcess;
let amUrl: string;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s: Server = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** Polls `check` until it returns a value (or fails the test after `ms`). Not a timing assertion: a deadline. */
async function until<T>(what: string, check: () => Promise<T | undefined> | T | undefined, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; received: ${JSON.stringify(received)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const alert = (alertname: string, severity: string) => ({
  labels: { alertname, severity, environment: "production", namespace: ns },
  annotations: { summary: alertname },
});
const post = (alerts: object[]) =>
  fetch(`${amUrl}/api/v2/alerts`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(alerts),
  });

beforeAll(async () => {
  capture = http.createServer((req, res) => {
    let text = "";
    req.on("data", (c) => (text += c));
    req.on("end", () => {
      received.push({ path: req.url ?? "", body: JSON.parse(text) });
      res.writeHead(200, { "content-type": "application/json" }).end('{"status":"success"}');
    });
  });
  await new Promise<void>((r) => capture.listen(0, "127.0.0.1", r));
  const sink = `http://127.0.0.1:${(capture.address() as AddressInfo).port}`;

  const plan = routingPlan({ environment: "production", receivers: receivers(cfg), routes: routes(cfg), secretName: "s" });
  const yml = alertmanagerYaml(plan.spec, { namespace: ns, name: "alerting", secret: (r) => `${sink}/slack/${r.name}` });
  const top = yml.route.routes[0]!;
  top.group_wait = "1s";
  top.group_interval = "2s";
  for (const r of yml.receivers as any[]) for (const pd of r.pagerduty_configs ?? []) pd.url = `${sink}/pagerduty`;
  writeFileSync(path.join(dir, "alertmanager.yml"), dump(yml, { lineWidth: -1 }));

  const port = await freePort();
  amUrl = `http://127.0.0.1:${port}`;
  am = spawn(
    "prometheus-alertmanager",
    [
      `--config.file=${path.join(dir, "alertmanager.yml")}`,
      `--storage.path=${path.join(dir, "data")}`,
      `--web.listen-address=127.0.0.1:${port}`,
      "--cluster.listen-address=",
    ],
    { stdio: "ignore" },
  );
  await until("Alertmanager ready", async () =>
    (await fetch(`${amUrl}/-/ready`).catch(() => undefined))?.ok ? true : undefined,
  );
}, 60_000);

afterAll(async () => {
  am?.kill();
  await new Promise<void>((r) => (capture ? capture.close(() => r()) : r()));
  rmSync(dir, { recursive: true, force: true });
});

describe("production routing on a real Alertmanager", () => {
  it("mutes the warning of an alert that is also critical", async () => {
    expect((await post([alert("PostgresDown", "critical"), alert("PostgresDown", "warning")])).ok).toBe(true);
    const warning = await until("the warning alert", async () => {
      const all = (await (await fetch(`${amUrl}/api/v2/alerts`)).json()) as any[];
      return all.find((a) => a.labels.severity === "warning");
    });
    expect(warning.status.state).toBe("suppressed");
    expect(warning.status.inhibitedBy).toHaveLength(1);
  });

  it("pages one incident for every critical alert of the environment, and chats one thread per alert", async () => {
    const pagesOf = () => received.filter((r) => r.path === "/pagerduty");
    await until("the first page", () => (pagesOf().length ? true : undefined));
    // A second critical alert during the incident: an update of the same incident, not a new page.
    expect((await post([alert("RedisDown", "critical")])).ok).toBe(true);
    const pages = await until("the page that adds RedisDown", () => {
      const p = pagesOf();
      return JSON.stringify(p).includes("RedisDown") ? p : undefined;
    });
    expect(new Set(pages.map((p) => p.body.dedup_key)).size).toBe(1);
    expect(pages.every((p) => p.body.event_action === "trigger" && p.body.payload.severity === "critical")).toBe(true);

    const chat = await until("a Slack thread for each alert", () => {
      const texts = received.filter((r) => r.path.startsWith("/slack/")).map((r) => JSON.stringify(r.body));
      return texts.some((t) => t.includes("RedisDown")) && texts.some((t) => t.includes("PostgresDown")) ? texts : undefined;
    });
    expect(chat.every((t) => t.includes("#gantry-production"))).toBe(true);
    // The last page carries both alerts: the incident grew, no second one was opened.
    expect(pages[pages.length - 1]!.body.payload.custom_details.num_firing).toBe("2");
    // The inhibited warning reached nobody: PostgresDown's thread only ever held the critical alert.
    const postgres = received.filter((r) => r.path.startsWith("/slack/")).map((r) => r.body.attachments[0].title as string);
    expect(postgres.filter((t) => t.includes("PostgresDown")).every((t) => t.startsWith("[FIRING:1] PostgresDown"))).toBe(true);
    expect(JSON.stringify(received)).not.toContain("severity = warning");
  });
});
