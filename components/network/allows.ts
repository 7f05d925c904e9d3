/**
 * The egress a Gantry namespace allows, as plain NetworkPolicy objects: a default deny for every
 * pod, DNS, and one allow per path the stack needs (clients → data tier, replication between the
 * data tier's own pods, gateway → app, app → the external APIs named in config). Resource-free.
 */
import type * as k8s from "@pulumi/kubernetes";
import { egressTo, type EgressAllow, type EgressPeer, type EgressPort } from "../common/network";

type NetworkPolicy = k8s.types.input.networking.v1.NetworkPolicy;

/** Name of the policy that denies all egress; the `k8s-egress-default-deny` policy looks for it. */
export const DEFAULT_DENY_NAME = "default-deny-egress";

/** Selects every pod in the namespace and lists no egress rule: nothing leaves unless allowed. */
export function defaultDenyEgress(namespace: string, labels: Record<string, string>): NetworkPolicy {
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name: DEFAULT_DENY_NAME, namespace, labels },
    spec: { podSelector: {}, policyTypes: ["Egress"] },
  };
}

/** Where cluster DNS runs (kube-dns / CoreDNS keep the `k8s-app: kube-dns` label). */
export interface DnsTarget {
  /** @default "kube-system" */
  readonly namespace?: string;
  /** @default { "k8s-app": "kube-dns" } */
  readonly pods?: Record<string, string>;
}

const tcp = (port: number): EgressPort => ({ port, protocol: "TCP" });

/** Every pod may resolve names (UDP, and TCP for answers over 512 bytes). */
export function dnsAllow(namespace: string, dns: DnsTarget = {}): EgressAllow {
  return {
    name: "egress-dns",
    namespace,
    from: {},
    to: [{ namespace: dns.namespace ?? "kube-system", pods: dns.pods ?? { "k8s-app": "kube-dns" } }],
    ports: [
      { port: 53, protocol: "UDP" },
      { port: 53, protocol: "TCP" },
    ],
  };
}

/** A data store's clients and, in-cluster, its pods' own traffic. */
export interface DataStoreEgress {
  /** Policy name suffix, e.g. "postgres". */
  readonly name: string;
  /** Label (key = "true") that marks the store's clients. */
  readonly clientLabel: string;
  /** Ports clients connect to. */
  readonly ports: readonly number[];
  /** In-cluster: the store's pod labels; managed: the CIDRs the store's subnets use. */
  readonly target: { readonly pods: Record<string, string> } | { readonly cidrs: readonly string[] };
}

/** Clients → the data store (in-cluster pods, or the managed store's subnets). */
export function clientAllow(namespace: string, s: DataStoreEgress): EgressAllow {
  const to: EgressPeer = "pods" in s.target ? { pods: s.target.pods } : { cidrs: s.target.cidrs };
  return { name: `egress-${s.name}-clients`, namespace, from: { [s.clientLabel]: "true" }, to: [to], ports: s.ports.map(tcp) };
}

/** Pods of one in-cluster store to each other (streaming replication, Sentinel gossip). */
export function peerAllow(namespace: string, name: string, pods: Record<string, string>, ports: readonly number[]): EgressAllow {
  return { name: `egress-${name}-peers`, namespace, from: pods, to: [{ pods }], ports: ports.map(tcp) };
}

/**
 * Pods that call the Kubernetes API (the CNPG instance manager). The API server's address is the
 * cluster's, not ours to know, so the allow is by port; the ipBlock still excepts the metadata
 * endpoint (see ipBlock in components/common/network.ts).
 */
export function apiServerAllow(namespace: string, name: string, pods: Record<string, string>): EgressAllow {
  return {
    name: `egress-${name}-apiserver`,
    namespace,
    from: pods,
    to: [{ cidrs: ["0.0.0.0/0", "::/0"] }],
    ports: [tcp(443), tcp(6443)],
  };
}

/** The gateway's data plane → the app's pods, and → its controller (config push). */
export function gatewayAllows(
  namespace: string,
  gatewayPods: Record<string, string>,
  app: { pods: Record<string, string>; port: number },
  controller?: { namespace: string; port: number },
): EgressAllow[] {
  const allows: EgressAllow[] = [
    { name: "egress-gateway-app", namespace, from: gatewayPods, to: [{ pods: app.pods }], ports: [tcp(app.port)] },
  ];
  if (controller) {
    allows.push({
      name: "egress-gateway-controller",
      namespace,
      from: gatewayPods,
      to: [{ namespace: controller.namespace }],
      ports: [tcp(controller.port)],
    });
  }
  return allows;
}

/** One `gantry:network.egress` entry: an external API the app and worker call. */
export interface ExternalEgress {
  readonly name: string;
  readonly cidrs: readonly string[];
  readonly ports: readonly number[];
  readonly protocol: "TCP" | "UDP";
}

/** External APIs, one policy per entry so adding one never rewrites the others. */
export function externalAllows(namespace: string, from: readonly Record<string, string>[], entries: readonly ExternalEgress[]) {
  return entries.flatMap((e) =>
    from.map((pods): EgressAllow => ({
      name: `egress-${pods["app.kubernetes.io/name"] ?? "pods"}-${e.name}`,
      namespace,
      from: pods,
      to: [{ cidrs: e.cidrs }],
      ports: e.ports.map((port) => ({ port, protocol: e.protocol })),
    })),
  );
}

/** Every policy of a namespace's egress: the default deny first, then the allows. */
export function egressPolicies(
  namespace: string,
  labels: Record<string, string>,
  allows: readonly EgressAllow[],
): NetworkPolicy[] {
  const names = new Set<string>();
  for (const a of allows) {
    if (names.has(a.name)) throw new Error(`two egress allows are named "${a.name}"`);
    names.add(a.name);
  }
  return [defaultDenyEgress(namespace, labels), ...allows.map((a) => egressTo({ ...a, labels: { ...labels, ...a.labels } }))];
}
