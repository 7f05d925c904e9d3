/** Pod building blocks shared by the Redis and Sentinel StatefulSets. Resource-free. */
import { containerSecurityContext, ephemeralStorage, podSecurityContext } from "../common/hardening";
import type { SecretKeyRef } from "../common/types";
import { type inClusterNames, SENTINEL_COUNT, SENTINEL_MASTER_NAME, SENTINEL_QUORUM } from "./naming";
import { REDIS_UID } from "./versions";

/** Pod-level security: non-root UID ≥ 10000; fsGroup so the PVC is writable by it. */
export const POD_SECURITY_CONTEXT = podSecurityContext(REDIS_UID);

/** Container-level security: read-only root, no privilege escalation, no capabilities. */
export const CONTAINER_SECURITY_CONTEXT = containerSecurityContext(REDIS_UID);

/** Ephemeral storage of each container: logs and the small emptyDirs below. */
export const EPHEMERAL_STORAGE = ephemeralStorage("64Mi", "256Mi");

/** REDIS_PASSWORD for the scripts and REDISCLI_AUTH so probes authenticate without `-a`. */
export function passwordEnv(password: SecretKeyRef) {
  const valueFrom = { secretKeyRef: { name: password.name, key: password.key } };
  return [
    { name: "REDIS_PASSWORD", valueFrom },
    { name: "REDISCLI_AUTH", valueFrom },
  ];
}

/**
 * The topology the start scripts (scripts.ts) read, besides the password: shared with the real
 * failover test so it runs the scripts with exactly what the pods get.
 */
export function scriptEnv(n: ReturnType<typeof inClusterNames>, sentinel: boolean): { name: string; value: string }[] {
  return [
    { name: "HEADLESS_DOMAIN", value: n.headlessDomain },
    { name: "STATEFULSET", value: n.statefulSet },
    ...(sentinel
      ? [
          { name: "SENTINEL_DOMAIN", value: n.sentinelDomain },
          { name: "SENTINEL_STATEFULSET", value: n.sentinelStatefulSet },
          { name: "SENTINEL_COUNT", value: String(SENTINEL_COUNT) },
          { name: "MASTER_NAME", value: SENTINEL_MASTER_NAME },
          { name: "QUORUM", value: String(SENTINEL_QUORUM) },
        ]
      : []),
  ];
}

/** Spread pods of one StatefulSet over nodes when the scheduler can; never block scheduling. */
export function preferSpread(matchLabels: Record<string, string>) {
  return {
    podAntiAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [
        { weight: 100, podAffinityTerm: { topologyKey: "kubernetes.io/hostname", labelSelector: { matchLabels } } },
      ],
    },
  };
}

/** Writable scratch dirs on a read-only root: /tmp and the generated config directory. */
export function scratchVolumes(configDir: string) {
  return {
    volumes: [
      { name: "tmp", emptyDir: { medium: "Memory", sizeLimit: "16Mi" } },
      // Memory-backed: the generated config holds the password and must not touch the node's disk.
      { name: "config", emptyDir: { medium: "Memory", sizeLimit: "1Mi" } },
    ],
    mounts: [
      { name: "tmp", mountPath: "/tmp" },
      { name: "config", mountPath: configDir },
    ],
  };
}
