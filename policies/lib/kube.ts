/** Pure helpers over Kubernetes objects as plain property bags. */
import { T } from "./types";

type Obj = Record<string, any>;

/** Labels that tie blue-green objects together; the program sets them (DESIGN.md). */
export const LABELS = {
  app: "app.kubernetes.io/name",
  slot: "gantry.dev/slot",
  role: "gantry.dev/role",
  gateway: "gantry.dev/gateway",
} as const;

/** The pod template of a workload: `spec.template`, or `spec.jobTemplate.spec.template` for a CronJob. */
export function podTemplate(type: string, props: Obj): Obj | undefined {
  return type === T.cronJob ? props.spec?.jobTemplate?.spec?.template : props.spec?.template;
}

export function podSpec(type: string, props: Obj): Obj {
  return podTemplate(type, props)?.spec ?? {};
}

export function podLabels(type: string, props: Obj): Record<string, string> {
  return podTemplate(type, props)?.metadata?.labels ?? {};
}

export interface ContainerRef {
  readonly container: Obj;
  /** "container" or "init container", for messages. */
  readonly kind: string;
  readonly name: string;
}

/** Regular containers, plus init containers when asked (security settings apply to both). */
export function containersOf(spec: Obj, withInit: boolean): ContainerRef[] {
  const main: Obj[] = spec.containers ?? [];
  const init: Obj[] = withInit ? (spec.initContainers ?? []) : [];
  return [
    ...init.map((c, i) => ({ container: c, kind: "init container", name: String(c.name ?? `#${i}`) })),
    ...main.map((c, i) => ({ container: c, kind: "container", name: String(c.name ?? `#${i}`) })),
  ];
}

/** `metadata.namespace`, or "default" when unset (the provider's default namespace). */
export function namespaceOf(props: Obj): string {
  return props.metadata?.namespace ?? "default";
}

/** `metadata.name`, or the Pulumi name when the provider auto-names the object. */
export function nameOf(props: Obj, pulumiName: string): string {
  return props.metadata?.name ?? pulumiName;
}

/** Deployment/StatefulSet replicas as Kubernetes defaults them (1 when unset). */
export function replicasOf(props: Obj): number {
  const r = props.spec?.replicas;
  return typeof r === "number" ? r : 1;
}

/** Replica bounds of a Deployment/StatefulSet, from the HorizontalPodAutoscaler that targets it if any. */
export interface ReplicaRange {
  readonly min: number;
  readonly max: number;
  /** Name of the autoscaler that owns the count, if one does. */
  readonly hpa?: string;
}

/**
 * How many pods a workload runs: an HPA (same namespace, `scaleTargetRef` kind and name) owns the
 * count when present (`minReplicas` defaults to 1), else `spec.replicas` (default 1).
 */
export function replicaRange(
  kind: string,
  props: Obj,
  name: string,
  hpas: readonly { props: Obj; name: string }[],
): ReplicaRange {
  const ns = namespaceOf(props);
  const hpa = hpas.find(
    (h) =>
      namespaceOf(h.props) === ns &&
      h.props.spec?.scaleTargetRef?.kind === kind &&
      h.props.spec?.scaleTargetRef?.name === nameOf(props, name),
  );
  if (hpa) {
    const min = typeof hpa.props.spec?.minReplicas === "number" ? hpa.props.spec.minReplicas : 1;
    const max = typeof hpa.props.spec?.maxReplicas === "number" ? hpa.props.spec.maxReplicas : min;
    return { min, max, hpa: nameOf(hpa.props, hpa.name) };
  }
  const n = replicasOf(props);
  return { min: n, max: n };
}

/** Whether a LabelSelector (matchLabels and matchExpressions) selects a label set. */
export function selectorMatches(selector: Obj | undefined, labels: Record<string, string>): boolean {
  if (!selector) return false;
  const matchLabels: Record<string, string> = selector.matchLabels ?? {};
  const exprs: Obj[] = selector.matchExpressions ?? [];
  // An empty selector selects every pod in the namespace.
  for (const [k, v] of Object.entries(matchLabels)) if (labels[k] !== v) return false;
  for (const e of exprs) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    const values: string[] = e.values ?? [];
    switch (e.operator) {
      case "In":
        if (!has || !values.includes(labels[e.key]!)) return false;
        break;
      case "NotIn":
        if (has && values.includes(labels[e.key]!)) return false;
        break;
      case "Exists":
        if (!has) return false;
        break;
      case "DoesNotExist":
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/**
 * The registry-qualified form of an image reference, as the container runtime resolves it:
 * `nginx:1.27` → `docker.io/library/nginx:1.27`, `bitnami/redis` → `docker.io/bitnami/redis`.
 */
export function qualifyImage(image: string): string {
  const first = image.split("/")[0] ?? "";
  const hasRegistry = image.includes("/") && (first.includes(".") || first.includes(":") || first === "localhost");
  if (hasRegistry) return image;
  return image.includes("/") ? `docker.io/${image}` : `docker.io/library/${image}`;
}

/** The tag of an image reference (undefined when untagged); digests are handled by the caller. */
export function imageTag(image: string): string | undefined {
  const lastSegment = image.split("/").pop() ?? "";
  const i = lastSegment.indexOf(":");
  return i === -1 ? undefined : lastSegment.slice(i + 1);
}
