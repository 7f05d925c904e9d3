// AWS Backup for the managed tier, planned from Pulumi.production.yaml under mocks.
import { beforeAll, describe, expect, it } from "vitest";
import type { Plan } from "../../src/plan/run";
import { mandatory, named, ofType, planStack } from "./harness";

// One plan per file: the mock runtime is process-wide.
let production: Plan;
beforeAll(async () => {
  production = await planStack("production");
}, 60_000);

describe("production backups (managed)", () => {
  it("encrypts the vault with its own rotating KMS key and protects both", () => {
    const key = named(production, "aws:kms/key:Key", "backups-vault-key");
    expect(key.inputs.enableKeyRotation).toBe(true);
    const policy = JSON.parse(key.inputs.policy as string);
    expect(policy.Statement[1].Condition.StringEquals["kms:ViaService"]).toBe("backup.amazonaws.com");
    const vault = named(production, "aws:backup/vault:Vault", "backups-vault");
    expect(vault.inputs.forceDestroy).toBe(false);
    expect(vault.inputs.kmsKeyArn).toBeDefined();
    expect([key.protect, vault.protect]).toEqual([true, true]);
  });

  it("runs a GFS plan: daily 7 d, weekly 28 d, monthly 365 d, staggered", () => {
    const plan = named(production, "aws:backup/plan:Plan", "backups-plan");
    const rules = plan.inputs.rules as Array<Record<string, any>>;
    expect(rules.map((r) => [r.ruleName, r.schedule, r.lifecycle.deleteAfter])).toEqual([
      ["daily", "cron(0 1 * * ? *)", 7],
      ["weekly", "cron(0 2 ? * SUN *)", 28],
      ["monthly", "cron(0 3 1 * ? *)", 365],
    ]);
    // Off-site copies to eu-central-1, kept 35 days.
    expect(rules.map((r) => r.copyActions[0].lifecycle.deleteAfter)).toEqual([35, 35, 35]);
    expect(named(production, "pulumi:providers:aws", "backups-copy-region").inputs.region).toBe("eu-central-1");
  });

  it("locks the vault (governance) inside the plan's retention bounds", () => {
    const lock = named(production, "aws:backup/vaultLockConfiguration:VaultLockConfiguration", "backups-vault-lock");
    expect(lock.inputs).toMatchObject({ minRetentionDays: 7, maxRetentionDays: 365 });
    expect(lock.inputs.changeableForDays).toBeUndefined();
  });

  it("selects the RDS primary with a role only this account's AWS Backup may assume", () => {
    expect(ofType(production, "aws:backup/selection:Selection")).toHaveLength(1);
    const role = named(production, "aws:iam/role:Role", "backups-role");
    const trust = JSON.parse(role.inputs.assumeRolePolicy as string);
    expect(trust.Statement[0].Condition.StringEquals["aws:SourceAccount"]).toMatch(/^\d{12}$/);
    expect(
      ofType(production, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").filter((r) => r.name.startsWith("backups-")),
    ).toHaveLength(2);
  });

  it("tests a restore weekly (Sunday 05:00 UTC) of a recovery point at most 2 days old", () => {
    const testing = named(production, "aws:backup/restoreTestingPlan:RestoreTestingPlan", "backups-restore-test");
    expect(testing.inputs.scheduleExpression).toBe("cron(0 5 ? * 1 *)");
    expect((testing.inputs.recoveryPointSelection as Record<string, unknown>).selectionWindowDays).toBe(2);
    const sel = named(production, "aws:backup/restoreTestingSelection:RestoreTestingSelection", "backups-restore-test-rds");
    expect(sel.inputs).toMatchObject({ protectedResourceType: "RDS", validationWindowHours: 4 });
  });

  it("reports the backups output the release checklist reads", () => {
    expect(production.outputs.backups).toMatchObject({
      tier: "managed",
      maxAgeHours: 26,
      rpoSeconds: 300,
      vaultLock: "governance",
      retention: { pitrDays: 14, dailyDays: 7, weeklyDays: 28, monthlyDays: 365 },
      drill: { kind: "aws-restore-testing", schedule: "0 5 * * 0", maxAgeDays: 2 },
    });
  });

  it("adds no mandatory policy violation", () => {
    expect(mandatory(production)).toEqual([]);
  });
});
