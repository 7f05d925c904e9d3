/** ReleasedService arguments and their defaults. Resource-free. */
import type * as pulumi from "@pulumi/pulumi";
import type { Environment, Resources, SecretKeyRef } from "../common/types";
import type { ReleaseState, ServiceKind } from "../release";

/** HTTP probe paths. */
export interface ProbePaths {
  /** Liveness path (restart when it fails). */
  readonly liveness: string;
  /** Readiness path (removed from endpoints when it fails). */
  readonly readiness: string;
  /** Startup path (liveness is held off until it succeeds). @default liveness */
  readonly startup?: string;
}

/**
 * Horizontal autoscaling of a web service, one HPA per running colour. There is no separate
 * minimum: each HPA's floor is its slot's replica count (`replicas` active, `release.idleReplicas`
 * idle), so one number decides capacity and a switch leaves the HPAs alone.
 */
export interface HpaSettings {
  /** Upper bound. */
  readonly maxReplicas: number;
  /** Average CPU utilisation (of requests) to hold. */
  readonly targetCpuPercent: number;
}

/** Who may reach a web service's pods. */
export interface IngressFrom {
  /** Namespace of the gateway's data plane. */
  readonly namespace: string;
  /** Labels of the gateway pods within it. @default {} (any pod in the namespace) */
  readonly podLabels?: Record<string, string>;
}

/** Arguments of {@link ReleasedService}. */
export interface ReleasedServiceArgs {
  /** Web (HTTP, routed by the gateway) or worker (queue consumer). */
  readonly kind: ServiceKind;
  /** Namespace of every object. */
  readonly namespace: pulumi.Input<string>;
  /** Environment; the zone spread rule keys on it. */
  readonly environment: Environment;
  /** Active colour and each colour's image (stack config). */
  readonly release: ReleaseState;
  /** Replicas of the active colour (for web with `hpa`, the autoscaler's floor). */
  readonly replicas: number;
  /** Container port (web). @default 8080 */
  readonly port?: number;
  /** Health/metrics port (worker). @default 9090 */
  readonly healthPort?: number;
  /** Container command. @default the image's entrypoint */
  readonly command?: string[];
  /** Container args. @default the image's cmd */
  readonly args?: string[];
  /** Requests and limits. */
  readonly resources: Resources;
  /** HTTP probe paths (on `port` for web, `healthPort` for worker). @default { liveness: "/healthz", readiness: "/readyz" } */
  readonly probes?: ProbePaths;
  /** Plain per-environment settings. @default {} */
  readonly env?: Record<string, string>;
  /** Settings read from Secrets (DATABASE_URL, REDIS_URL …). @default {} */
  readonly secretEnv?: Record<string, SecretKeyRef>;
  /** Mount `secretEnv` as read-only files with `<NAME>_FILE` env vars instead of env values. @default false */
  readonly credentialsAsFiles?: boolean;
  /** Worker: the old colour scales to 0 before the new one starts. @default false */
  readonly exclusive?: boolean;
  /** Web: autoscale each running colour. @default undefined (fixed replicas) */
  readonly hpa?: HpaSettings;
  /** Seconds the preStop hook sleeps so endpoint removal propagates before SIGTERM. @default 10 for web, 0 for worker */
  readonly preStopSeconds?: number;
  /** Pod grace period; must exceed preStopSeconds by the app's shutdown time. @default preStopSeconds + 30 */
  readonly terminationGraceSeconds?: number;
  /** Extra labels on every object (never in selectors). @default {} */
  readonly labels?: Record<string, string>;
  /** Extra pod labels, e.g. `gantry.dev/db-client: "true"` (never in selectors). @default {} */
  readonly podLabels?: Record<string, string>;
  /** Image pull policy. @default "IfNotPresent" */
  readonly imagePullPolicy?: "Always" | "IfNotPresent" | "Never";
  /** Web: where traffic may come from (the gateway). Required for web. */
  readonly ingressFrom?: IngressFrom;
  /** Namespace of Prometheus, admitted to the worker health/metrics port. @default "monitoring" */
  readonly monitoringNamespace?: string;
}

/** Args with every default applied. */
export interface ResolvedServiceArgs extends Required<Omit<ReleasedServiceArgs, "command" | "args" | "hpa" | "ingressFrom">> {
  /** Kubernetes base name of the service (the component name). */
  readonly service: string;
  readonly probes: Required<ProbePaths>;
  readonly command?: string[];
  readonly args?: string[];
  readonly hpa?: HpaSettings;
  readonly ingressFrom?: IngressFrom;
}

/** Default preStop sleep: longer than typical endpoint propagation to the gateway (a few seconds). */
export const DEFAULT_PRESTOP_SECONDS = 10;
/** Default time the app gets after SIGTERM to finish in-flight work. */
export const DEFAULT_SHUTDOWN_SECONDS = 30;

/** Applies defaults (`??`: an explicit 0 stays 0). Pure. */
export function resolveServiceArgs(service: string, a: ReleasedServiceArgs): ResolvedServiceArgs {
  // Workers have no endpoints to drain from: a sleep would only delay SIGTERM and, for an
  // exclusive worker, lengthen the time old and new colours overlap.
  const preStopSeconds = a.preStopSeconds ?? (a.kind === "web" ? DEFAULT_PRESTOP_SECONDS : 0);
  const liveness = a.probes?.liveness ?? "/healthz";
  return {
    ...a,
    service,
    port: a.port ?? 8080,
    healthPort: a.healthPort ?? 9090,
    probes: {
      liveness,
      readiness: a.probes?.readiness ?? "/readyz",
      startup: a.probes?.startup ?? liveness,
    },
    env: a.env ?? {},
    secretEnv: a.secretEnv ?? {},
    credentialsAsFiles: a.credentialsAsFiles ?? false,
    exclusive: a.exclusive ?? false,
    preStopSeconds,
    terminationGraceSeconds: a.terminationGraceSeconds ?? preStopSeconds + DEFAULT_SHUTDOWN_SECONDS,
    labels: a.labels ?? {},
    podLabels: a.podLabels ?? {},
    imagePullPolicy: a.imagePullPolicy ?? "IfNotPresent",
    monitoringNamespace: a.monitoringNamespace ?? "monitoring",
  };
}

/** The port probes and the NetworkPolicy use: the app port for web, the health port for workers. */
export function probePort(r: ResolvedServiceArgs): number {
  return r.kind === "web" ? r.port : r.healthPort;
}
