/**
 * Pod template pieces shared by the service Deployments and the migration Jobs (same env,
 * secrets and hardening). Pure: returns plain Kubernetes input objects.
 */
import type * as k8s from "@pulumi/kubernetes";
import {
  boundedEmptyDir,
  containerSecurityContext as hardenedContainer,
  ephemeralStorage,
  podSecurityContext as hardenedPod,
} from "../common/hardening";
import type { Colour } from "../common/types";
import type { ResolvedServiceArgs } from "./args";

type Container = k8s.types.input.core.v1.Container;
type PodSpec = k8s.types.input.core.v1.PodSpec;
type EnvVar = k8s.types.input.core.v1.EnvVar;
type Volume = k8s.types.input.core.v1.Volume;

/** Where credentials are mounted when `credentialsAsFiles` is on: `<dir>/<ENV NAME>`. */
export const CREDENTIALS_DIR = "/var/run/secrets/gantry";
/**
 * Owner-read only. The kubelet gives the files the pod's fsGroup and adds group read, so the
 * container's UID (whose GID is the fsGroup) reads them and nothing else in the pod's users does.
 */
export const CREDENTIALS_MODE = 0o400;

/** UID/GID the containers run as: non-root, and outside the range base images use for users. */
export const RUN_AS_USER = 10001;

/** Pod-level hardening (components/common/hardening.ts). */
export const podSecurityContext = () => hardenedPod(RUN_AS_USER);

/** Container hardening; the root filesystem is read-only, so /tmp is an emptyDir. */
export const containerSecurityContext = () => hardenedContainer(RUN_AS_USER);

/** /tmp size limit, and the container's ephemeral-storage (writable layer, logs, /tmp). */
export const TMP_SIZE_LIMIT = "256Mi";
export const EPHEMERAL_STORAGE = { request: "256Mi", limit: "1Gi" };

/**
 * Environment: secrets via secretKeyRef (values never enter the pod spec) — or, with
 * `credentialsAsFiles`, `<NAME>_FILE` paths into the credentials volume, so a secret never sits
 * in the process environment (inherited by children, dumped by crash reporters) — plain
 * settings, and the slot's own colour and image. Nothing here depends on which colour is *active*: a switch
 * must not roll pods. Sorted by name so key order in config never shows as a diff.
 */
export function envVars(r: ResolvedServiceArgs, colour: Colour | undefined, image: string): EnvVar[] {
  const secret: EnvVar[] = Object.entries(r.secretEnv).map(([name, ref]) =>
    r.credentialsAsFiles
      ? { name: `${name}_FILE`, value: `${CREDENTIALS_DIR}/${name}` }
      : { name, valueFrom: { secretKeyRef: { name: ref.name, key: ref.key } } },
  );
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
export const TMP_VOLUME = boundedEmptyDir("tmp", TMP_SIZE_LIMIT);
const TMP_MOUNT = { name: "tmp", mountPath: "/tmp" };

/** A hardened container running `image` with the service's env; probes and ports added by callers. */
export function baseContainer(r: ResolvedServiceArgs, colour: Colour | undefined, image: string, name: string): Container {
  const eph = ephemeralStorage(EPHEMERAL_STORAGE.request, EPHEMERAL_STORAGE.limit);
  return {
    name,
    image,
    imagePullPolicy: r.imagePullPolicy,
    ...(r.command ? { command: [...r.command] } : {}),
    ...(r.args ? { args: [...r.args] } : {}),
    env: envVars(r, colour, image),
    resources: {
      requests: { ...r.resources.requests, ...eph.requests },
      limits: { ...r.resources.limits, ...eph.limits },
    },
    securityContext: containerSecurityContext(),
    volumeMounts: [TMP_MOUNT, ...(credentialsVolume(r) ? [CREDENTIALS_MOUNT] : [])],
  };
}

const CREDENTIALS_MOUNT = { name: "credentials", mountPath: CREDENTIALS_DIR, readOnly: true };

/**
 * The read-only credentials volume: one projected volume, one file per secret env name (so the
 * app reads `$DATABASE_URL_FILE` whichever Secret holds the value). None without files mode.
 */
export function credentialsVolume(r: Pick<ResolvedServiceArgs, "secretEnv" | "credentialsAsFiles">): Volume | undefined {
  const names = Object.keys(r.secretEnv).sort();
  if (!r.credentialsAsFiles || names.length === 0) return undefined;
  return {
    name: "credentials",
    projected: {
      defaultMode: CREDENTIALS_MODE,
      sources: names.map((n) => ({ secret: { name: r.secretEnv[n]!.name, items: [{ key: r.secretEnv[n]!.key, path: n }] } })),
    },
  };
}

/** Pod spec pieces common to Deployments and Jobs. */
export function basePodSpec(serviceAccountName: string, containers: Container[], credentials?: Volume): PodSpec {
  return {
    serviceAccountName,
    automountServiceAccountToken: false,
    securityContext: podSecurityContext(),
    containers,
    volumes: [TMP_VOLUME, ...(credentials ? [credentials] : [])],
  };
}
