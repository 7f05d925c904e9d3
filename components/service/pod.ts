/**
 * Pod template pieces shared by the service Deployments and the migration Jobs (same env,
 * secrets and hardening). Pure: returns plain Kubernetes input objects.
 */
import type * as k8s from "@pulumi/kubernetes";
import type { Colour } from "../common/types";
import type { ResolvedServiceArgs } from "./args";

type Container = k8s.types.input.core.v1.Container;
type PodSpec = k8s.types.input.core.v1.PodSpec;
type EnvVar = k8s.types.input.core.v1.EnvVar;

/** UID/GID the containers run as: non-root, and outside the range base images use for users. */
export const RUN_AS_USER = 10001;

/** Pod-level hardening. */
export function podSecurityContext(): k8s.types.input.core.v1.PodSecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: RUN_AS_USER,
    runAsGroup: RUN_AS_USER,
    fsGroup: RUN_AS_USER,
    seccompProfile: { type: "RuntimeDefault" },
  };
}

/** Container hardening; the root filesystem is read-only, so /tmp is an emptyDir. */
export function containerSecurityContext(): k8s.types.input.core.v1.SecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: RUN_AS_USER,
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ["ALL"] },
    seccompProfile: { type: "RuntimeDefault" },
  };
}

/**
 * Environment: secrets via secretKeyRef (values never enter the pod spec), plain settings, and
 * the slot's own colour and image. Nothing here depends on which colour is *active*: a switch
 * must not roll pods. Sorted by name so key order in config never shows as a diff.
 */
export function envVars(r: ResolvedServiceArgs, colour: Colour | undefined, image: string): EnvVar[] {
  const secret: EnvVar[] = Object.entries(r.secretEnv).map(([name, ref]) => ({
    name,
    valueFrom: { secretKeyRef: { name: ref.name, key: ref.key } },
  }));
  const plain: EnvVar[] = Object.entries(r.env).map(([name, value]) => ({ name, value }));
  // Names here are plain strings (config keys), never Outputs.
  const byName = (a: EnvVar, b: EnvVar) => (a.name as string).localeCompare(b.name as string);
  return [
    ...[...secret, ...plain].sort(byName),
    // Jobs belong to an image, not a slot: no GANTRY_SLOT, so they are identical whichever colour runs it.
    ...(colour ? [{ name: "GANTRY_SLOT", value: colour }] : []),
    { name: "GANTRY_IMAGE", value: image },
  ];
}

/** The read-only-root companions: an emptyDir for /tmp. */
export const TMP_VOLUME = { name: "tmp", emptyDir: {} };
const TMP_MOUNT = { name: "tmp", mountPath: "/tmp" };

/** A hardened container running `image` with the service's env; probes and ports added by callers. */
export function baseContainer(r: ResolvedServiceArgs, colour: Colour | undefined, image: string, name: string): Container {
  return {
    name,
    image,
    imagePullPolicy: r.imagePullPolicy,
    ...(r.command ? { command: [...r.command] } : {}),
    ...(r.args ? { args: [...r.args] } : {}),
    env: envVars(r, colour, image),
    resources: {
      requests: { ...r.resources.requests },
      limits: { ...r.resources.limits },
    },
    securityContext: containerSecurityContext(),
    volumeMounts: [TMP_MOUNT],
  };
}

/** Pod spec pieces common to Deployments and Jobs. */
export function basePodSpec(serviceAccountName: string, containers: Container[]): PodSpec {
  return {
    serviceAccountName,
    automountServiceAccountToken: false,
    securityContext: podSecurityContext(),
    containers,
    volumes: [TMP_VOLUME],
  };
}
