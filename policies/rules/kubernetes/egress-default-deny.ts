import { BlockList, isIPv6 } from "node:net";
import { namespaceOf } from "../../lib/kube";
import { label, ofTypes, type GantryStackPolicy } from "../../lib/policy";
import { T, WORKLOADS } from "../../lib/types";

/** The cloud metadata endpoints (EC2 IMDS, IPv4 and IPv6): they hand out the node's credentials. */
const METADATA = ["169.254.169.254", "fd00:ec2::254"];

type Obj = Record<string, any>;

/** Whether `cidr` contains `address` (same family only), by Node's BlockList. */
function contains(cidr: string, address: string): boolean {
  const [net = "", prefix = ""] = String(cidr).split("/");
  const family = isIPv6(net) ? "ipv6" : "ipv4";
  if ((isIPv6(address) ? "ipv6" : "ipv4") !== family) return false;
  const list = new BlockList();
  list.addSubnet(net, Number(prefix), family);
  return list.check(address, family);
}

/** A policy that selects every pod, restricts egress, and allows none. */
function isDefaultDeny(spec: Obj | undefined): boolean {
  const selector = spec?.podSelector ?? {};
  const selectsAll = Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
  return selectsAll && (spec?.policyTypes ?? []).includes("Egress") && (spec?.egress ?? []).length === 0;
}

/** Metadata addresses an egress rule admits: an empty `to` admits everything, an ipBlock unless excepted. */
function admittedMetadata(spec: Obj | undefined): string[] {
  const hits = new Set<string>();
  for (const rule of spec?.egress ?? []) {
    const to: Obj[] = rule.to ?? [];
    if (to.length === 0) METADATA.forEach((a) => hits.add(a));
    for (const peer of to) {
      const block = peer.ipBlock;
      if (!block?.cidr) continue;
      for (const a of METADATA) {
        const excepted = (block.except ?? []).some((e: string) => contains(e, a));
        if (contains(block.cidr, a) && !excepted) hits.add(a);
      }
    }
  }
  return [...hits];
}

/**
 * Every namespace that runs workloads denies egress by default (a NetworkPolicy selecting all
 * pods with policyTypes [Egress] and no rule), and no egress rule admits the cloud metadata
 * endpoint (169.254.169.254, fd00:ec2::254): an ipBlock that contains it must list it in `except`,
 * and a rule without `to` (any destination) is refused.
 *
 * Why: without an egress policy any pod may connect anywhere, and a pod that reaches the metadata
 * endpoint can take the node's IAM credentials (the first step of most cluster breaches).
 *
 * @severity high
 */
export const k8sEgressDefaultDeny: GantryStackPolicy = {
  name: "k8s-egress-default-deny",
  description: "Namespaces with workloads deny egress by default; no egress rule admits the cloud metadata endpoint.",
  severity: "high",
  enforcementLevel: "mandatory",
  configKey: "network.egress",
  validateStack: (args, report) => {
    const workloads = ofTypes(args, WORKLOADS);
    const policies = ofTypes(args, [T.networkPolicy]);
    if (workloads.length === 0 && policies.length === 0) return args.notApplicable("No workload in the stack");
    const denied = new Set(policies.filter((p) => isDefaultDeny(p.props.spec)).map((p) => namespaceOf(p.props)));
    const seen = new Set<string>();
    for (const w of workloads) {
      const ns = namespaceOf(w.props);
      if (denied.has(ns) || seen.has(ns)) continue;
      seen.add(ns);
      report(
        `Namespace "${ns}" runs workloads without a default-deny egress NetworkPolicy: add one selecting every pod (podSelector: {}) with policyTypes [Egress] and no rules, then explicit allows.`,
        w.urn,
      );
    }
    for (const p of policies) {
      const hits = admittedMetadata(p.props.spec);
      if (hits.length) {
        report(
          `${label(p)} admits the cloud metadata endpoint ${hits.join(", ")}: name a destination and add it to the ipBlock's except (e.g. 169.254.169.254/32).`,
          p.urn,
        );
      }
    }
  },
};
