import { namespaceOf, nameOf } from "../../lib/kube";
import { label, ofTypes, type GantryStackPolicy } from "../../lib/policy";
import { T } from "../../lib/types";

/**
 * Every CloudNativePG cluster has a ScheduledBackup in its namespace.
 *
 * Why: WAL archiving alone needs a base backup to restore from, and recovery time grows with the
 * WAL replayed since the last one. Advisory: a team may take base backups another way.
 *
 * @severity medium
 */
export const cnpgScheduledBackup: GantryStackPolicy = {
  name: "cnpg-scheduled-backup",
  description: "CloudNativePG clusters should have a ScheduledBackup.",
  severity: "medium",
  enforcementLevel: "advisory",
  configKey: "postgres (in-cluster backups)",
  validateStack: (args, report) => {
    const clusters = ofTypes(args, [T.cnpgCluster]);
    if (clusters.length === 0) return args.notApplicable("No CloudNativePG cluster");
    const schedules = ofTypes(args, [T.cnpgScheduledBackup]);
    for (const c of clusters) {
      const name = nameOf(c.props, c.name);
      const ns = namespaceOf(c.props);
      const has = schedules.some((s) => s.props.spec?.cluster?.name === name && namespaceOf(s.props) === ns);
      if (!has) report(`${label(c)} (${ns}/${name}) has no ScheduledBackup: schedule base backups.`, c.urn);
    }
  },
};
