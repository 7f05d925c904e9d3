/** Names, hosts and URLs for Redis. Resource-free, so unit-testable without mocks. */
import * as pulumi from "@pulumi/pulumi";

export const REDIS_PORT = 6379;
export const SENTINEL_PORT = 26379;
/** Sentinel pods: 3 is the smallest count where losing one still leaves a majority. */
export const SENTINEL_COUNT = 3;
/** Sentinels that must agree a primary is down before a failover starts. */
export const SENTINEL_QUORUM = Math.floor(SENTINEL_COUNT / 2) + 1;
/** Name Sentinel monitors the primary under (clients ask for it by this name). */
export const SENTINEL_MASTER_NAME = "primary";

/** Keys in the Secrets Gantry writes. */
export const REDIS_URL_KEY = "REDIS_URL";
export const PASSWORD_KEY = "password";

/** Label a pod carries to be admitted to Redis by the NetworkPolicy. */
export const REDIS_CLIENT_LABEL = "gantry.dev/redis-client";

/** Kubernetes names and DNS for an in-cluster Redis called `name` in `namespace`. */
export function inClusterNames(name: string, namespace: string) {
  const headless = `${name}-headless`;
  const sentinelHeadless = `${name}-sentinel-headless`;
  return {
    statefulSet: name,
    headless,
    headlessDomain: `${headless}.${namespace}.svc.cluster.local`,
    /** Client Service: selects pod 0, the primary unless Sentinel has failed over. */
    client: name,
    clientHost: `${name}.${namespace}.svc`,
    sentinelStatefulSet: `${name}-sentinel`,
    sentinelHeadless,
    sentinelDomain: `${sentinelHeadless}.${namespace}.svc.cluster.local`,
    /** `host:port` of every sentinel, comma-separated, for Sentinel-aware clients. */
    sentinels: Array.from(
      { length: SENTINEL_COUNT },
      (_, i) => `${name}-sentinel-${i}.${sentinelHeadless}.${namespace}.svc.cluster.local:${SENTINEL_PORT}`,
    ).join(","),
  };
}

/**
 * `redis[s]://[:password@]host:port[/db]`, secret whenever the password is. Without a
 * password (existing-secret credentials) the URL carries none: apps add REDIS_PASSWORD.
 */
export function redisUrl(parts: {
  tls: boolean;
  host: pulumi.Input<string>;
  port: pulumi.Input<number>;
  password?: pulumi.Input<string>;
  db?: number;
}): pulumi.Output<string> {
  const scheme = parts.tls ? "rediss" : "redis";
  const path = parts.db === undefined ? "" : `/${parts.db}`;
  if (parts.password === undefined) {
    return pulumi.interpolate`${scheme}://${parts.host}:${parts.port}${path}`;
  }
  return pulumi.secret(
    pulumi
      .all([parts.host, parts.port, parts.password])
      .apply(([h, port, pw]) => `${scheme}://:${encodeURIComponent(pw)}@${h}:${port}${path}`),
  );
}
