import type { PolicyResource } from "@pulumi/policy";
import { namespaceOf, nameOf } from "../../lib/kube";
import { label, ofTypes, type GantryStackPolicy } from "../../lib/policy";
import { T } from "../../lib/types";

const GROUP = "gateway.networking.k8s.io";

/** Whether a route's parentRef attaches it to listener `l` of gateway `gw`. */
function attaches(ref: any, route: PolicyResource, gw: PolicyResource, l: any): boolean {
  if ((ref.group ?? GROUP) !== GROUP || (ref.kind ?? "Gateway") !== "Gateway") return false;
  const gwNs = namespaceOf(gw.props);
  if (ref.name !== nameOf(gw.props, gw.name) || (ref.namespace ?? namespaceOf(route.props)) !== gwNs) return false;
  if (ref.sectionName !== undefined && ref.sectionName !== l.name) return false;
  if (ref.port !== undefined && ref.port !== l.port) return false;
  // allowedRoutes defaults to routes from the Gateway's namespace; a label selector cannot be
  // evaluated here, so such routes are assumed to attach (the sound choice).
  const from = l.allowedRoutes?.namespaces?.from ?? "Same";
  return from !== "Same" || namespaceOf(route.props) === gwNs;
}

/** A rule that does nothing but redirect to https. */
export function onlyRedirectsToHttps(rule: any): boolean {
  const filters: any[] = rule?.filters ?? [];
  const backends: unknown[] = rule?.backendRefs ?? [];
  return (
    backends.length === 0 &&
    filters.length > 0 &&
    filters.every((f) => f?.type === "RequestRedirect" && f.requestRedirect?.scheme === "https")
  );
}

/**
 * Plain-HTTP Gateway listeners only redirect to HTTPS.
 *
 * Why: a route attached to the HTTP listener serves the app without TLS. Every HTTPRoute that
 * attaches to an HTTP listener (by sectionName, port, or no section at all, which attaches to
 * every listener) must have only rules whose sole effect is a RequestRedirect with scheme https.
 *
 * @severity high
 */
export const gatewayHttpRedirectOnly: GantryStackPolicy = {
  name: "gateway-http-redirect-only",
  description: "HTTPRoutes attached to a plain HTTP listener must only redirect to HTTPS.",
  severity: "high",
  enforcementLevel: "mandatory",
  configKey: "gateway.tls",
  validateStack: (args, report) => {
    const gateways = ofTypes(args, [T.gateway]);
    const httpListeners = gateways.flatMap((gw) =>
      ((gw.props.spec?.listeners ?? []) as any[]).filter((l) => l.protocol === "HTTP").map((l) => ({ gw, l })),
    );
    if (httpListeners.length === 0) return args.notApplicable("No plain HTTP listener");
    for (const route of ofTypes(args, [T.httpRoute])) {
      const refs: any[] = route.props.spec?.parentRefs ?? [];
      const on = httpListeners.filter(({ gw, l }) => refs.some((ref) => attaches(ref, route, gw, l)));
      if (on.length === 0) continue;
      const where = on.map(({ gw, l }) => `${nameOf(gw.props, gw.name)}/${l.name}`).join(", ");
      const rules: any[] = route.props.spec?.rules ?? [];
      if (rules.length === 0) {
        report(
          `${label(route)} is attached to HTTP listener ${where} but has no rules: add a RequestRedirect to https.`,
          route.urn,
        );
      }
      rules.forEach((rule, i) => {
        if (!onlyRedirectsToHttps(rule)) {
          report(
            `${label(route)} rule ${i} is attached to HTTP listener ${where} but does not only redirect to https: use a single RequestRedirect filter with scheme https and no backendRefs, or attach the route to the HTTPS listener's sectionName.`,
            route.urn,
          );
        }
      });
    }
  },
};
