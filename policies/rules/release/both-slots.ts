import { namespaceOf } from "../../lib/kube";
import { ofTypes, type GantryStackPolicy } from "../../lib/policy";
import { COLOURS, slotOf } from "../../lib/release";
import { T } from "../../lib/types";

/**
 * Every release-managed service has both a blue and a green Deployment.
 *
 * Why: deploy, switch and rollback all assume the other colour exists; a missing slot turns the
 * next switch into a create (with pods starting cold) and makes rollback impossible. Slots are
 * Deployments labelled `gantry.dev/slot: blue|green`, grouped by `app.kubernetes.io/name` and
 * namespace.
 *
 * @severity high
 */
export const bluegreenBothSlots: GantryStackPolicy = {
  name: "bluegreen-both-slots",
  description: "Each release-managed service must have blue and green Deployments.",
  severity: "high",
  enforcementLevel: "mandatory",
  validateStack: (args, report) => {
    const groups = new Map<string, { service: string; ns: string; colours: Set<string>; urn: string }>();
    for (const d of ofTypes(args, [T.deployment])) {
      const slot = slotOf(d);
      if (!slot) continue;
      const ns = namespaceOf(d.props);
      const key = `${ns}/${slot.service}`;
      const g = groups.get(key) ?? { service: slot.service, ns, colours: new Set<string>(), urn: d.urn };
      g.colours.add(slot.colour);
      groups.set(key, g);
    }
    if (groups.size === 0) return args.notApplicable("No blue-green Deployment");
    for (const g of groups.values()) {
      for (const missing of COLOURS.filter((c) => !g.colours.has(c))) {
        report(
          `Service "${g.service}" (namespace ${g.ns}) has no ${missing} Deployment: every release-managed service needs both slots.`,
          g.urn,
        );
      }
    }
  },
};
