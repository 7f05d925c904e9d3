/** ServiceRoute: the HTTPRoute and gateway policies of one public released service. */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { type ResolvedServiceArgs } from "../service/args";
import { type RouteTarget, type ServiceRouteArgs, resolveRouteArgs, validateRouteArgs } from "./route-args";
import { planRoute } from "./route-objects";

/** The route target of a ReleasedService's resolved args (`service.resolved`). */
export function routeTargetOf(s: ResolvedServiceArgs): RouteTarget {
  return { name: s.service, port: s.port, release: s.release, replicas: s.replicas };
}

/**
 * One HTTPRoute `<svc>` on the gateway's HTTPS listener, plus NGINX Gateway Fabric's rate-limit
 * and client-settings policies targeting it. The route waits for the release's migration Jobs,
 * so a new image's schema change has completed before any traffic can reach it.
 */
export class ServiceRoute extends pulumi.ComponentResource {
  /** Name of the HTTPRoute. */
  readonly routeName: string;
  /** The HTTPRoute. */
  readonly route: k8s.apiextensions.CustomResource;

  constructor(name: string, args: ServiceRouteArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gantry:routing:ServiceRoute", name, {}, opts);
    const r = resolveRouteArgs(args);
    const problems = validateRouteArgs(r);
    if (problems.length > 0) {
      const list = problems.map((p) => `  - ${p.path}: ${p.message}`).join("\n");
      throw new pulumi.ResourceError(`invalid ServiceRoute "${name}":\n${list}`, this);
    }
    let route: k8s.apiextensions.CustomResource | undefined;
    for (const { role, object } of planRoute(r)) {
      const dependsOn = role === "route" ? [...r.migrations] : [...r.requires];
      const res = new k8s.apiextensions.CustomResource(`${name}-${role}`, object as any, { parent: this, dependsOn });
      if (role === "route") route = res;
    }
    this.route = route!;
    this.routeName = r.target.name;
    this.registerOutputs({ routeName: this.routeName });
  }
}
