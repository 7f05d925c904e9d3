// Managed-tier alarm config: class sizing, which alarms apply where, and errors naming the key.
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { load } from "js-yaml";
import { describe, expect, it } from "vitest";
import { elasticacheAlarms, rdsAlarms } from "../../components/cloudwatch/alarms";
import { rdsMaxConnections, rdsMemoryGiB } from "../../components/cloudwatch/sizing";
import { parseConfig } from "../../infra/config";
import { stackParams } from "../helpers/alerting-stacks";
import { cloudwatchSchema } from "../../infra/config/cloudwatch";

const T = { replicationLagSeconds: 30, ...cloudwatchSchema.parse({}) };
const ROOT = path.resolve(__dirname, "..", "..");
const production = Object.fromEntries(
  Object.entries(
    (load(readFileSync(path.join(ROOT, "Pulumi.production.yaml"), "utf8")) as { config: Record<string, unknown> }).config,
  )
    .filter(([k]) => k.startsWith("gantry:"))
    .map(([k, v]) => [k.slice("gantry:".length), v]),
) as Record<string, any>;
/** The shipped production config with top-level keys replaced (`alerting` keys merged: its receivers stay). */
const raw = (over: Record<string, any> = {}) => ({
  ...structuredClone(production),
  ...over,
  ...(over.alerting ? { alerting: { ...structuredClone(production.alerting), ...over.alerting } } : {}),
});
const paths = (r: ReturnType<typeof parseConfig>) => (r.ok ? [] : r.problems.map((p) => p.path));

describe("RDS sizing", () => {
  it("knows burstable, general purpose, memory optimised and x2g memory, and nothing else", () => {
    expect(rdsMemoryGiB("db.t4g.medium")).toBe(4);
    expect(rdsMemoryGiB("db.m7g.2xlarge")).toBe(32);
    expect(rdsMemoryGiB("db.r7g.large")).toBe(16);
    expect(rdsMemoryGiB("db.x2g.xlarge")).toBe(64);
    expect(rdsMemoryGiB("db.z1d.large")).toBeUndefined();
    expect(rdsMemoryGiB("db.r7g.metal")).toBeUndefined();
  });

  it("takes max_connections from the parameter, else RDS's formula capped at 5000", () => {
    expect(rdsMaxConnections("db.r7g.large", "400")).toBe(400);
    expect(rdsMaxConnections("db.t4g.medium")).toBe(450);
    expect(rdsMaxConnections("db.r7g.16xlarge")).toBe(5000);
    expect(rdsMaxConnections("db.r7g.large", "lots")).toBeUndefined();
  });
});

describe("alarm table", () => {
  it("adds CPU credits for burstable classes and burst balance for gp2 only", () => {
    const keys = (i: Partial<Parameters<typeof rdsAlarms>[0]>) =>
      rdsAlarms({ name: "primary", role: "primary", identifier: "x", instanceClass: "db.r7g.large", storageGb: 20, ...i }, T).map(
        (a) => a.key,
      );
    expect(keys({})).toEqual(["cpu", "free-storage", "freeable-memory", "connections"]);
    expect(keys({ instanceClass: "db.t4g.medium" })).toContain("cpu-credits");
    expect(keys({ storageType: "gp2" })).toContain("burst-balance");
    expect(keys({ storageType: "gp3" })).not.toContain("burst-balance");
  });

  it("watches ElastiCache replication lag only when the group has replicas", () => {
    expect(elasticacheAlarms(false, T).map((a) => a.key)).toEqual(["cpu", "engine-cpu", "memory", "evictions"]);
    expect(elasticacheAlarms(true, T).map((a) => a.key)).toContain("replication-lag");
  });
});

describe("gantry:alerting.sns and alerting.cloudwatch", () => {
  it("accepts the shipped stacks and defaults the thresholds", () => {
    expect(() => stackParams("production", "managed")).not.toThrow();
    const r = parseConfig(raw());
    expect(r.ok && r.config.alerting.cloudwatch.elasticache.evictions).toBe(0);
    expect(r.ok && r.config.alerting.cloudwatch.rds.cpuPercent).toBe(80);
  });

  it("requires a subscription in production's managed tier, not in staging or in-cluster", () => {
    const none = { alerting: { sns: { subscriptions: [] } } };
    expect(paths(parseConfig(raw(none)))).toEqual(["alerting.sns.subscriptions"]);
    expect(parseConfig(raw({ ...none, environment: "staging" })).ok).toBe(true);
  });

  it("refuses a plaintext https endpoint and accepts it as a secret", () => {
    const https = {
      alerting: { sns: { subscriptions: [{ name: "pd", protocol: "https", endpoint: "https://events.pagerduty.com/x" }] } },
    };
    const r = parseConfig(raw(https));
    expect(r.ok ? [] : r.problems).toEqual([
      {
        path: "alerting.sns.subscriptions.0.endpoint",
        message: expect.stringContaining("pulumi config set --secret --path 'alerting.sns.subscriptions[0].endpoint'"),
      },
    ]);
    expect(parseConfig(raw(https), new Set(["alerting.sns.subscriptions.0.endpoint"])).ok).toBe(true);
    expect(parseConfig(raw(https), new Set(["alerting"])).ok).toBe(true);
  });

  it("checks plaintext endpoints against their protocol and names unique", () => {
    const subs = [
      { name: "a", protocol: "email", endpoint: "not-an-address" },
      { name: "a", protocol: "sms", endpoint: "0151 123" },
    ];
    expect(paths(parseConfig(raw({ alerting: { sns: { subscriptions: subs } } })))).toEqual([
      "alerting.sns.subscriptions.0.endpoint",
      "alerting.sns.subscriptions.1.name",
      "alerting.sns.subscriptions.1.endpoint",
    ]);
  });

  it("names postgres.instanceClass when its memory is unknown, and bad thresholds by key", () => {
    expect(paths(parseConfig(raw({ postgres: { ...production.postgres, instanceClass: "db.z1d.large" } })))).toEqual([
      "postgres.instanceClass",
    ]);
    const bad = parseConfig(raw({ alerting: { cloudwatch: { rds: { cpuPercent: 120 } }, sns: production.alerting.sns } }));
    expect(paths(bad)).toEqual(["alerting.cloudwatch.rds.cpuPercent"]);
  });
});
