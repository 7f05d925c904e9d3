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

  describe("objectStore.roleArn (IRSA)", () => {
    const store = (o: Record<string, unknown>) => backupsSchema.safeParse({ objectStore: { bucket: "acme-backups", ...o } });
    it("accepts an IAM role ARN, with a path and in another partition", () => {
      for (const roleArn of [
        "arn:aws:iam::123456789012:role/gantry-backups",
        "arn:aws:iam::123456789012:role/service/gantry-backups",
        "arn:aws-us-gov:iam::123456789012:role/gantry-backups",
      ])
        expect(store({ roleArn }).success, roleArn).toBe(true);
    });
    it.each([
      ["a user ARN", "arn:aws:iam::123456789012:user/backup"],
      ["a role name alone", "gantry-backups"],
      ["an account id that is not 12 digits", "arn:aws:iam::12345:role/gantry-backups"],
    ])("rejects %s, naming the key and the expected form", (_, roleArn) => {
      const r = store({ roleArn });
      expect(r.error!.issues[0]!.path).toEqual(["objectStore", "roleArn"]);
      expect(r.error!.issues[0]!.message).toContain("must be an IAM role ARN such as arn:aws:iam::123456789012:role/");
    });
    it("rejects roleArn together with credentialsSecret: one way to reach the bucket", () => {
      const r = store({ roleArn: "arn:aws:iam::123456789012:role/gantry-backups", credentialsSecret: "s3-keys" });
      expect(r.error!.issues[0]!.path).toEqual(["objectStore", "roleArn"]);
      expect(r.error!.issues[0]!.message).toContain("not both");
    });
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
