// The alerting parameters of every shipped stack in both data tiers, from the real Pulumi.<stack>.yaml.
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { load } from "js-yaml";
import { type GantryConfig, parseConfig } from "../../infra/config";
import { alertParams } from "../../infra/alerting";
import type { AlertParams } from "../../components/alerting/rules";

const ROOT = path.resolve(__dirname, "..", "..");

export function stackParams(stack: "staging" | "production", tier: "managed" | "in-cluster"): AlertParams {
  return alertParams(stackConfig(stack, tier));
}

/** The parsed config of a shipped stack, with `overrides` merged over its `gantry:*` keys. */
export function stackConfig(
  stack: "staging" | "production",
  tier: "managed" | "in-cluster" = "managed",
  overrides: Record<string, unknown> = {},
): GantryConfig {
  const doc = load(readFileSync(path.join(ROOT, `Pulumi.${stack}.yaml`), "utf8")) as { config: Record<string, unknown> };
  const raw = Object.fromEntries(
    Object.entries(doc.config)
      .filter(([k]) => k.startsWith("gantry:"))
      .map(([k, v]) => [k.slice("gantry:".length), v]),
  );
  // An `alerting` override replaces its own keys only: the stack's other alerting keys (sns) stay.
  const alerting = overrides.alerting ? { alerting: { ...(raw.alerting as object), ...overrides.alerting } } : {};
  const parsed = parseConfig({ ...raw, dataTier: tier, ...overrides, ...alerting });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.config;
}

export const VARIANTS = [
  ["staging", "managed"],
  ["staging", "in-cluster"],
  ["production", "managed"],
  ["production", "in-cluster"],
] as const;

/** The widest parameter set, for the runbook document: every optional alert present. */
export const RUNBOOK_PARAMS: AlertParams = {
  ...stackParams("production", "in-cluster"),
  namespace: "$NS",
  postgresReplicas: 1,
  redisReplicas: 1,
  workerEnabled: true,
};
