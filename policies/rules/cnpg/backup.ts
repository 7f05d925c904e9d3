import { validateTypes, type GantryResourcePolicy } from "../../lib/policy";
import { T } from "../../lib/types";

/** The Barman Cloud CNPG-I plugin, the supported object-store backup path since CNPG 1.26. */
export const BARMAN_PLUGIN = "barman-cloud.cloudnative-pg.io";

/**
 * CloudNativePG clusters have backups configured: the Barman Cloud plugin in `spec.plugins`
 * (WAL archiving to an object store), or a `spec.backup` section.
 *
 * Why: without WAL archiving there is no point-in-time recovery and a lost PVC set means lost
 * data; replicas replicate mistakes too.
 *
 * @severity high
 */
export const cnpgBackup: GantryResourcePolicy = {
  name: "cnpg-backup",
  description: "CloudNativePG clusters must have backups configured.",
  severity: "high",
  enforcementLevel: "mandatory",
  configKey: "postgres (in-cluster backups)",
  validateResource: validateTypes([T.cnpgCluster], (props, _args, report) => {
    const plugins: any[] = props.spec?.plugins ?? [];
    const viaPlugin = plugins.some((p) => p?.name === BARMAN_PLUGIN && p.enabled !== false);
    const backup = props.spec?.backup;
    const viaBackup = !!(backup?.barmanObjectStore || backup?.volumeSnapshot);
    if (!viaPlugin && !viaBackup) {
      report(`No backups: add the ${BARMAN_PLUGIN} plugin to spec.plugins (or configure spec.backup).`);
    }
  }),
};
