/** Gateway: the public entry point (Gateway API) with TLS, HTTP→HTTPS redirect and routes. */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { type GatewayArgs, type ResolvedGatewayArgs, resolveGatewayArgs, validateGatewayArgs } from "./gateway-args";
import { HTTP_LISTENER, HTTPS_LISTENER, buildCertificate, buildGateway, buildRedirectRoute } from "./gateway-objects";
import type { GatewayRef, ServiceRouteArgs } from "./route-args";
import { ServiceRoute } from "./service-route";
import { NGF_CHART, NGF_CHART_VERSION } from "./versions";

/**
 * Creates (or references) a Gateway API Gateway. With `implementation.install` it installs NGINX
 * Gateway Fabric from the pinned chart first (it brings the GatewayClass and the gateway.nginx.org
 * policy CRDs; the Gateway API CRDs themselves are a cluster prerequisite).
 */
export class Gateway extends pulumi.ComponentResource {
  /** Where service routes attach (the HTTPS listener). */
  readonly ref: GatewayRef;
  /** The controller install, when Gantry installs it (policies and the Gateway wait for it). */
  readonly install?: k8s.helm.v3.Release;
  /** The created Gateway, if not existing. */
  readonly gateway?: k8s.apiextensions.CustomResource;
  /** The resolved args. */
  readonly resolved: ResolvedGatewayArgs;

  constructor(name: string, args: GatewayArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gantry:routing:Gateway", name, {}, opts);
    const r = resolveGatewayArgs(args);
    const problems = validateGatewayArgs(r);
    if (problems.length > 0) {
      const list = problems.map((p) => `  - ${p.path}: ${p.message}`).join("\n");
      throw new pulumi.ResourceError(`invalid Gateway "${name}":\n${list}`, this);
    }
    this.resolved = r;

    if (r.implementation.install) {
      this.install = new k8s.helm.v3.Release(
        `${name}-ngf`,
        {
          chart: NGF_CHART,
          version: NGF_CHART_VERSION,
          namespace: r.implementation.namespace,
          createNamespace: true,
          values: { nginxGateway: { gatewayClassName: r.gatewayClassName } },
          // Fail the update rather than leave a half-installed controller behind.
          atomic: true,
        },
        { parent: this },
      );
    }
    const after = this.install ? [this.install] : [];

    let http: { name: string; namespace: string; sectionName: string } | undefined;
    if (r.existing) {
      this.ref = { name: r.existing.name, namespace: r.existing.namespace, sectionName: r.existing.httpsSectionName };
      if (r.existing.httpSectionName) http = { ...this.ref, sectionName: r.existing.httpSectionName };
    } else {
      if (r.tls && "certManager" in r.tls) {
        new k8s.apiextensions.CustomResource(`${name}-cert`, buildCertificate(name, r) as any, { parent: this });
      }
      this.gateway = new k8s.apiextensions.CustomResource(`${name}-gateway`, buildGateway(name, r), {
        parent: this,
        dependsOn: after,
      });
      this.ref = { name, namespace: r.namespace, sectionName: HTTPS_LISTENER };
      http = { ...this.ref, sectionName: HTTP_LISTENER };
    }
    if (http) {
      new k8s.apiextensions.CustomResource(`${name}-redirect`, buildRedirectRoute(name, http), {
        parent: this,
        dependsOn: this.gateway ? [this.gateway] : [],
      });
    }
    this.registerOutputs({ ref: this.ref });
  }

  /** Routes a released service through this Gateway's HTTPS listener (see {@link ServiceRoute}). */
  routeService(name: string, args: Omit<ServiceRouteArgs, "gateway">, opts?: pulumi.ComponentResourceOptions): ServiceRoute {
    const requires = [...(args.requires ?? []), ...(this.install ? [this.install] : []), ...(this.gateway ? [this.gateway] : [])];
    return new ServiceRoute(name, { ...args, gateway: this.ref, requires }, { parent: this, ...opts });
  }
}
