// Off-site copy: production with backups.crossRegionCopy set, under mocks.
import { beforeAll, describe, expect, it } from "vitest";
import type { Plan } from "../../src/plan/run";
import { named, planStack } from "./harness";

// One plan per file: the mock runtime is process-wide.
let copied: Plan;
beforeAll(async () => {
  copied = await planStack("production", [
    "backups.crossRegionCopy.region=eu-west-1",
    "backups.crossRegionCopy.retentionDays=90",
  ]);
}, 60_000);

describe("cross-region copy", () => {
  it("copies every rule's recovery points to an encrypted vault in the other region", () => {
    const provider = named(copied, "pulumi:providers:aws", "backups-copy-region");
    expect(provider.inputs.region).toBe("eu-west-1");
    const copyVault = named(copied, "aws:backup/vault:Vault", "backups-copy-vault");
    expect(copyVault.inputs.kmsKeyArn).toBeDefined();
    const rules = named(copied, "aws:backup/plan:Plan", "backups-plan").inputs.rules as Array<Record<string, any>>;
    expect(rules.map((r) => r.copyActions[0].lifecycle.deleteAfter)).toEqual([90, 90, 90]);
    expect(copied.outputs.backups).toMatchObject({
      offsite: { kind: "aws-backup-copy", region: "eu-west-1", retentionDays: 90 },
    });
  });
});
