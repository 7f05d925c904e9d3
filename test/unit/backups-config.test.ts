// `gantry:backups.*` shapes: defaults, and errors that name the key and the fix.
import { describe, expect, it } from "vitest";
import { backupsSchema, postgresRestoreSchema } from "../../infra/config/backups";

describe("backupsSchema", () => {
  it("fills the drill and redis copy defaults and leaves retention to the environment", () => {
    const c = backupsSchema.parse({});
    expect(c.drill).toMatchObject({ schedule: "0 5 * * 0", maxAgeDays: 2, validationSql: [] });
    expect(c.redis).toEqual({ schedule: "30 2 * * *", retentionDays: 7 });
    expect(c.daily.retentionDays).toBeUndefined();
    expect(c.archiveTimeoutSeconds).toBe(300);
  });

  it("rejects an archive timeout above the 5-minute RPO", () => {
    const r = backupsSchema.safeParse({ archiveTimeoutSeconds: 600 });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(["archiveTimeoutSeconds"]);
  });

  it("rejects a six-field drill schedule with the expected form", () => {
    const r = backupsSchema.safeParse({ drill: { schedule: "0 0 5 * * 0" } });
    expect(r.error!.issues[0]!.path).toEqual(["drill", "schedule"]);
    expect(r.error!.issues[0]!.message).toContain("five-field cron");
  });

  it("rejects unknown keys and a bad copy region", () => {
    expect(backupsSchema.safeParse({ hourly: {} }).success).toBe(false);
    const r = backupsSchema.safeParse({ crossRegionCopy: { region: "Frankfurt" } });
    expect(r.error!.issues[0]!.path).toEqual(["crossRegionCopy", "region"]);
  });
});

describe("postgresRestoreSchema", () => {
  it("needs a UTC instant with Z and defaults the source to primary", () => {
    expect(postgresRestoreSchema.parse({ targetTime: "2026-11-20T10:00:00Z" }).source).toBe("primary");
    const r = postgresRestoreSchema.safeParse({ targetTime: "2026-11-20 10:00" });
    expect(r.error!.issues[0]!.message).toContain("trailing Z is required");
  });
});
