import type { PolicyResource } from "@pulumi/policy";
import { namespaceOf, nameOf, replicasOf } from "../../lib/kube";
import { label, ofTypes, type GantryStackPolicy } from "../../lib/policy";
import { slotOf } from "../../lib/release";
import { T } from "../../lib/types";

/** Rules that take unconditioned traffic: no header or query-parameter match (preview rules have one). */
function isDefaultRule(rule: any): boolean {
  const matches: any[] = rule?.matches ?? [];
  return matches.length === 0 || matches.some((m) => !(m?.headers?.length > 0) && !(m?.queryParams?.length > 0));
}

/**
 * The colour the route sends live traffic to exists, has an image and runs pods.
 *
 * Why: switching to a colour that was never deployed (or was parked at 0) is an outage the
 * engine happily applies. For each HTTPRoute default rule (no header/query match), every Service
 * backend named `<svc>-<colour>` with a non-zero weight needs the `<colour>` Deployment of
 * `<svc>` in the backend's namespace, every container with an image, and replicas above 0.
 *
 * @severity high
 */
export const bluegreenActiveImage: GantryStackPolicy = {
  name: "bluegreen-active-image",
  description: "The colour receiving live traffic must have a Deployment with an image and running replicas.",
  severity: "high",
  enforcementLevel: "mandatory",
  configKey: "release.active / release.<colour>.image",
  validateStack: (args, report) => {
    const routes = ofTypes(args, [T.httpRoute]);
    if (routes.length === 0) return args.notApplicable("No HTTPRoute");
    const deployments = ofTypes(args, [T.deployment]);
    const find = (ns: string, service: string, colour: string): PolicyResource | undefined =>
      deployments.find((d) => {
        const s = slotOf(d);
        return s?.service === service && s.colour === colour && namespaceOf(d.props) === ns;
      });
    for (const route of routes) {
      const rules: any[] = route.props.spec?.rules ?? [];
      const seen = new Set<string>();
      for (const rule of rules.filter(isDefaultRule)) {
        for (const b of (rule.backendRefs ?? []) as any[]) {
          if ((b.kind ?? "Service") !== "Service" || (b.group ?? "") !== "" || b.weight === 0) continue;
          const m = /^(.+)-(blue|green)$/.exec(String(b.name ?? ""));
          if (!m) continue;
          const [, service, colour] = m as unknown as [string, string, string];
          const ns = b.namespace ?? namespaceOf(route.props);
          if (seen.has(`${ns}/${b.name}`)) continue;
          seen.add(`${ns}/${b.name}`);
          const d = find(ns, service, colour);
          const who = `${label(route)} sends live traffic to ${b.name}`;
          if (!d) {
            report(`${who}, but there is no ${colour} Deployment of "${service}" in namespace ${ns}.`, route.urn);
            continue;
          }
          const containers: any[] = d.props.spec?.template?.spec?.containers ?? [];
          if (containers.length === 0 || containers.some((c) => typeof c?.image !== "string" || c.image.trim() === "")) {
            report(
              `${who}, but Deployment ${nameOf(d.props, d.name)} has a container without an image: set release.${colour}.image before switching.`,
              d.urn,
            );
          } else if (replicasOf(d.props) === 0) {
            report(`${who}, but Deployment ${nameOf(d.props, d.name)} runs 0 replicas: scale it up before switching.`, d.urn);
          }
        }
      }
    }
  },
};
