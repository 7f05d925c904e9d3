/**
 * Routing objects of one public service, as pure functions. Only the HTTPRoute reads the
 * release state; the policies target the route by name and never mention a colour, so a switch
 * updates exactly one routing object.
 */
import type { IHTTPRoute } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute";
import type { IIoK8sSigsGatewayApiApisV1HTTPRouteRule as HTTPRouteRule } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRouteRule";
import { otherColour } from "../common/types";
import { slotName, slotReplicas } from "../release";
import type { ResolvedRouteArgs } from "./route-args";

/** API group of Gateway API objects (policy targetRefs). */
export const GATEWAY_GROUP = "gateway.networking.k8s.io";
/** API version of NGINX Gateway Fabric's policies (v2.6 CRDs serve only v1alpha1). */
export const NGF_POLICY_API = "gateway.nginx.org/v1alpha1";

/** A Kubernetes object built here: apiVersion, kind, metadata, spec. */
export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { name: string; namespace?: unknown; labels?: Record<string, string>; annotations?: Record<string, string> };
  readonly spec: Record<string, any>;
}

function labels(r: ResolvedRouteArgs): Record<string, string> {
  return { "app.kubernetes.io/name": r.target.name, "app.kubernetes.io/managed-by": "gantry" };
}

/** Whether the idle colour can take traffic: it has an image and running pods. */
export function idleServes(r: ResolvedRouteArgs): boolean {
  const { release, replicas } = r.target;
  const idle = otherColour(release.active);
  return (
    !!release.images[idle] &&
    slotReplicas({ kind: "web", colour: idle, active: release.active, replicas, idleReplicas: release.idleReplicas }) > 0
  );
}

/**
 * The HTTPRoute `<svc>`: rule 1 sends preview-header requests to the idle colour (only when it
 * can serve); rule 2 sends everything else to the active colour, split `100-w`/`w` with the idle
 * colour when `canaryWeight` is set.
 */
export function buildHttpRoute(r: ResolvedRouteArgs): IHTTPRoute & KubeObject {
  const { name, port, release } = r.target;
  const active = slotName(name, release.active);
  const idle = slotName(name, otherColour(release.active));
  const all = { path: { type: "PathPrefix" as const, value: "/" } };
  const timeouts = { request: r.requestTimeout };
  const rules: HTTPRouteRule[] = [];
  if (idleServes(r)) {
    rules.push({
      matches: [{ ...all, headers: [{ type: "Exact", name: r.previewHeader.name, value: r.previewHeader.value }] }],
      backendRefs: [{ name: idle, port }],
      timeouts,
    });
  }
  const w = release.canaryWeight;
  rules.push({
    matches: [all],
    backendRefs:
      w === undefined
        ? [{ name: active, port }]
        : [
            { name: active, port, weight: 100 - w },
            { name: idle, port, weight: w },
          ],
    timeouts,
  });
  return {
    apiVersion: "gateway.networking.k8s.io/v1",
    kind: "HTTPRoute",
    metadata: { name, namespace: r.namespace as any, labels: labels(r) },
    spec: {
      parentRefs: [
        {
          group: GATEWAY_GROUP,
          kind: "Gateway",
          name: r.gateway.name,
          namespace: r.gateway.namespace,
          sectionName: r.gateway.sectionName,
        },
      ],
      hostnames: [...r.hostnames],
      rules,
    },
  };
}

function routeTarget(r: ResolvedRouteArgs) {
  return { group: GATEWAY_GROUP, kind: "HTTPRoute", name: r.target.name };
}

/** NGINX Gateway Fabric RateLimitPolicy on the route (per-client local limit by default). */
export function buildRateLimitPolicy(r: ResolvedRouteArgs): KubeObject {
  const rl = r.rateLimit;
  return {
    apiVersion: NGF_POLICY_API,
    kind: "RateLimitPolicy",
    metadata: { name: `${r.target.name}-ratelimit`, namespace: r.namespace, labels: labels(r) },
    spec: {
      targetRefs: [routeTarget(r)],
      rateLimit: {
        local: { rules: [{ rate: rl.rate, burst: rl.burst, key: rl.key, zoneSize: rl.zoneSize }] },
        rejectCode: rl.rejectCode,
      },
    },
  };
}

/** NGINX Gateway Fabric ClientSettingsPolicy on the route (request body size and timeout). */
export function buildClientSettingsPolicy(r: ResolvedRouteArgs): KubeObject {
  return {
    apiVersion: NGF_POLICY_API,
    kind: "ClientSettingsPolicy",
    metadata: { name: `${r.target.name}-client`, namespace: r.namespace, labels: labels(r) },
    spec: {
      targetRef: routeTarget(r),
      body: { maxSize: r.clientSettings.bodyMaxSize, timeout: r.clientSettings.bodyTimeout },
    },
  };
}

/** Every routing object of the service, keyed by child-name role. */
export function planRoute(r: ResolvedRouteArgs): { role: string; object: KubeObject }[] {
  const out = [{ role: "route", object: buildHttpRoute(r) as KubeObject }];
  if (r.policies === "nginx") {
    out.push({ role: "ratelimit", object: buildRateLimitPolicy(r) }, { role: "client", object: buildClientSettingsPolicy(r) });
  }
  return out;
}
