/** Gateway arguments, defaults and rules. Resource-free. */
import type { Problem } from "../release";

/** TLS from a cert-manager Certificate. */
export interface CertManagerTls {
  /** Issuer to request the certificate from. */
  readonly issuerName: string;
  /** Issuer kind. @default "ClusterIssuer" */
  readonly issuerKind?: "ClusterIssuer" | "Issuer";
  /** Names on the certificate. */
  readonly dnsNames: readonly string[];
}

/** Where the HTTPS listener's certificate comes from: cert-manager, or an existing Secret. */
export type GatewayTls = { readonly certManager: CertManagerTls } | { readonly secretName: string };

/** A Gateway someone else manages. */
export interface ExistingGateway {
  /** Gateway name. */
  readonly name: string;
  /** Gateway namespace. */
  readonly namespace: string;
  /** Its HTTPS listener name. */
  readonly httpsSectionName: string;
  /** Its plain-HTTP listener name, to attach the HTTPS redirect to. @default undefined (no redirect created) */
  readonly httpSectionName?: string;
}

/** Arguments of {@link Gateway}. */
export interface GatewayArgs {
  /** Namespace of the Gateway, its certificate and the redirect route. */
  readonly namespace: string;
  /** Install NGINX Gateway Fabric from the pinned chart, or treat it as pre-installed. @default { install: false } */
  readonly implementation?: { readonly install: boolean; readonly namespace?: string };
  /** Reference an existing Gateway instead of creating one (then `tls` is not used). @default undefined */
  readonly existing?: ExistingGateway;
  /** GatewayClass of the created Gateway; any conformant implementation works. @default "nginx" */
  readonly gatewayClassName?: string;
  /** TLS for the HTTPS listener (required unless `existing`). */
  readonly tls?: GatewayTls;
  /** Namespaces whose HTTPRoutes may attach to the HTTPS listener. @default [] (the Gateway's own only) */
  readonly routeNamespaces?: readonly string[];
}

/** Args with defaults applied. */
export interface ResolvedGatewayArgs extends GatewayArgs {
  readonly implementation: { readonly install: boolean; readonly namespace: string };
  readonly gatewayClassName: string;
  readonly routeNamespaces: readonly string[];
}

/** Applies defaults. Pure. */
export function resolveGatewayArgs(a: GatewayArgs): ResolvedGatewayArgs {
  return {
    ...a,
    implementation: { install: a.implementation?.install ?? false, namespace: a.implementation?.namespace ?? "nginx-gateway" },
    gatewayClassName: a.gatewayClassName ?? "nginx",
    routeNamespaces: a.routeNamespaces ?? [],
  };
}

/** Every problem with resolved gateway args, by key path. */
export function validateGatewayArgs(r: ResolvedGatewayArgs): Problem[] {
  const p: Problem[] = [];
  if (r.existing === undefined && r.tls === undefined) {
    p.push({ path: "tls", message: "a created Gateway needs TLS: { certManager: { issuerName, dnsNames } } or { secretName }" });
  }
  if (r.existing !== undefined && r.tls !== undefined) {
    p.push({ path: "tls", message: "is not used with an existing Gateway (its listener owns the certificate): remove it" });
  }
  if (r.tls && "certManager" in r.tls) {
    if (r.tls.certManager.dnsNames.length === 0)
      p.push({ path: "tls.certManager.dnsNames", message: "at least one DNS name is required" });
    if (!r.tls.certManager.issuerName) p.push({ path: "tls.certManager.issuerName", message: "is required" });
  }
  if (r.tls && "secretName" in r.tls && !r.tls.secretName) p.push({ path: "tls.secretName", message: "is required" });
  if (r.existing && !r.existing.httpsSectionName)
    p.push({ path: "existing.httpsSectionName", message: "is required (the HTTPS listener routes attach to)" });
  if (r.existing && r.implementation.install) {
    p.push({
      path: "implementation.install",
      message: "an existing Gateway implies a pre-installed implementation: set install to false",
    });
  }
  if (!r.gatewayClassName) p.push({ path: "gatewayClassName", message: "must not be empty" });
  return p;
}
