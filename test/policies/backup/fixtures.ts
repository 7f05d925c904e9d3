/** AWS Backup fixtures that pass every backup policy, as `gantry plan` records them. */
import { T } from "../../../policies/lib/types";
import type { StackFixture } from "../harness";

export const key = (): StackFixture => ({ type: T.kmsKey, name: "backups-vault-key", props: { enableKeyRotation: true } });

/** A vault encrypted with the stack's key (the dependency is how the plan records the reference). */
export const vault = (
  props: Record<string, any> = { kmsKeyArn: "arn:aws:mock:eu-west-1:123456789012:backups-vault-key" },
): StackFixture => ({
  type: T.backupVault,
  name: "backups-vault",
  props,
  deps: ["backups-vault-key"],
});

export const plan = (rules: Array<Record<string, any>> = gfsRules()): StackFixture => ({
  type: T.backupPlan,
  name: "backups-plan",
  props: { rules },
});

export function gfsRules(monthlyDays = 365): Array<Record<string, any>> {
  return [
    { ruleName: "daily", schedule: "cron(0 1 * * ? *)", lifecycle: { deleteAfter: 7 } },
    { ruleName: "weekly", schedule: "cron(0 2 ? * SUN *)", lifecycle: { deleteAfter: 28 } },
    { ruleName: "monthly", schedule: "cron(0 3 1 * ? *)", lifecycle: { deleteAfter: monthlyDays } },
  ];
}

export const restoreTesting = (): StackFixture[] => [
  { type: T.restoreTestingPlan, name: "backups-restore-test", props: { name: "gantry_production_backups" } },
  {
    type: T.restoreTestingSelection,
    name: "backups-restore-test-rds",
    props: { restoreTestingPlanName: "gantry_production_backups", protectedResourceType: "RDS" },
    deps: ["backups-restore-test"],
  },
];
