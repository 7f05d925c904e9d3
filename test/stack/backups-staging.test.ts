// Staging's lighter AWS Backup plan (Pulumi.staging.yaml) under mocks.
import { beforeAll, describe, expect, it } from "vitest";
import type { Plan } from "../../src/plan/run";
import { named, ofType, planStack } from "./harness";

// One plan per file: the mock runtime is process-wide.
let staging: Plan;
beforeAll(async () => {
  staging = await planStack("staging");
}, 60_000);

describe("staging backups (managed)", () => {
  it("keeps 3 dailies and 1 weekly, no monthly, no lock, no restore test, not protected", () => {
    const rules = named(staging, "aws:backup/plan:Plan", "backups-plan").inputs.rules as Array<Record<string, any>>;
    expect(rules.map((r) => [r.ruleName, r.lifecycle.deleteAfter])).toEqual([
      ["daily", 3],
      ["weekly", 7],
    ]);
    expect(ofType(staging, "aws:backup/vaultLockConfiguration:VaultLockConfiguration")).toHaveLength(0);
    expect(ofType(staging, "aws:backup/restoreTestingPlan:RestoreTestingPlan")).toHaveLength(0);
    expect(named(staging, "aws:backup/vault:Vault", "backups-vault").protect).toBe(false);
  });
});
