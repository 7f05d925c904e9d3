// `gantry:postgres.retireCurrent`: retiring the old database is valid only after a cut-over to a
// restored copy that stays declared; each invalid case names the key and the fix.
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../infra/config";
import { validConfig } from "../helpers/config-fixture";

const DAY_AGO = `${new Date(Date.now() - 86_400_000).toISOString().slice(0, 19)}Z`;

const base = (tier: "managed" | "in-cluster"): Record<string, any> => validConfig({ tier, objectStore: true });
const withPg = (tier: "managed" | "in-cluster", pg: Record<string, unknown>) => {
  const b = base(tier);
  return { ...b, postgres: { ...b.postgres, ...pg } };
};
const problems = (cfg: Record<string, any>) => {
  const r = parseConfig(cfg);
  return r.ok ? [] : r.problems;
};

// [what, config, fragment of the message on postgres.retireCurrent]
const invalid: Array<[string, Record<string, any>, string]> = [
  ["unprotect without any restore", withPg("managed", { retireCurrent: "unprotect" }), "needs postgres.restore"],
  ["delete without any restore (in-cluster)", withPg("in-cluster", { retireCurrent: "delete" }), "needs postgres.restore"],
  [
    "unprotect while the app still serves from the current database",
    withPg("managed", { restore: { targetTime: DAY_AGO }, retireCurrent: "unprotect" }),
    "cut over first with postgres.serveFrom: restored",
  ],
  [
    "delete with serveFrom: current said explicitly (in-cluster)",
    withPg("in-cluster", { restore: { targetTime: DAY_AGO }, serveFrom: "current", retireCurrent: "delete" }),
    "cut over first with postgres.serveFrom: restored",
  ],
  [
    "an unknown step",
    withPg("managed", { restore: { targetTime: DAY_AGO }, serveFrom: "restored", retireCurrent: "drop" }),
    '"unprotect", "delete"',
  ],
  [
    "a boolean instead of a step",
    withPg("managed", { restore: { targetTime: DAY_AGO }, serveFrom: "restored", retireCurrent: true }),
    "one of",
  ],
];

describe("invalid retire config", () => {
  it.each(invalid)("%s", (_what, cfg, fragment) => {
    const ps = problems(cfg);
    const hit = ps.find((p) => p.path === "postgres.retireCurrent");
    expect(hit, JSON.stringify(ps)).toBeDefined();
    expect(hit!.message).toContain(fragment);
  });

  it("names the fix: keep the restore, or remove retireCurrent", () => {
    const [p] = problems(withPg("managed", { retireCurrent: "delete" }));
    expect(p!.message).toMatch(/remove retireCurrent/);
  });
});

describe("valid retire config", () => {
  it.each(["managed", "in-cluster"] as const)("%s: both steps after a cut-over, long after the target time", (tier) => {
    const old = "2025-01-01T00:00:00Z"; // far outside the PITR window: the copy serves, its time is history
    for (const step of ["unprotect", "delete"]) {
      const r = parseConfig(withPg(tier, { restore: { targetTime: old }, serveFrom: "restored", retireCurrent: step }));
      expect(r.ok && r.config.postgres.retireCurrent, JSON.stringify(r)).toBe(step);
    }
  });

  it("is unset by default", () => {
    const r = parseConfig(base("managed"));
    expect(r.ok && r.config.postgres.retireCurrent).toBeUndefined();
  });
});
