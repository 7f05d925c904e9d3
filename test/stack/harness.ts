/**
 * Stack tests run the real program for a real `Pulumi.<stack>.yaml` (optionally overridden)
 * under the recording mock runtime — exactly what `gantry plan` does. One plan per test file:
 * the Pulumi runtime is process-global and vitest gives each file its own process.
 */
import * as path from "node:path";
import { expect } from "vitest";
import { type Plan, type PlanResource, runPlan } from "../../src/plan/run";
import { schemaErrors, toObject } from "../helpers/k8s-schema";
import { type CapturedResource, unwrapSecrets } from "../../src/plan/capture";

export const ROOT = path.resolve(__dirname, "..", "..");

let captured: CapturedResource[] = [];

/** The last plan's registrations, unmasked (for asserting on what a Secret would hold). */
export const capturedResources = (): CapturedResource[] => captured;

/** Plans a stack; fails the test with the config problems when config is invalid. */
export async function planStack(stack: string, sets: string[] = []): Promise<Plan> {
  const outcome = await runPlan({ root: ROOT, stack, sets });
  if (!outcome.ok) throw new Error(`config problems: ${JSON.stringify(outcome.problems)}`);
  captured = outcome.captured;
  return outcome.plan;
}

export const ofType = (plan: Plan, type: string): PlanResource[] => plan.resources.filter((r) => r.type === type);

export function named(plan: Plan, type: string, name: string): PlanResource {
  const r = ofType(plan, type).find((x) => x.name === name);
  if (!r)
    throw new Error(
      `no ${type} named ${name}; have ${ofType(plan, type)
        .map((x) => x.name)
        .join(", ")}`,
    );
  return r;
}

/**
 * Validates every Kubernetes object of the last plan against its schema (unmasked: a masked
 * Secret's data is a string, not an object); returns how many were checked.
 */
export async function expectValidKubernetes(): Promise<number> {
  let checked = 0;
  const errors: string[] = [];
  for (const r of captured) {
    const obj = toObject(r.type, unwrapSecrets(r.inputs) as Record<string, unknown>);
    if (!obj) continue;
    checked++;
    errors.push(...(await schemaErrors(obj as never)).map((e) => `${r.name}: ${e}`));
  }
  expect(errors).toEqual([]);
  return checked;
}

export const mandatory = (plan: Plan) => plan.policies.filter((v) => v.enforcementLevel === "mandatory");
