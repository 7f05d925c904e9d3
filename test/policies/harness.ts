/**
 * Builds the arguments the Pulumi engine passes to policies, following pulumi-policy-aws
 * `src/tests/util.ts`: `type` is the class's `__pulumiType` (or a raw token for custom
 * resources) and `isType` compares it. Never constructs a PolicyPack.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type {
  PolicyResource,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import { effectiveLevel } from "../../policies/evaluate";

/** A type token, or an SDK class (its `__pulumiType` is @internal, so absent from the .d.ts). */
type TypeLike = string | (abstract new (...args: any[]) => unknown);
function tokenOf(t: TypeLike): string {
  if (typeof t === "string") return t;
  const token = (t as unknown as { __pulumiType?: unknown }).__pulumiType;
  if (typeof token !== "string") throw new Error(`${t.name} has no __pulumiType`);
  return token;
}
const isTypeOf = (type: string) => (cls: any) => cls?.__pulumiType === type;

class NotApplicable extends Error {}
const notApplicable = (reason?: string): never => {
  throw new NotApplicable(reason);
};

export interface ResourceOpts {
  readonly name?: string;
  readonly protect?: boolean;
  readonly config?: Record<string, unknown>;
}

export function resourceArgs(type: TypeLike, props: Record<string, any>, o: ResourceOpts = {}): ResourceValidationArgs {
  const token = tokenOf(type);
  const name = o.name ?? "subject";
  return {
    type: token,
    props,
    urn: urnOf(token, name),
    name,
    opts: {
      protect: o.protect ?? false,
      ignoreChanges: [],
      aliases: [],
      customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
      additionalSecretOutputs: [],
    },
    stackTags: new Map(),
    isType: isTypeOf(token),
    asType: ((cls: any) => (cls?.__pulumiType === token ? props : undefined)) as ResourceValidationArgs["asType"],
    getConfig: <T extends object>() => (o.config ?? {}) as T,
    notApplicable,
  };
}

export const urnOf = (type: string, name: string) => `urn:pulumi:test::gantry::${type}::${name}`;

/** Messages a resource policy reports, or null when it declares itself not applicable. */
export function runResource(
  policy: ResourceValidationPolicy,
  type: TypeLike,
  props: Record<string, any>,
  o: ResourceOpts = {},
): string[] | null {
  const messages: string[] = [];
  const report: ReportViolation = (m) => void messages.push(m);
  const vs = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource!];
  try {
    for (const v of vs) {
      const out = v(resourceArgs(type, props, o), report);
      if (out instanceof Promise) throw new Error("async policy");
    }
  } catch (e) {
    if (e instanceof NotApplicable) return null;
    throw e;
  }
  return messages;
}

/** A stack fixture: one resource. `deps` are names of other fixtures (resolved to URNs). */
export interface StackFixture {
  readonly type: TypeLike;
  readonly name: string;
  readonly props: Record<string, any>;
  readonly protect?: boolean;
  readonly deps?: string[];
  readonly parent?: string;
}

export function stackArgs(fixtures: readonly StackFixture[], config: Record<string, unknown> = {}): StackValidationArgs {
  const resources: PolicyResource[] = fixtures.map((f) => {
    const token = tokenOf(f.type);
    return {
      type: token,
      props: f.props,
      urn: urnOf(token, f.name),
      name: f.name,
      opts: {
        protect: f.protect ?? false,
        ignoreChanges: [],
        aliases: [],
        customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        additionalSecretOutputs: [],
      },
      dependencies: [],
      propertyDependencies: {},
      isType: isTypeOf(token),
      asType: ((cls: any) => (cls?.__pulumiType === token ? f.props : undefined)) as PolicyResource["asType"],
    };
  });
  const byName = new Map(resources.map((r) => [r.name, r]));
  fixtures.forEach((f, i) => {
    resources[i]!.dependencies = (f.deps ?? []).map((d) => {
      const r = byName.get(d);
      if (!r) throw new Error(`fixture ${f.name} depends on unknown ${d}`);
      return r;
    });
    if (f.parent) resources[i]!.parent = byName.get(f.parent);
  });
  return { resources, getConfig: <T extends object>() => config as T, stackTags: new Map(), notApplicable };
}

/** Messages (with the URN's resource name, if any) a stack policy reports, or null when not applicable. */
export function runStack(
  policy: StackValidationPolicy,
  fixtures: readonly StackFixture[],
  config: Record<string, unknown> = {},
): string[] | null {
  const messages: string[] = [];
  const report: ReportViolation = (m) => void messages.push(m);
  try {
    const out = policy.validateStack(stackArgs(fixtures, config), report);
    if (out instanceof Promise) throw new Error("async policy");
  } catch (e) {
    if (e instanceof NotApplicable) return null;
    throw e;
  }
  return messages;
}

/** Parsed `policies/config/<env>.json`. */
export function envConfig(env: "production" | "staging"): Record<string, any> {
  const file = path.join(__dirname, "../../policies/config", `${env}.json`);
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

/** The level a policy runs at in an environment, as the engine resolves it. */
export function levelIn(policy: { name: string; enforcementLevel?: any }, env: "production" | "staging") {
  return effectiveLevel(policy, envConfig(env));
}

/** The properties the environment's config file gives a policy (without the level). */
export function propsIn(policyName: string, env: "production" | "staging"): Record<string, unknown> {
  const entry = envConfig(env)[policyName];
  if (!entry || typeof entry !== "object") return {};
  const { enforcementLevel: _ignored, ...props } = entry;
  return props;
}

/** Deep copy of a fixture with one change applied. */
export function mutate<T>(fixture: T, change: (draft: any) => void): T {
  const copy = structuredClone(fixture);
  change(copy);
  return copy;
}

/** A policy's declared level and its level under each environment's config file. */
export function levels(policy: { name: string; enforcementLevel?: any }) {
  return { declared: policy.enforcementLevel, production: levelIn(policy, "production"), staging: levelIn(policy, "staging") };
}
