/**
 * The offline plan: run the real program for a stack under the recording mock runtime and
 * describe every resource it registers. One plan per process (the Pulumi runtime is global).
 */
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { parseConfig, type Problem } from "../../infra/config";
import { type CapturedResource, maskSecrets, startCapture, SECRET_MASK } from "./capture";
import { loadStackConfig, PROJECT } from "./stack-config";
import { evaluatePlanPolicies, type PlanPolicyResult } from "./policies";
import { dropPromiseTraces } from "./promise-traces";

/** One resource in plan output (the JSON contract other tools read). */
export interface PlanResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly parent: string;
  readonly inputs: Record<string, unknown>;
  readonly protect: boolean;
  readonly dependsOn: string[];
  /** Set only when the program passes `ignoreChanges` (keeps the JSON of everything else as it was). */
  readonly ignoreChanges?: string[];
  /** Set only when true: the resource stays in the cloud when it leaves the stack. */
  readonly retainOnDelete?: true;
}

/** `gantry plan --json` output. */
export interface Plan {
  readonly stack: string;
  readonly environment: string;
  readonly resources: PlanResource[];
  readonly policies: PlanPolicyResult[];
  readonly policiesEvaluated: number;
  readonly outputs: Record<string, unknown>;
}

/** `captured` keeps the unmasked registrations for in-process callers (schema validation). */
export type PlanOutcome = { ok: true; plan: Plan; captured: CapturedResource[] } | { ok: false; problems: Problem[] };

/** Runs the program of `root` for `stack` with `--set` overrides. */
export async function runPlan(opts: {
  root: string;
  stack: string;
  sets?: readonly string[];
  policies?: boolean;
  /** Loads the program module: the CLI passes `require` (scripts/register-ts.js compiles .ts); tests use the default `import()`. */
  load?: (file: string) => Promise<unknown>;
}): Promise<PlanOutcome> {
  const sc = loadStackConfig(opts.root, opts.stack, opts.sets);
  const parsed = parseConfig(sc.raw, sc.secretPaths);
  if (!parsed.ok) return { ok: false, problems: parsed.problems };

  dropPromiseTraces();
  const capture = await startCapture({
    project: PROJECT,
    stack: opts.stack,
    config: sc.runtimeConfig,
    secretKeys: sc.secretKeys,
  });
  const load = opts.load ?? ((file: string) => import(file));
  const program = (await load(path.join(opts.root, "infra", "index.ts"))) as Record<string, unknown>;
  await capture.settle();
  const outputs = await resolveOutputs(program);
  await capture.settle();

  const resources = capture.resources().map(toPlanResource);
  const policy =
    opts.policies === false
      ? { evaluated: 0, violations: [] }
      : evaluatePlanPolicies(opts.root, parsed.config.environment, capture.resources());
  return {
    ok: true,
    captured: capture.resources(),
    plan: {
      stack: opts.stack,
      environment: parsed.config.environment,
      resources,
      policies: policy.violations,
      policiesEvaluated: policy.evaluated,
      outputs,
    },
  };
}

function toPlanResource(r: CapturedResource): PlanResource {
  return {
    urn: r.urn,
    type: r.type,
    name: r.name,
    parent: r.parent,
    inputs: maskSecrets(r.inputs) as Record<string, unknown>,
    protect: r.protect,
    dependsOn: r.dependsOn,
    ...(r.ignoreChanges.length ? { ignoreChanges: r.ignoreChanges } : {}),
    ...(r.retainOnDelete ? { retainOnDelete: true as const } : {}),
  };
}

/** The program's exports, as the engine would record stack outputs, with secrets masked. */
async function resolveOutputs(exports: Record<string, unknown>): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(exports)) {
    if (key === "default" || key === "__esModule") continue;
    const o = pulumi.output(value) as pulumi.Output<unknown>;
    const [plain, secret] = await Promise.all([new Promise<unknown>((res) => o.apply((v) => res(v))), pulumi.isSecret(o)]);
    out[key] = secret ? SECRET_MASK : plain;
  }
  return out;
}
