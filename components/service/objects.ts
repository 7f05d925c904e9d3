/**
 * Kubernetes objects of a released service, as pure functions of the resolved args and a colour.
 * None of them reads `release.active` except through the slot's replica count: that is what
 * makes a switch touch only the HTTPRoute (and worker replica counts).
 */
import type * as k8s from "@pulumi/kubernetes";
import type { Colour } from "../common/types";
import { serviceLabels, slotLabels, slotName, slotReplicas } from "../release";
import { type ResolvedServiceArgs, probePort } from "./args";
import { baseContainer, basePodSpec, credentialsVolume } from "./pod";

/** Labels on every object of the service (not selectors). */
export function objectLabels(r: ResolvedServiceArgs, colour?: Colour): Record<string, string> {
  return {
    ...r.labels,
    ...(colour ? slotLabels(r.service, colour) : serviceLabels(r.service)),
    "app.kubernetes.io/component": r.kind,
    "app.kubernetes.io/managed-by": "gantry",
    "gantry.dev/environment": r.environment,
  };
}

/** Name of the service's ServiceAccount. */
export function serviceAccountName(r: ResolvedServiceArgs): string {
  return r.service;
}

/** Replicas this colour runs. */
export function replicasOf(r: ResolvedServiceArgs, colour: Colour): number {
  return slotReplicas({
    kind: r.kind,
    colour,
    active: r.release.active,
    replicas: r.replicas,
    idleReplicas: r.release.idleReplicas,
    exclusive: r.exclusive,
  });
}

/**
 * Whether an HPA owns this colour's replica count. Only for a running web colour: an HPA cannot
 * hold 0 replicas (minReplicas ≥ 1 without the alpha HPAScaleToZero gate) and Kubernetes
 * disables autoscaling for a target at 0, so a colour scaled to 0 keeps an explicit `replicas: 0`.
 */
export function hpaManaged(r: ResolvedServiceArgs, colour: Colour): boolean {
  return r.kind === "web" && r.hpa !== undefined && replicasOf(r, colour) > 0;
}

const PORT_NAME = { web: "http", worker: "health" } as const;

function container(r: ResolvedServiceArgs, colour: Colour, image: string): k8s.types.input.core.v1.Container {
  const port = PORT_NAME[r.kind];
  const get = (path: string) => ({ httpGet: { path, port } });
  return {
    ...baseContainer(r, colour, image, r.service),
    ports: [{ name: port, containerPort: probePort(r), protocol: "TCP" }],
    // Startup gives slow boots up to 5 minutes before liveness may restart the pod.
    startupProbe: { ...get(r.probes.startup), periodSeconds: 5, failureThreshold: 60, timeoutSeconds: 2 },
    livenessProbe: { ...get(r.probes.liveness), periodSeconds: 10, failureThreshold: 3, timeoutSeconds: 2 },
    readinessProbe: { ...get(r.probes.readiness), periodSeconds: 5, failureThreshold: 2, timeoutSeconds: 2 },
    // The pod stays serving while its endpoint removal reaches the gateway; only then SIGTERM.
    // `sleep` is the kubelet's own action (Kubernetes ≥ 1.30): no shell needed in the image.
    ...(r.preStopSeconds > 0 ? { lifecycle: { preStop: { sleep: { seconds: r.preStopSeconds } } } } : {}),
  };
}

/** Spread over zones (hard in production) and nodes (soft), counting only this colour's revision. */
function spread(r: ResolvedServiceArgs, colour: Colour): k8s.types.input.core.v1.TopologySpreadConstraint[] {
  const base = {
    maxSkew: 1,
    labelSelector: { matchLabels: slotLabels(r.service, colour) },
    matchLabelKeys: ["pod-template-hash"],
  };
  return [
    // Outside production clusters often have one zone or unlabelled nodes (kind, k3d): soft there.
    {
      ...base,
      topologyKey: "topology.kubernetes.io/zone",
      whenUnsatisfiable: r.environment === "production" ? "DoNotSchedule" : "ScheduleAnyway",
    },
    { ...base, topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "ScheduleAnyway" },
  ];
}

/**
 * The slot's Deployment. When an HPA owns the count `spec.replicas` is omitted: if Pulumi set it,
 * every `up` would reset the autoscaled count to the floor (dropping capacity under load) and
 * report drift the HPA then undoes. Without a value a new Deployment starts at 1 and the HPA
 * raises it to its floor; a colour going from 0 to HPA-managed drops the field, which server-side
 * apply resets to the default 1, so the HPA (disabled at 0) resumes.
 */
export function buildDeployment(r: ResolvedServiceArgs, colour: Colour, image: string): k8s.types.input.apps.v1.Deployment {
  const podLabels = { ...r.labels, ...r.podLabels, ...objectLabels(r, colour) };
  // An exclusive worker must never run two pods, even within its own rollout; everyone else
  // rolls with no capacity loss.
  const strategy = r.exclusive
    ? { type: "Recreate" }
    : { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } };
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: slotName(r.service, colour), namespace: r.namespace, labels: objectLabels(r, colour) },
    spec: {
      ...(hpaManaged(r, colour) ? {} : { replicas: replicasOf(r, colour) }),
      selector: { matchLabels: slotLabels(r.service, colour) },
      strategy,
      revisionHistoryLimit: 5,
      progressDeadlineSeconds: 600,
      template: {
        metadata: { labels: podLabels },
        spec: {
          ...basePodSpec(serviceAccountName(r), [container(r, colour, image)], credentialsVolume(r)),
          terminationGracePeriodSeconds: r.terminationGraceSeconds,
          topologySpreadConstraints: spread(r, colour),
        },
      },
    },
  };
}

/** The slot's ClusterIP Service (web), selecting exactly the slot labels. */
export function buildService(r: ResolvedServiceArgs, colour: Colour): k8s.types.input.core.v1.Service {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: slotName(r.service, colour), namespace: r.namespace, labels: objectLabels(r, colour) },
    spec: {
      type: "ClusterIP",
      selector: slotLabels(r.service, colour),
      ports: [{ name: "http", port: r.port, targetPort: "http", protocol: "TCP" }],
    },
  };
}

/**
 * The slot's PodDisruptionBudget: `maxUnavailable: 1` whatever the replica count. It never blocks
 * a drain (a 1-pod or 0-pod colour can still be evicted, unlike `minAvailable: 1`), limits a
 * drain to one pod at a time otherwise, and does not change when a switch rescales workers.
 */
export function buildPdb(r: ResolvedServiceArgs, colour: Colour): k8s.types.input.policy.v1.PodDisruptionBudget {
  return {
    apiVersion: "policy/v1",
    kind: "PodDisruptionBudget",
    metadata: { name: slotName(r.service, colour), namespace: r.namespace, labels: objectLabels(r, colour) },
    spec: {
      maxUnavailable: 1,
      selector: { matchLabels: slotLabels(r.service, colour) },
      // Let crash-looping pods be evicted so they never wedge a node drain.
      unhealthyPodEvictionPolicy: "AlwaysAllow",
    },
  };
}

/** The slot's HPA (web, running colours only); its floor is the slot's replica count. */
export function buildHpa(r: ResolvedServiceArgs, colour: Colour): k8s.types.input.autoscaling.v2.HorizontalPodAutoscaler {
  const hpa = r.hpa!;
  const min = replicasOf(r, colour);
  return {
    apiVersion: "autoscaling/v2",
    kind: "HorizontalPodAutoscaler",
    metadata: { name: slotName(r.service, colour), namespace: r.namespace, labels: objectLabels(r, colour) },
    spec: {
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: slotName(r.service, colour) },
      minReplicas: min,
      maxReplicas: Math.max(hpa.maxReplicas, min),
      metrics: [
        {
          type: "Resource",
          resource: { name: "cpu", target: { type: "Utilization", averageUtilization: hpa.targetCpuPercent } },
        },
      ],
    },
  };
}

/** One ServiceAccount per service; the token is not mounted (the app does not call the API). */
export function buildServiceAccount(r: ResolvedServiceArgs): k8s.types.input.core.v1.ServiceAccount {
  return {
    apiVersion: "v1",
    kind: "ServiceAccount",
    metadata: { name: serviceAccountName(r), namespace: r.namespace, labels: objectLabels(r) },
    automountServiceAccountToken: false,
  };
}

function namespaceSelector(ns: string) {
  return { matchLabels: { "kubernetes.io/metadata.name": ns } };
}

/**
 * Ingress for both colours: web pods admit their port only from the gateway's pods; workers admit
 * only the health/metrics port from the monitoring namespace. Egress is deliberately not
 * restricted here (policyTypes: Ingress): pods reach the database, Redis, DNS and external APIs
 * whose addresses this component does not know; an egress policy belongs with the data tier.
 */
export function buildNetworkPolicy(r: ResolvedServiceArgs): k8s.types.input.networking.v1.NetworkPolicy {
  const from =
    r.kind === "web"
      ? [
          {
            namespaceSelector: namespaceSelector(r.ingressFrom!.namespace),
            ...(r.ingressFrom!.podLabels && Object.keys(r.ingressFrom!.podLabels).length > 0
              ? { podSelector: { matchLabels: { ...r.ingressFrom!.podLabels } } }
              : {}),
          },
        ]
      : [{ namespaceSelector: namespaceSelector(r.monitoringNamespace) }];
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name: r.service, namespace: r.namespace, labels: objectLabels(r) },
    spec: {
      podSelector: { matchLabels: serviceLabels(r.service) },
      policyTypes: ["Ingress"],
      ingress: [{ from, ports: [{ port: probePort(r), protocol: "TCP" }] }],
    },
  };
}
