import { validateTypes, type GantryResourcePolicy } from "../../lib/policy";
import { T } from "../../lib/types";
import { BARMAN_PLUGIN } from "./backup";

/**
 * CloudNativePG clusters use the Barman Cloud plugin rather than the in-tree
 * `spec.backup.barmanObjectStore`.
 *
 * Why: the in-tree object store is deprecated since CNPG 1.26 and will be removed; migrating
 * later means changing the WAL archive of a running cluster. Advisory.
 *
 * @severity low
 */
export const cnpgBarmanPlugin: GantryResourcePolicy = {
  name: "cnpg-barman-plugin",
  description: "CloudNativePG clusters should back up with the Barman Cloud plugin, not the deprecated in-tree object store.",
  severity: "low",
  enforcementLevel: "advisory",
  validateResource: validateTypes([T.cnpgCluster], (props, _args, report) => {
    if (props.spec?.backup?.barmanObjectStore) {
      report(
        `spec.backup.barmanObjectStore is deprecated since CNPG 1.26: move it to an ObjectStore with the ${BARMAN_PLUGIN} plugin.`,
      );
    }
  }),
};
