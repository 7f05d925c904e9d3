/**
 * The hardening bar every Gantry workload meets, as small builders other components reuse:
 * pod and container security contexts, a ServiceAccount that mounts no API token, bounded
 * emptyDirs and ephemeral-storage. Pure: plain Kubernetes input objects, no resources.
 */
import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";

type PodSecurityContext = k8s.types.input.core.v1.PodSecurityContext;
type SecurityContext = k8s.types.input.core.v1.SecurityContext;
type Volume = k8s.types.input.core.v1.Volume;

/**
 * Lowest UID Gantry runs containers as. Base images allocate their users below 10000 (redis 999,
 * nobody 65534 aside), so a UID ≥ 10000 never maps to a user that owns files in the image.
 */
export const MIN_UID = 10000;

/** Pod-level hardening: non-root `uid`, fsGroup so volumes are writable by it, seccomp. */
export function podSecurityContext(uid: number): PodSecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: uid,
    runAsGroup: uid,
    fsGroup: uid,
    // Only chown a volume when its root is not already ours: large PVCs start fast after the first mount.
    fsGroupChangePolicy: "OnRootMismatch",
    seccompProfile: { type: "RuntimeDefault" },
  };
}

/** Container hardening: read-only root, no privilege escalation, no capabilities, seccomp. */
export function containerSecurityContext(uid: number): SecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: uid,
    runAsGroup: uid,
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ["ALL"] },
    seccompProfile: { type: "RuntimeDefault" },
  };
}

/**
 * A ServiceAccount of its own that mounts no token: a workload that does not call the
 * Kubernetes API must not hold credentials for it (the namespace's `default` account may later
 * be granted rights by someone else's RoleBinding).
 */
export function serviceAccount(
  name: string,
  namespace: pulumi.Input<string>,
  labels: Record<string, string>,
  annotations: Record<string, string> = {},
): k8s.types.input.core.v1.ServiceAccount {
  return {
    apiVersion: "v1",
    kind: "ServiceAccount",
    metadata: { name, namespace, labels, ...(Object.keys(annotations).length ? { annotations } : {}) },
    automountServiceAccountToken: false,
  };
}

/** An emptyDir with a size limit (an unbounded one can fill the node's disk or memory). */
export function boundedEmptyDir(name: string, sizeLimit: string, medium?: "Memory"): Volume {
  return { name, emptyDir: { sizeLimit, ...(medium ? { medium } : {}) } };
}

/**
 * Ephemeral storage (container writable layer, logs, disk-backed emptyDirs): requested so the
 * scheduler accounts for it, limited so one pod cannot evict its neighbours by filling the disk.
 */
export function ephemeralStorage(request: string, limit: string) {
  return { requests: { "ephemeral-storage": request }, limits: { "ephemeral-storage": limit } };
}
