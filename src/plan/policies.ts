/**
 * Runs the CrossGuard pack's policies over a captured plan, offline, with the policy config
 * file for the stack's environment — the same files `pulumi preview --policy-pack-config` takes.
 */
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { evaluatePolicies, type Violation } from "../../policies/evaluate";
import { type CapturedResource, maskSecrets } from "./capture";

export type PlanPolicyResult = Violation;

/** The policy config file for an environment: production is strict, the rest use staging's. */
export function policyConfigFile(root: string, environment: string): string {
  const own = path.join(root, "policies", "config", `${environment}.json`);
  return existsSync(own) ? own : path.join(root, "policies", "config", "staging.json");
}

export function evaluatePlanPolicies(
  root: string,
  environment: string,
  captured: readonly CapturedResource[],
): { evaluated: number; violations: Violation[] } {
  const config = JSON.parse(readFileSync(policyConfigFile(root, environment), "utf8")) as Record<string, unknown>;
  const resources = captured.map((r) => ({
    urn: r.urn,
    type: r.type,
    name: r.name,
    // Masked, not unwrapped: a policy message quoting a prop must never print a secret.
    props: maskSecrets(r.inputs) as Record<string, unknown>,
    protect: r.protect,
    parent: r.parent,
    dependencies: r.dependsOn,
  }));
  return evaluatePolicies(resources, { config });
}
