/** Gateway, certificate and HTTP→HTTPS redirect as pure functions. */
import type { IGateway } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/Gateway";
import type { IHTTPRoute } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute";
import type { ResolvedGatewayArgs } from "./gateway-args";
import { GATEWAY_GROUP, type KubeObject } from "./route-objects";

/** Listener names of a created Gateway. */
export const HTTPS_LISTENER = "https";
export const HTTP_LISTENER = "http";

const LABELS = { "app.kubernetes.io/managed-by": "gantry", "app.kubernetes.io/component": "gateway" };

/** Secret holding the HTTPS certificate. */
export function tlsSecretName(name: string, r: ResolvedGatewayArgs): string {
  return r.tls && "secretName" in r.tls ? r.tls.secretName : `${name}-tls`;
}

/**
 * The Gateway: `https` terminates TLS on 443 and admits routes from the listed namespaces;
 * `http` on 80 admits only the Gateway's own namespace, where the redirect route lives, so no
 * application can be served over plain HTTP.
 */
export function buildGateway(name: string, r: ResolvedGatewayArgs): IGateway & KubeObject {
  const namespaces =
    r.routeNamespaces.length === 0
      ? { from: "Same" as const }
      : {
          from: "Selector" as const,
          // The API server sets this label on every namespace: no extra labelling needed.
          selector: {
            matchExpressions: [
              { key: "kubernetes.io/metadata.name", operator: "In", values: [...r.routeNamespaces, r.namespace] },
            ],
          },
        };
  return {
    apiVersion: "gateway.networking.k8s.io/v1",
    kind: "Gateway",
    metadata: { name, namespace: r.namespace, labels: LABELS },
    spec: {
      gatewayClassName: r.gatewayClassName,
      listeners: [
        {
          name: HTTPS_LISTENER,
          port: 443,
          protocol: "HTTPS",
          tls: { mode: "Terminate", certificateRefs: [{ group: "", kind: "Secret", name: tlsSecretName(name, r) }] },
          allowedRoutes: { namespaces, kinds: [{ group: GATEWAY_GROUP, kind: "HTTPRoute" }] },
        },
        { name: HTTP_LISTENER, port: 80, protocol: "HTTP", allowedRoutes: { namespaces: { from: "Same" } } },
      ],
    },
  };
}

/** cert-manager Certificate writing the listener's Secret. */
export function buildCertificate(name: string, r: ResolvedGatewayArgs): KubeObject {
  if (!r.tls || !("certManager" in r.tls)) throw new Error("buildCertificate needs tls.certManager");
  const cm = r.tls.certManager;
  return {
    apiVersion: "cert-manager.io/v1",
    kind: "Certificate",
    metadata: { name, namespace: r.namespace, labels: LABELS },
    spec: {
      secretName: tlsSecretName(name, r),
      dnsNames: [...cm.dnsNames],
      issuerRef: { group: "cert-manager.io", kind: cm.issuerKind ?? "ClusterIssuer", name: cm.issuerName },
      privateKey: { algorithm: "ECDSA", size: 256, rotationPolicy: "Always" },
    },
  };
}

/** HTTPRoute on the plain-HTTP listener redirecting every request to HTTPS with a 301. */
export function buildRedirectRoute(
  name: string,
  gateway: { name: string; namespace: string; sectionName: string },
): IHTTPRoute & KubeObject {
  return {
    apiVersion: "gateway.networking.k8s.io/v1",
    kind: "HTTPRoute",
    metadata: { name: `${name}-https-redirect`, namespace: gateway.namespace, labels: LABELS },
    spec: {
      parentRefs: [
        {
          group: GATEWAY_GROUP,
          kind: "Gateway",
          name: gateway.name,
          namespace: gateway.namespace,
          sectionName: gateway.sectionName,
        },
      ],
      rules: [{ filters: [{ type: "RequestRedirect", requestRedirect: { scheme: "https", statusCode: 301 } }] }],
    },
  };
}
