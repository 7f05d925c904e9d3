import type { PolicyConfigSchema } from "@pulumi/policy";
import { configOf, label, ofTypes, type GantryStackPolicy } from "../../lib/policy";
import { T } from "../../lib/types";

const schema: PolicyConfigSchema = {
  properties: { minRetentionDays: { type: "integer", minimum: 28, default: 365 } },
};

/** AWS Backup `cron(min hour day-of-month month day-of-week year)` that fires once a month. */
export function isMonthlyAwsCron(expr: unknown): boolean {
  if (typeof expr !== "string") return false;
  const m = /^cron\((.+)\)$/.exec(expr.trim());
  const f = m?.[1]!.trim().split(/\s+/);
  return !!f && f.length === 6 && /^(\d{1,2}|L)$/.test(f[2]!) && /^(\*|\*\/1)$/.test(f[3]!) && f[4] === "?";
}

/** CloudNativePG six-field cron (seconds first) that fires once a month. */
export function isMonthlyCnpgCron(expr: unknown): boolean {
  if (typeof expr !== "string") return false;
  const f = expr.trim().split(/\s+/);
  return f.length === 6 && /^\d{1,2}$/.test(f[3]!) && /^(\*|\*\/1)$/.test(f[4]!) && f[5] === "*";
}

/**
 * The long end of grandfather-father-son: every AWS Backup plan has a monthly rule kept at least
 * `minRetentionDays` (365), and a stack with CloudNativePG ScheduledBackups schedules a monthly one.
 *
 * Why: dailies and weeklies age out within weeks; corruption or a deletion noticed at quarter end
 * (an audit, a customer asking for last spring's data) needs a copy from months ago. Mandatory in
 * production; disabled elsewhere.
 *
 * @severity medium
 */
export const backupMonthly: GantryStackPolicy = {
  name: "backup-monthly",
  description: "Backup plans must keep a monthly backup for a year.",
  severity: "medium",
  enforcementLevel: "mandatory",
  configKey: "backups.monthly.retentionMonths",
  configSchema: schema,
  validateStack: (args, report) => {
    const { minRetentionDays } = configOf<{ minRetentionDays: number }>(args, schema);
    const plans = ofTypes(args, [T.backupPlan]);
    const scheduled = ofTypes(args, [T.cnpgScheduledBackup]);
    if (plans.length === 0 && scheduled.length === 0) return args.notApplicable("No backup plan or ScheduledBackup");
    for (const p of plans) {
      const rules: any[] = p.props.rules ?? [];
      const monthly = rules.filter((r) => isMonthlyAwsCron(r?.schedule));
      if (monthly.length === 0) {
        report(
          `${label(p)} has no monthly rule: add one (e.g. cron(0 3 1 * ? *)) or set backups.monthly.retentionMonths.`,
          p.urn,
        );
      } else if (!monthly.some((r) => (r.lifecycle?.deleteAfter ?? Infinity) >= minRetentionDays)) {
        report(
          `${label(p)} keeps its monthly backups under ${minRetentionDays} days: raise backups.monthly.retentionMonths to 12.`,
          p.urn,
        );
      }
    }
    if (scheduled.length > 0 && !scheduled.some((s) => isMonthlyCnpgCron(s.props.spec?.schedule))) {
      report("No ScheduledBackup runs monthly (six-field cron such as `0 0 3 1 * *`): set backups.monthly.retentionMonths.");
    }
  },
};
