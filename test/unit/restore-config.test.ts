// `gantry:postgres.restore` / `gantry:postgres.serveFrom`: what a point-in-time restore may ask
// for, each invalid case naming the key to change. The clock is pinned where the rule reads it.
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../infra/config";
import { pitrWindowDays, restoreLagSeconds, restoreProblems } from "../../infra/config/restore";
import type { GantryConfig } from "../../infra/config/schema";
import { validConfig } from "../helpers/config-fixture";

const NOW = new Date("2026-12-02T12:00:00Z");
const hoursAgo = (h: number) => `${new Date(Date.now() - h * 3_600_000).toISOString().slice(0, 19)}Z`;

const base = (tier: "managed" | "in-cluster" = "managed", env = "production"): Record<string, any> =>
  validConfig({ tier, environment: env, objectStore: true });

function problems(cfg: Record<string, any>) {
  const r = parseConfig(cfg);
  return r.ok ? [] : r.problems;
}

/** Parsed config (must be valid apart from the restore's time rules, checked with NOW). */
function parsed(cfg: Record<string, any>): GantryConfig {
  const { restore, ...pg } = cfg.postgres;
  const r = parseConfig({ ...cfg, postgres: pg });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return { ...r.config, postgres: { ...r.config.postgres, ...(restore ? { restore: { source: "primary", ...restore } } : {}) } };
}

const withPg = (cfg: Record<string, any>, pg: Record<string, unknown>) => ({ ...cfg, postgres: { ...cfg.postgres, ...pg } });

// [what, config, expected key path, fragment of the message] — all through parseConfig (real clock).
const invalid: Array<[string, Record<string, any>, string, string]> = [
  [
    "serveFrom restored without a restore",
    withPg(base(), { serveFrom: "restored" }),
    "postgres.serveFrom",
    "needs postgres.restore.targetTime",
  ],
  ["serveFrom an unknown database", withPg(base(), { serveFrom: "old" }), "postgres.serveFrom", "one of"],
  ["restore without targetTime", withPg(base(), { restore: {} }), "postgres.restore.targetTime", "required"],
  ["restore as a bare string", withPg(base(), { restore: "2026-11-20T10:00:00Z" }), "postgres.restore", "object"],
  [
    "targetTime without the Z",
    withPg(base(), { restore: { targetTime: "2026-11-20T10:00:00" } }),
    "postgres.restore.targetTime",
    "trailing Z",
  ],
  [
    "targetTime that is no real day",
    withPg(base(), { restore: { targetTime: "2026-02-30T10:00:00Z" } }),
    "postgres.restore.targetTime",
    "not a real date",
  ],
  [
    "targetTime in the future",
    withPg(base(), { restore: { targetTime: hoursAgo(-24) } }),
    "postgres.restore.targetTime",
    "in the future",
  ],
  [
    "targetTime before RDS's latest restorable time",
    withPg(base(), { restore: { targetTime: hoursAgo(0.01) } }),
    "postgres.restore.targetTime",
    "less than 300 s ago",
  ],
  [
    "targetTime older than the 14-day production window",
    withPg(base(), { restore: { targetTime: hoursAgo(15 * 24) } }),
    "postgres.restore.targetTime",
    "14-day point-in-time window",
  ],
  [
    "targetTime older than postgres.backupRetentionDays",
    withPg(base("managed", "staging"), { replicas: 0, backupRetentionDays: 3, restore: { targetTime: hoursAgo(4 * 24) } }),
    "postgres.restore.targetTime",
    "postgres.backupRetentionDays",
  ],
  [
    "in-cluster targetTime older than the longest backup retention",
    {
      ...withPg(base("in-cluster", "staging"), { replicas: 0, restore: { targetTime: hoursAgo(8 * 24) } }),
      app: { replicas: 1 },
      redis: { replicas: 0 },
    },
    "postgres.restore.targetTime",
    "7-day point-in-time window (the longest backups.* retention)",
  ],
  [
    "in-cluster targetTime newer than archive_timeout allows",
    withPg(
      { ...base("in-cluster"), backups: { objectStore: { bucket: "acme-backups" }, archiveTimeoutSeconds: 120 } },
      { restore: { targetTime: hoursAgo(0.01) } },
    ),
    "postgres.restore.targetTime",
    "backups.archiveTimeoutSeconds",
  ],
  [
    "in-cluster restore with backups disabled",
    withPg({ ...base("in-cluster"), backups: { enabled: false } }, { restore: { targetTime: hoursAgo(24) } }),
    "backups.enabled",
    "must be true for postgres.restore",
  ],
  [
    "in-cluster without an object store",
    withPg({ ...base("in-cluster"), backups: {} }, { restore: { targetTime: hoursAgo(24) } }),
    "backups.objectStore",
    "is required for postgres.restore",
  ],
  [
    "an unknown restore key",
    withPg(base(), { restore: { targetTime: hoursAgo(24), promote: true } }),
    "postgres.restore.promote",
    "not a known key",
  ],
  [
    "a source that is no identifier",
    withPg(base(), { restore: { targetTime: hoursAgo(24), source: "Prod DB" } }),
    "postgres.restore.source",
    "RDS instance identifier",
  ],
];

describe("invalid restore config", () => {
  it.each(invalid)("%s", (_what, cfg, path, fragment) => {
    const ps = problems(cfg);
    const hit = ps.find((p) => p.path === path);
    expect(hit, JSON.stringify(ps)).toBeDefined();
    expect(hit!.message).toContain(fragment);
  });

  it("counts at least 15 new invalid cases for issue #8", () => {
    expect(invalid.length).toBeGreaterThanOrEqual(15);
  });
});

describe("valid restores", () => {
  it("accepts a target a day ago in both tiers, with either database serving", () => {
    for (const tier of ["managed", "in-cluster"] as const) {
      for (const serveFrom of ["current", "restored"]) {
        expect(problems(withPg(base(tier), { restore: { targetTime: hoursAgo(24) }, serveFrom }))).toEqual([]);
      }
    }
  });

  it("stops checking the target time once the copy serves (it is history then)", () => {
    expect(problems(withPg(base(), { restore: { targetTime: hoursAgo(30 * 24) }, serveFrom: "restored" }))).toEqual([]);
    const c = parsed(withPg(base(), { restore: { targetTime: "2026-10-01T00:00:00Z" } }));
    expect(restoreProblems({ ...c, postgres: { ...c.postgres, serveFrom: "restored" } }, NOW)).toEqual([]);
    expect(restoreProblems(c, NOW).map((p) => p.path)).toEqual(["postgres.restore.targetTime"]);
  });

  it("defaults to serving from the current database and restoring the stack's own primary", () => {
    const r = parseConfig(withPg(base(), { restore: { targetTime: hoursAgo(24) } }));
    expect(r.ok && [r.config.postgres.serveFrom, r.config.postgres.restore?.source]).toEqual(["current", "primary"]);
  });
});

describe("the restore window and lag", () => {
  it("managed: postgres.backupRetentionDays, else 14 days in production and 7 elsewhere; lag 5 minutes", () => {
    expect(pitrWindowDays(parsed(base()))).toBe(14);
    expect(pitrWindowDays(parsed(withPg(base(), { backupRetentionDays: 21 })))).toBe(21);
    expect(pitrWindowDays(parsed({ ...withPg(base("managed", "staging"), { replicas: 0 }), app: { replicas: 1 } }))).toBe(7);
    expect(restoreLagSeconds(parsed(base()))).toBe(300);
  });

  it("in-cluster: the longest GFS tier (365 days in production, 7 in staging); lag = archive_timeout", () => {
    expect(pitrWindowDays(parsed(base("in-cluster")))).toBe(365);
    expect(pitrWindowDays(parsed({ ...base("in-cluster", "staging"), app: { replicas: 1 } }))).toBe(7);
    const c = parsed({ ...base("in-cluster"), backups: { objectStore: { bucket: "acme-backups" }, archiveTimeoutSeconds: 60 } });
    expect(restoreLagSeconds(c)).toBe(60);
  });

  it("places the boundaries exactly (pinned clock)", () => {
    const at = (t: string) => restoreProblems(parsed(withPg(base(), { restore: { targetTime: t } })), NOW).map((p) => p.path);
    expect(at("2026-12-02T11:55:00Z")).toEqual([]); // exactly 300 s before now
    expect(at("2026-12-02T11:55:01Z")).toEqual(["postgres.restore.targetTime"]);
    expect(at("2026-11-18T12:00:00Z")).toEqual([]); // exactly 14 days
    expect(at("2026-11-18T11:59:59Z")).toEqual(["postgres.restore.targetTime"]);
    expect(at("2026-11-20T10:00:00Z")).toEqual([]);
  });
});
