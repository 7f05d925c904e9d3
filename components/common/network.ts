/**
 * Network access rules for managed (AWS) data stores. Resource-free: validation only.
 * Postgres and Redis validate `network` the same way.
 */

/** Where a managed data store lives and who may reach it. */
export interface ManagedNetwork {
  /** VPC that holds the store and its security group. */
  readonly vpcId: string;
  /** Private subnets (at least two, in different AZs) for the subnet group. */
  readonly subnetIds: readonly string[];
  /** Security groups whose members may connect on the store's port. */
  readonly allowedSecurityGroupIds: readonly string[];
  /** CIDR blocks that may connect on the store's port; never 0.0.0.0/0 or ::/0. */
  readonly allowedCidrs: readonly string[];
}

import { BlockList, isIPv6 } from "node:net";
import type * as k8s from "@pulumi/kubernetes";
import type { Problem } from "./types";
export type { Problem } from "./types";

const IPV4_CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;
const IPV6_CIDR = /^[0-9a-fA-F:]+\/(\d{1,3})$/;

/** True for a syntactically valid IPv4 or IPv6 CIDR. */
export function isCidr(s: string): boolean {
  const v4 = IPV4_CIDR.exec(s);
  if (v4) return v4.slice(1, 5).every((o) => Number(o) <= 255) && Number(v4[5]) <= 32;
  const v6 = IPV6_CIDR.exec(s);
  return v6 !== null && s.includes(":") && Number(v6[1]) <= 128;
}

/** True for a CIDR that admits the whole internet (any /0). */
export function isOpenCidr(s: string): boolean {
  return /\/0$/.test(s.trim());
}

/**
 * Problems with a managed store's network, prefixed by `prefix` (the argument name).
 * A missing network is reported by the caller, which knows whether the tier needs one.
 */
export function validateNetwork(network: ManagedNetwork, prefix = "network"): Problem[] {
  const problems: Problem[] = [];
  if (!network.vpcId) {
    problems.push({ path: `${prefix}.vpcId`, message: `\`${prefix}.vpcId\` is empty: pass the VPC id (vpc-…).` });
  }
  // RDS and ElastiCache subnet groups need subnets in at least two AZs for Multi-AZ/failover.
  if (network.subnetIds.length < 2) {
    problems.push({
      path: `${prefix}.subnetIds`,
      message: `\`${prefix}.subnetIds\` has ${network.subnetIds.length} subnet(s): pass at least 2 private subnets in different AZs.`,
    });
  }
  if (network.allowedSecurityGroupIds.length === 0 && network.allowedCidrs.length === 0) {
    problems.push({
      path: `${prefix}.allowedSecurityGroupIds`,
      message: `\`${prefix}.allowedSecurityGroupIds\` and \`${prefix}.allowedCidrs\` are both empty: nothing could connect; pass the app's security group id.`,
    });
  }
  for (const cidr of network.allowedCidrs) {
    if (isOpenCidr(cidr)) {
      problems.push({
        path: `${prefix}.allowedCidrs`,
        message: `\`${prefix}.allowedCidrs\` contains ${cidr}, which opens the store to everyone: use the VPC or app subnet CIDRs, or a security group id.`,
      });
    } else if (!isCidr(cidr)) {
      problems.push({
        path: `${prefix}.allowedCidrs`,
        message: `\`${prefix}.allowedCidrs\` contains "${cidr}", which is not a CIDR: use the form 10.0.0.0/16.`,
      });
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Egress: NetworkPolicy builders shared by every area that runs pods (the namespace's default
// deny lives in components/network; areas add their own allows with `egressTo`).

/**
 * The cloud instance metadata endpoints (EC2 IMDS over IPv4 and IPv6). A pod that reaches them
 * can read the node's IAM role credentials, so no egress rule Gantry writes ever admits them.
 */
export const METADATA_ADDRESSES = ["169.254.169.254", "fd00:ec2::254"] as const;

function splitCidr(cidr: string): { address: string; prefix: number; family: "ipv4" | "ipv6" } {
  const [address = "", prefix = ""] = cidr.trim().split("/");
  return { address, prefix: Number(prefix), family: isIPv6(address) ? "ipv6" : "ipv4" };
}

/** True when `cidr` contains `address` (same family only); Node's BlockList does the bit maths. */
export function cidrContains(cidr: string, address: string): boolean {
  const c = splitCidr(cidr);
  const family = isIPv6(address) ? "ipv6" : "ipv4";
  if (c.family !== family) return false;
  const list = new BlockList();
  list.addSubnet(c.address, c.prefix, c.family);
  return list.check(address, family);
}

/** The metadata addresses a CIDR would admit (empty for a CIDR that is safe as it is). */
export function metadataIn(cidr: string): string[] {
  return METADATA_ADDRESSES.filter((a) => cidrContains(cidr, a));
}

/**
 * An ipBlock peer. Any block that contains a metadata endpoint carries it in `except`, so even
 * a wide block (the API server's 0.0.0.0/0 on 443) never opens the node's credentials.
 */
export function ipBlock(cidr: string) {
  const except = metadataIn(cidr).map((a) => (isIPv6(a) ? `${a}/128` : `${a}/32`));
  return { ipBlock: { cidr, ...(except.length ? { except } : {}) } };
}

/** A port of an egress rule. */
export interface EgressPort {
  readonly port: number;
  /** @default "TCP" */
  readonly protocol?: "TCP" | "UDP";
}

/** Where pods may connect: pods (optionally in another namespace) or CIDR blocks. */
export type EgressPeer =
  | { readonly pods: Record<string, string>; readonly namespace?: string }
  | { readonly namespace: string; readonly pods?: undefined }
  | { readonly cidrs: readonly string[] };

function peers(to: EgressPeer): object[] {
  if ("cidrs" in to) return to.cidrs.map(ipBlock);
  const ns = to.namespace ? { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": to.namespace } } } : {};
  const pods = to.pods ? { podSelector: { matchLabels: { ...to.pods } } } : {};
  return [{ ...ns, ...pods }];
}

/** Arguments of {@link egressTo}. */
export interface EgressAllow {
  /** NetworkPolicy name. */
  readonly name: string;
  readonly namespace: string;
  /** Pods the allow applies to (their labels); `{}` selects every pod of the namespace. */
  readonly from: Record<string, string>;
  /** Destinations; an empty list is refused (it would mean "anywhere"). */
  readonly to: readonly EgressPeer[];
  readonly ports: readonly EgressPort[];
  readonly labels?: Record<string, string>;
}

/**
 * An egress allow as a NetworkPolicy object (policyTypes [Egress] only, so it never changes
 * what the pods accept). Policies are additive: each area adds its own next to the default deny.
 */
export function egressTo(a: EgressAllow): k8s.types.input.networking.v1.NetworkPolicy {
  if (a.to.length === 0) throw new Error(`egress allow "${a.name}" has no destination (an empty \`to\` admits everything)`);
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name: a.name, namespace: a.namespace, ...(a.labels ? { labels: a.labels } : {}) },
    spec: {
      podSelector: Object.keys(a.from).length ? { matchLabels: { ...a.from } } : {},
      policyTypes: ["Egress"],
      egress: [{ to: a.to.flatMap(peers), ports: a.ports.map((p) => ({ port: p.port, protocol: p.protocol ?? "TCP" })) }],
    },
  };
}

/** The S3-compatible object store backups write to (gantry:backups.objectStore). */
export interface ObjectStoreTarget {
  readonly endpoint?: string;
}

/**
 * Egress to the backups object store. S3 has no stable address range a NetworkPolicy can name
 * (the ranges change weekly), so the allow is by port: 443, or the endpoint's own port; an
 * endpoint given as an IP literal narrows the destination to that address. Build the object
 * with `egressTo(objectStoreEgress(…))`, or pass the allow to the namespace's NamespaceEgress.
 */
export function objectStoreEgress(
  name: string,
  namespace: string,
  from: Record<string, string>,
  store: ObjectStoreTarget,
  labels?: Record<string, string>,
) {
  const url = store.endpoint ? new URL(store.endpoint) : undefined;
  const port = url?.port ? Number(url.port) : url?.protocol === "http:" ? 80 : 443;
  const host = url?.hostname.replace(/^\[|\]$/g, "");
  const literal = host && (isIPv6(host) || /^\d{1,3}(\.\d{1,3}){3}$/.test(host));
  const cidrs = literal ? [isIPv6(host) ? `${host}/128` : `${host}/32`] : ["0.0.0.0/0", "::/0"];
  return { name, namespace, from, to: [{ cidrs }], ports: [{ port }], ...(labels ? { labels } : {}) } satisfies EgressAllow;
}
