// Per-environment defaults, validation and the `backups` stack output.
import { describe, expect, it } from "vitest";
import type { BackupsArgs } from "../../components/backups/args";
import { backupsSummary, destinationPath, resolveBackupsArgs, validateBackupsArgs } from "../../components/backups/defaults";

const postgres = { name: "db", databaseName: "app", storageGb: 20, version: "17" };
const base = (over: Partial<BackupsArgs> = {}): BackupsArgs => ({
  environment: "production",
  tier: "managed",
  namespace: "gantry",
  postgres,
  ...over,
});

describe("resolveBackupsArgs", () => {
  it("production: 7 d / 4 w / 12 mo, governance lock, drill on, protected", () => {
    const r = resolveBackupsArgs(base());
    expect(r.tiers.map((t) => t.retentionDays)).toEqual([7, 28, 365]);
    expect([r.vaultLock, r.drill.enabled, r.protect]).toEqual(["governance", true, true]);
  });

  it("staging: lighter (3 d / 1 w, no monthly), no lock, no drill", () => {
    const r = resolveBackupsArgs(base({ environment: "staging" }));
    expect(r.tiers.map((t) => [t.name, t.retentionDays])).toEqual([
      ["daily", 3],
      ["weekly", 7],
    ]);
    expect([r.vaultLock, r.drill.enabled, r.protect]).toEqual(["off", false, false]);
  });

  it("keeps an explicit 0 (no weekly) instead of the default", () => {
    expect(resolveBackupsArgs(base({ weeklyRetentionWeeks: 0 })).tiers.map((t) => t.name)).toEqual(["daily", "monthly"]);
  });
});

describe("validateBackupsArgs", () => {
  it("accepts the production defaults", () => {
    expect(validateBackupsArgs(resolveBackupsArgs(base()))).toEqual([]);
  });

  it("requires an object store in-cluster", () => {
    expect(validateBackupsArgs(resolveBackupsArgs(base({ tier: "in-cluster" }))).map((p) => p.path)).toEqual(["objectStore"]);
  });

  it("refuses an object store with both an IAM role and static keys, naming both keys", () => {
    const objectStore = { bucket: "b", roleArn: "arn:aws:iam::123456789012:role/r", credentialsSecret: "keys" };
    const problems = validateBackupsArgs(resolveBackupsArgs(base({ tier: "in-cluster", objectStore })));
    expect(problems.map((p) => p.path)).toEqual(["objectStore.roleArn"]);
    expect(problems[0]!.message).toContain("`objectStore.credentialsSecret`");
    const roleOnly = { bucket: "b", roleArn: "arn:aws:iam::123456789012:role/r" };
    expect(validateBackupsArgs(resolveBackupsArgs(base({ tier: "in-cluster", objectStore: roleOnly })))).toEqual([]);
  });

  it("refuses production without 12 monthly backups, or with an unlocked vault", () => {
    const p = validateBackupsArgs(resolveBackupsArgs(base({ monthlyRetentionMonths: 6, vaultLock: "off" })));
    expect(p.map((x) => x.path)).toEqual(["monthlyRetentionMonths", "vaultLock"]);
  });
});

describe("backupsSummary", () => {
  it("managed: AWS cron schedules, off-site copy region, restore testing, 26 h max age", () => {
    const s = backupsSummary(resolveBackupsArgs(base({ crossRegionCopy: { region: "eu-west-1", retentionDays: 30 } })));
    expect(s.schedules.monthly).toEqual({ schedule: "cron(0 3 1 * ? *)", retentionDays: 365 });
    expect(s.offsite).toEqual({ kind: "aws-backup-copy", region: "eu-west-1", retentionDays: 30 });
    expect(s.drill?.kind).toBe("aws-restore-testing");
    expect([s.maxAgeHours, s.rpoSeconds, s.retention.pitrDays]).toEqual([26, 300, 7]);
  });

  it("in-cluster: CNPG schedules, the object store as off-site, RPO = archive_timeout", () => {
    const s = backupsSummary(
      resolveBackupsArgs(base({ tier: "in-cluster", archiveTimeoutSeconds: 120, objectStore: { bucket: "acme-backups" } })),
    );
    expect(s.schedules.daily!.schedule).toBe("0 0 1 * * *");
    expect(s.offsite).toEqual({ kind: "object-store", destination: "s3://acme-backups/gantry", endpoint: null });
    expect([s.rpoSeconds, s.vaultLock]).toEqual([120, null]);
    // Production drills in-cluster with the restore-drill CronJob; no Redis given, no RDB copy.
    expect(s.drill).toMatchObject({ kind: "cronjob-restore", cronJob: "restore-drill", schedule: "0 5 * * 0", checks: 0 });
    expect(s.redisCopy).toBeNull();
  });
});

it("destinationPath trims a trailing slash of the prefix", () => {
  expect(destinationPath({ bucket: "b", path: "gantry/prod/" }, "ns")).toBe("s3://b/gantry/prod");
});
