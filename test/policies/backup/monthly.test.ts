import { describe, expect, it } from "vitest";
import { backupMonthly as policy, isMonthlyAwsCron, isMonthlyCnpgCron } from "../../../policies/rules/backup/monthly";
import { T } from "../../../policies/lib/types";
import { levels, propsIn, runStack } from "../harness";
import { gfsRules, plan } from "./fixtures";
import { scheduledBackup } from "../cnpg/fixtures";

const scheduled = (name: string, schedule: string) => ({
  type: T.cnpgScheduledBackup,
  name,
  props: { ...scheduledBackup(), spec: { ...scheduledBackup().spec, schedule } },
});

describe("backup-monthly", () => {
  it("passes a GFS plan whose monthly rule keeps 365 days", () => {
    expect(runStack(policy, [plan()], propsIn(policy.name, "production"))).toEqual([]);
  });
  it("reports a plan without a monthly rule", () => {
    expect(runStack(policy, [plan(gfsRules().slice(0, 2))])).toEqual([
      'Plan "backups-plan" has no monthly rule: add one (e.g. cron(0 3 1 * ? *)) or set backups.monthly.retentionMonths.',
    ]);
  });
  it("reports a monthly rule kept less than a year", () => {
    expect(runStack(policy, [plan(gfsRules(180))], { minRetentionDays: 365 })).toEqual([
      'Plan "backups-plan" keeps its monthly backups under 365 days: raise backups.monthly.retentionMonths to 12.',
    ]);
  });
  it("in-cluster: needs one monthly ScheduledBackup among the six-field schedules", () => {
    expect(runStack(policy, [scheduled("db-daily", "0 0 1 * * *"), scheduled("db-monthly", "0 0 3 1 * *")])).toEqual([]);
    expect(runStack(policy, [scheduled("db-daily", "0 0 1 * * *"), scheduled("db-weekly", "0 0 2 * * 0")])).toEqual([
      "No ScheduledBackup runs monthly (six-field cron such as `0 0 3 1 * *`): set backups.monthly.retentionMonths.",
    ]);
  });
  it("tells a monthly cron from a daily, weekly or yearly one", () => {
    expect(["cron(0 3 1 * ? *)", "cron(0 3 L * ? *)"].map(isMonthlyAwsCron)).toEqual([true, true]);
    expect(["cron(0 1 * * ? *)", "cron(0 2 ? * SUN *)", "cron(0 3 1 1 ? *)", "0 3 1 * *"].map(isMonthlyAwsCron)).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect(["0 0 3 1 * *", "0 0 3 * * *", "0 0 3 1 1 *", "0 3 1 * *"].map(isMonthlyCnpgCron)).toEqual([
      true,
      false,
      false,
      false,
    ]);
  });
  it("is not applicable without plans or schedules; mandatory in production, disabled in staging", () => {
    expect(runStack(policy, [])).toBeNull();
    expect(levels(policy)).toEqual({ declared: "mandatory", production: "mandatory", staging: "disabled" });
    expect(propsIn(policy.name, "production")).toEqual({ minRetentionDays: 365 });
  });
});
