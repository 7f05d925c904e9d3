// Production runs release images by digest only; staging may use tags.
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../infra/config";

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
