/** Namespace egress: default deny plus explicit allows (see ./allows.ts). */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { EgressAllow } from "../common/network";
import { baseLabels } from "../common/types";
import { DEFAULT_DENY_NAME, egressPolicies } from "./allows";

export * from "./allows";

/** Arguments of {@link NamespaceEgress}. */
export interface NamespaceEgressArgs {
  readonly namespace: string;
  /** What pods may reach, besides nothing. */
  readonly allows: readonly EgressAllow[];
}

/**
 * Default-deny egress for a namespace and its allows, one NetworkPolicy each (named by the
 * allow, so adding one never renames another).
 */
export class NamespaceEgress extends pulumi.ComponentResource {
  /** Names of the NetworkPolicies created, default deny first. */
  readonly policyNames: readonly string[];

  constructor(name: string, args: NamespaceEgressArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gantry:network:NamespaceEgress", name, {}, opts);
    let policies;
    try {
      policies = egressPolicies(args.namespace, baseLabels("egress", name), args.allows);
    } catch (e) {
      throw new pulumi.ResourceError(String((e as Error).message), this);
    }
    this.policyNames = [DEFAULT_DENY_NAME, ...args.allows.map((a) => a.name)];
    policies.forEach((p, i) => new k8s.networking.v1.NetworkPolicy(`${name}-${this.policyNames[i]}`, p, { parent: this }));
    this.registerOutputs({ policyNames: this.policyNames });
  }
}
