// Production runs release images by digest only; staging may use tags.
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../infra/config";
import { resolveHardening } from "../../infra/config/hardening";

const DIGEST = `sha256:${"c".repeat(64)}`;
const cfg = (environment: string, blue: string, green?: string): Record<string, unknown> => ({
  environment,
  dataTier: "in-cluster",
  postgres: { replicas: 1 },
  redis: { replicas: 1 },
  app: { replicas: 2 },
  gateway: { hostname: "app.example.com", tls: { issuer: { name: "letsencrypt" } } },
  release: { active: "blue", blue: { image: blue }, ...(green ? { green: { image: green } } : {}) },
  // Production must page someone on critical alerts.
  alerting: {
    receivers: { oncall: { pagerduty: { routingKey: { existingSecret: { name: "pagerduty", key: "routing-key" } } } } },
  },
});
const problems = (c: Record<string, unknown>) => {
  const r = parseConfig(c);
  return r.ok ? [] : r.problems;
};

describe("release image digests", () => {
  it("refuses a production image without a digest, naming the key and the fix", () => {
    const p = problems(cfg("production", `ghcr.io/acme/app:1.4.1@${DIGEST}`, "ghcr.io/acme/app:1.5.0"));
    expect(p).toHaveLength(1);
    expect(p[0]!.path).toBe("release.green.image");
    expect(p[0]!.message).toContain('"ghcr.io/acme/app:1.5.0" has no digest');
    expect(p[0]!.message).toContain("ghcr.io/acme/app:1.5.0@sha256:");
  });
  it("reports both colours at once", () => {
    expect(problems(cfg("production", "ghcr.io/acme/app:1.4.1", "ghcr.io/acme/app:1.5.0")).map((p) => p.path)).toEqual([
      "release.blue.image",
      "release.green.image",
    ]);
  });
  it("accepts digests in production, with or without a tag", () => {
    expect(problems(cfg("production", `ghcr.io/acme/app:1.4.1@${DIGEST}`, `ghcr.io/acme/app@${DIGEST}`))).toEqual([]);
  });
  it("lets staging use tags (the digest policy is advisory there)", () => {
    expect(problems(cfg("staging", "ghcr.io/acme/app:1.4.1", "ghcr.io/acme/app:1.5.0"))).toEqual([]);
  });
});

describe("gantry:hardening defaults", () => {
  const parsed = (environment: string, hardening?: Record<string, unknown>) => {
    const r = parseConfig({ ...cfg(environment, `ghcr.io/acme/app:1.4.1@${DIGEST}`), ...(hardening ? { hardening } : {}) });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    return resolveHardening(r.config);
  };
  it("turns files, KMS and 30-day log retention on in production only", () => {
    expect(parsed("production")).toEqual({ credentialsAsFiles: true, kms: true, logRetentionDays: 30 });
    expect(parsed("staging")).toEqual({ credentialsAsFiles: false, kms: false, logRetentionDays: 7 });
  });
  it("keeps an explicit false in production and an explicit true elsewhere", () => {
    expect(parsed("production", { credentialsAsFiles: false, kms: false })).toMatchObject({
      credentialsAsFiles: false,
      kms: false,
    });
    expect(parsed("staging", { credentialsAsFiles: true, logRetentionDays: 90 })).toMatchObject({
      credentialsAsFiles: true,
      logRetentionDays: 90,
    });
  });
  it("refuses a retention CloudWatch does not offer, naming the key", () => {
    const r = parseConfig({ ...cfg("staging", "ghcr.io/acme/app:1.4.1"), hardening: { logRetentionDays: 10 } });
    expect(r.ok ? [] : r.problems.map((p) => p.path)).toEqual(["hardening.logRetentionDays"]);
  });
});
