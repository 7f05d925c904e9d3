// gantry:slo.* and gantry:alerting.*: defaults from our users, bad values reported by key path.
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../infra/config";

const base = {
  environment: "staging",
  dataTier: "in-cluster",
  gateway: { hostname: "app.example.com", tls: { secretName: "tls" } },
  release: { blue: { image: "ghcr.io/acme/app:1.0.0" } },
};

describe("alerting config", () => {
  it("defaults to 99.9 % availability, p95 under 500 ms, 0.1 % errors", () => {
    const r = parseConfig(base);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.ok && r.config.slo).toEqual({
      availabilityPercent: 99.9,
      latencyMs: 500,
      latencyPercent: 95,
      errorRatioPercent: 0.1,
    });
    expect(r.ok && r.config.alerting.queue).toEqual({ metric: "gantry_queue_depth", backlogThreshold: 1000 });
  });

  it("names the key path of a bad value", () => {
    const r = parseConfig({ ...base, slo: { availabilityPercent: 100 }, alerting: { queue: { metric: "queue depth" } } });
    expect(r.ok).toBe(false);
    const paths = r.ok ? [] : r.problems.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(["slo.availabilityPercent", "alerting.queue.metric"]));
  });
});
