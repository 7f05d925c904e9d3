/**
 * The grandfather-father-son table and its two cron dialects. Pure: no resources.
 *
 * - AWS Backup: `cron(min hour day-of-month month day-of-week year)`, one of the two day fields `?`.
 * - CloudNativePG ScheduledBackup: SIX fields, seconds first (`sec min hour dom month dow`).
 * - Kubernetes CronJob: five fields.
 */

/** One backup cadence: when it runs and how long its backups are kept. */
export interface BackupTier {
  readonly name: "daily" | "weekly" | "monthly";
  readonly retentionDays: number;
  /** AWS Backup schedule expression (UTC). */
  readonly awsCron: string;
  /** CNPG ScheduledBackup schedule (six fields, UTC). */
  readonly cnpgCron: string;
}

/** Days in `months` months, rounded up so 12 months keeps a full year (365 days). */
export function monthsToDays(months: number): number {
  return Math.ceil((months * 365) / 12);
}

/**
 * The tiers with a retention above zero. Weekly and monthly start one and two hours after the
 * daily so the three never run at once on a Sunday that is also the 1st.
 */
export function gfsTiers(p: { startHour: number; dailyDays: number; weeklyWeeks: number; monthlyMonths: number }): BackupTier[] {
  const h = (offset: number) => (p.startHour + offset) % 24;
  const tiers: BackupTier[] = [
    { name: "daily", retentionDays: p.dailyDays, awsCron: `cron(0 ${h(0)} * * ? *)`, cnpgCron: `0 0 ${h(0)} * * *` },
  ];
  if (p.weeklyWeeks > 0) {
    tiers.push({
      name: "weekly",
      retentionDays: p.weeklyWeeks * 7,
      awsCron: `cron(0 ${h(1)} ? * SUN *)`,
      cnpgCron: `0 0 ${h(1)} * * 0`,
    });
  }
  if (p.monthlyMonths > 0) {
    tiers.push({
      name: "monthly",
      retentionDays: monthsToDays(p.monthlyMonths),
      awsCron: `cron(0 ${h(2)} 1 * ? *)`,
      cnpgCron: `0 0 ${h(2)} 1 * *`,
    });
  }
  return tiers;
}

const FIELD = /^(\*|\d+(-\d+)?)(\/\d+)?(,(\*|\d+(-\d+)?)(\/\d+)?)*$/;
const CNPG_RANGES: ReadonlyArray<[number, number]> = [
  [0, 59],
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 6],
];

/** Problems with a CNPG six-field cron (empty when valid): the operator rejects five fields. */
export function cnpgCronProblems(expr: string): string[] {
  const fields = expr.trim().split(/\s+/);
  if (fields.length !== 6) return [`"${expr}" has ${fields.length} fields; CNPG needs six (seconds first), e.g. "0 0 1 * * *"`];
  const out: string[] = [];
  fields.forEach((f, i) => {
    const [min, max] = CNPG_RANGES[i]!;
    if (!FIELD.test(f)) out.push(`field ${i + 1} "${f}" is not a cron field`);
    for (const n of f.match(/\d+/g) ?? []) {
      if (f.includes(`/${n}`)) continue;
      if (Number(n) < min || Number(n) > max) out.push(`field ${i + 1} value ${n} is outside ${min}-${max}`);
    }
  });
  return out;
}

/**
 * A five-field Kubernetes cron as an AWS Backup expression. AWS numbers weekdays 1-7 from Sunday
 * (Kubernetes 0-6) and needs `?` in one day field.
 */
export function awsCronFromK8s(expr: string): string {
  const [min, hour, dom, month, dow] = expr.trim().split(/\s+/) as [string, string, string, string, string];
  const awsDow = dow === "*" ? "?" : dow.replace(/\d+/g, (d) => String((Number(d) % 7) + 1));
  return `cron(${min} ${hour} ${dow === "*" ? dom : "?"} ${month} ${awsDow} *)`;
}

/** Hours between two consecutive daily backups plus slack: what "the last backup is fresh" means. */
export const MAX_BACKUP_AGE_HOURS = 26;
