import { label, ofTypes, refersTo, type GantryStackPolicy } from "../../lib/policy";
import { T } from "../../lib/types";

/** Label of the in-cluster restore drill CronJob (components/backups). */
export const DRILL_LABEL = { key: "gantry.dev/component", value: "backup-drill" } as const;

/**
 * Backups are proven by restoring them on a schedule: every AWS Backup plan's vault is covered
 * by a RestoreTestingPlan with a RestoreTestingSelection, and a stack with CloudNativePG clusters
 * has a CronJob labelled `gantry.dev/component: backup-drill` that restores the latest backup.
 *
 * Why: a backup that was never restored is a hope, not a backup (one of our users' teams had
 * never restored one). A scheduled restore measures the RTO and RPO we claim and fails loudly
 * when backups stop working. Mandatory in production; disabled elsewhere.
 *
 * @severity high
 */
export const backupRestoreDrill: GantryStackPolicy = {
  name: "backup-restore-drill",
  description: "Backups must be restored on a schedule (a restore drill).",
  severity: "high",
  enforcementLevel: "mandatory",
  configKey: "backups.drill.enabled",
  validateStack: (args, report) => {
    const plans = ofTypes(args, [T.backupPlan]);
    const clusters = ofTypes(args, [T.cnpgCluster]);
    if (plans.length === 0 && clusters.length === 0) return args.notApplicable("No backup plan or CloudNativePG cluster");
    const testing = ofTypes(args, [T.restoreTestingPlan]);
    const selections = ofTypes(args, [T.restoreTestingSelection]);
    const tested = testing.filter((t) => selections.some((s) => refersTo(s, "restoreTestingPlanName", t, [t.props.name])));
    for (const p of plans) {
      if (tested.length === 0) {
        report(
          `${label(p)} has no restore test: add an aws.backup.RestoreTestingPlan with a RestoreTestingSelection (backups.drill.enabled).`,
          p.urn,
        );
      }
    }
    if (clusters.length > 0) {
      const drills = ofTypes(args, [T.cronJob]).filter((c) => c.props.metadata?.labels?.[DRILL_LABEL.key] === DRILL_LABEL.value);
      if (drills.length === 0) {
        report(
          `No restore drill for ${clusters.map(label).join(", ")}: add the CronJob labelled ${DRILL_LABEL.key}: ${DRILL_LABEL.value} (backups.drill.enabled).`,
        );
      }
    }
  },
};
