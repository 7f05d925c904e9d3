/** ServiceRoute arguments, defaults and rules. Resource-free. */
import type * as pulumi from "@pulumi/pulumi";
import { type Problem, type ReleaseState, validateRelease } from "../release";

/** The listener a route attaches to. */
export interface GatewayRef {
  /** Gateway name. */
  readonly name: string;
  /** Gateway namespace. */
  readonly namespace: string;
  /** Listener (section) name, the HTTPS one. */
  readonly sectionName: string;
}

/** The released service a route sends traffic to. */
export interface RouteTarget {
  /** Service base name: backends are `<name>-blue` / `<name>-green`. */
  readonly name: string;
  /** Service port. */
  readonly port: number;
  /** Release state (active colour, images, canary). */
  readonly release: ReleaseState;
  /** Replicas of the active colour (decides whether the idle colour can serve previews). */
  readonly replicas: number;
}

/** NGINX local rate limit (RateLimitPolicy). */
export interface RateLimitSettings {
  /** Requests per second or minute per key, nginx syntax. @default "10r/s" */
  readonly rate?: string;
  /** Requests above the rate that are queued rather than rejected. @default 20 */
  readonly burst?: number;
  /** What is limited, an nginx variable. @default "$binary_remote_addr" (per client IP) */
  readonly key?: string;
  /** Shared memory zone size. @default "10m" */
  readonly zoneSize?: string;
  /** Status returned to rejected requests. @default 429 */
  readonly rejectCode?: number;
}

/** NGINX client settings (ClientSettingsPolicy). */
export interface ClientSettings {
  /** Largest request body, nginx size. @default "10m" */
  readonly bodyMaxSize?: string;
  /** Time allowed between two reads of the body. @default "30s" */
  readonly bodyTimeout?: string;
}

/** Arguments of ServiceRoute. */
export interface ServiceRouteArgs {
  /** Namespace of the route and its policies (the service's namespace). */
  readonly namespace: pulumi.Input<string>;
  /** The service to route. */
  readonly target: RouteTarget;
  /** The Gateway listener to attach to. */
  readonly gateway: GatewayRef;
  /** Public hostnames. */
  readonly hostnames: readonly string[];
  /** Header that sends a request to the idle colour. @default { name: "x-gantry-preview", value: "1" } */
  readonly previewHeader?: { readonly name: string; readonly value: string };
  /** Whole-request timeout (Gateway API duration). @default "30s" */
  readonly requestTimeout?: string;
  /** Implementation policies to attach: NGINX Gateway Fabric's, or none for other implementations. @default "nginx" */
  readonly policies?: "nginx" | "none";
  /** Rate limit. @default RateLimitSettings defaults */
  readonly rateLimit?: RateLimitSettings;
  /** Body size and timeout. @default ClientSettings defaults */
  readonly clientSettings?: ClientSettings;
  /** Resources the route waits for (the release's migration Jobs). @default [] */
  readonly migrations?: readonly pulumi.Resource[];
  /** Resources the policies wait for (the controller install that brings their CRDs). @default [] */
  readonly requires?: readonly pulumi.Resource[];
}

/** Args with defaults applied. */
export interface ResolvedRouteArgs extends Omit<ServiceRouteArgs, "rateLimit" | "clientSettings"> {
  readonly previewHeader: { readonly name: string; readonly value: string };
  readonly requestTimeout: string;
  readonly policies: "nginx" | "none";
  readonly rateLimit: Required<RateLimitSettings>;
  readonly clientSettings: Required<ClientSettings>;
  readonly migrations: readonly pulumi.Resource[];
  readonly requires: readonly pulumi.Resource[];
}

/** Applies defaults. Pure. */
export function resolveRouteArgs(a: ServiceRouteArgs): ResolvedRouteArgs {
  return {
    ...a,
    previewHeader: a.previewHeader ?? { name: "x-gantry-preview", value: "1" },
    requestTimeout: a.requestTimeout ?? "30s",
    policies: a.policies ?? "nginx",
    rateLimit: {
      rate: a.rateLimit?.rate ?? "10r/s",
      burst: a.rateLimit?.burst ?? 20,
      key: a.rateLimit?.key ?? "$binary_remote_addr",
      zoneSize: a.rateLimit?.zoneSize ?? "10m",
      rejectCode: a.rateLimit?.rejectCode ?? 429,
    },
    clientSettings: {
      bodyMaxSize: a.clientSettings?.bodyMaxSize ?? "10m",
      bodyTimeout: a.clientSettings?.bodyTimeout ?? "30s",
    },
    migrations: a.migrations ?? [],
    requires: a.requires ?? [],
  };
}

// Patterns from the Gateway API and NGINX Gateway Fabric CRDs, so errors surface at plan time.
const GW_DURATION = /^([0-9]{1,5}(h|m|s|ms)){1,4}$/;
const NGINX_RATE = /^\d+r\/[sm]$/;
const NGINX_SIZE = /^\d{1,4}(k|m|g)?$/;
const NGINX_DURATION = /^[0-9]{1,4}(ms|s|m|h)?$/;
const HOSTNAME = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Every problem with resolved route args, by key path. */
export function validateRouteArgs(r: ResolvedRouteArgs): Problem[] {
  const p: Problem[] = validateRelease({ kind: "web", release: r.target.release, replicas: r.target.replicas });
  if (r.hostnames.length === 0) p.push({ path: "hostnames", message: "at least one public hostname is required" });
  r.hostnames.forEach((h, i) => {
    if (!HOSTNAME.test(h)) p.push({ path: `hostnames[${i}]`, message: `"${h}" is not a valid hostname` });
  });
  if (!GW_DURATION.test(r.requestTimeout)) {
    p.push({ path: "requestTimeout", message: `"${r.requestTimeout}" is not a Gateway API duration such as "30s"` });
  }
  if (!/^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/.test(r.previewHeader.name)) {
    p.push({ path: "previewHeader.name", message: `"${r.previewHeader.name}" is not a valid header name` });
  }
  if (r.policies === "nginx") {
    const rl = r.rateLimit;
    if (!NGINX_RATE.test(rl.rate)) p.push({ path: "rateLimit.rate", message: `"${rl.rate}" must look like "10r/s" or "600r/m"` });
    if (!Number.isInteger(rl.burst) || rl.burst < 0)
      p.push({ path: "rateLimit.burst", message: `must be an integer ≥ 0, got ${rl.burst}` });
    if (!NGINX_SIZE.test(rl.zoneSize)) p.push({ path: "rateLimit.zoneSize", message: `"${rl.zoneSize}" must look like "10m"` });
    if (!/^(?:[^ \t\r\n;{}#$]+|\$\w+)+$/.test(rl.key))
      p.push({ path: "rateLimit.key", message: `"${rl.key}" is not an nginx key` });
    if (!Number.isInteger(rl.rejectCode) || rl.rejectCode < 400 || rl.rejectCode > 599) {
      p.push({ path: "rateLimit.rejectCode", message: `must be an HTTP error status 400–599, got ${rl.rejectCode}` });
    }
    const cs = r.clientSettings;
    if (!NGINX_SIZE.test(cs.bodyMaxSize))
      p.push({ path: "clientSettings.bodyMaxSize", message: `"${cs.bodyMaxSize}" must look like "10m"` });
    if (!NGINX_DURATION.test(cs.bodyTimeout))
      p.push({ path: "clientSettings.bodyTimeout", message: `"${cs.bodyTimeout}" must look like "30s"` });
  }
  return p;
}
