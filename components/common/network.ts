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
