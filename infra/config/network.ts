/**
 * `gantry:network.egress` and `gantry:network.dataCidrs`: what pods may connect to outside the
 * namespace. Every namespace denies egress by default (components/network); these keys name the
 * exceptions. Shapes here, rules in {@link egressProblems}.
 */
import { z } from "zod";
import { isCidr, metadataIn } from "../../components/common/network";
import type { Problem } from "./rules";
import type { GantryConfig } from "./schema";

const anyCidr = z.string().refine(isCidr, "must be an IPv4 or IPv6 CIDR such as 203.0.113.0/24 or 2001:db8::/32");

export const egressEntrySchema = z
  .object({
    /** Names the NetworkPolicy (`egress-app-<name>`): a DNS label. */
    name: z.string().regex(/^[a-z0-9]([a-z0-9-]{0,40}[a-z0-9])?$/, "must be a short DNS label such as payments-api"),
    cidrs: z.array(anyCidr).min(1),
    ports: z.array(z.number().int().min(1).max(65535)).min(1),
    protocol: z.enum(["TCP", "UDP"]).default("TCP"),
  })
  .strict();

/** Keys merged into `gantry:network`. */
export const networkEgressKeys = {
  /** External APIs the app and worker call. */
  egress: z.array(egressEntrySchema).default([]),
  /** Managed tier: CIDRs of the subnets RDS and ElastiCache use (pods may reach them on 5432/6379). */
  dataCidrs: z.array(anyCidr).default([]),
};

/** Network rules: the metadata endpoint is never reachable, names are unique, managed needs its VPC keys. */
export function networkProblems(c: GantryConfig): Problem[] {
  const problems: Problem[] = [];
  const n = c.network;
  const entries = n?.egress ?? [];
  entries.forEach((e, i) =>
    e.cidrs.forEach((cidr, j) => {
      const hit = metadataIn(cidr);
      if (hit.length) {
        problems.push({
          path: `network.egress.${i}.cidrs.${j}`,
          message: `${cidr} contains the cloud metadata endpoint ${hit.join(", ")} (node credentials): list the API's own addresses instead`,
        });
      }
    }),
  );
  const seen = new Set<string>();
  entries.forEach((e, i) => {
    if (seen.has(e.name))
      problems.push({ path: `network.egress.${i}.name`, message: `"${e.name}" is used twice: names must be unique` });
    seen.add(e.name);
  });
  (n?.dataCidrs ?? []).forEach((cidr, i) => {
    if (metadataIn(cidr).length)
      problems.push({
        path: `network.dataCidrs.${i}`,
        message: `${cidr} contains the cloud metadata endpoint: use the data subnets' CIDRs`,
      });
  });
  if (c.dataTier === "managed" && n && n.vpcId === undefined) {
    problems.push({
      path: "network.vpcId",
      message: "is required when `dataTier` is managed: the VPC id (vpc-…) RDS and ElastiCache live in",
    });
  }
  if (c.dataTier === "managed" && n && n.subnetIds === undefined) {
    problems.push({
      path: "network.subnetIds",
      message: "is required when `dataTier` is managed: at least 2 private subnets in different AZs",
    });
  }
  if (c.dataTier === "managed" && n && n.dataCidrs.length === 0) {
    problems.push({
      path: "network.dataCidrs",
      message:
        "is required when `dataTier` is managed: egress is denied by default, so pods reach RDS and ElastiCache only in these CIDRs (the data subnets' or the VPC's, e.g. [10.0.0.0/16])",
    });
  }
  return problems;
}
