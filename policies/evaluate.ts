/**
 * Offline policy evaluation for `gantry plan` / `gantry report`: runs the pack's policies over the
 * resources the program registered under the mock runtime, reproducing what the Pulumi engine's
 * analyzer does (@pulumi/policy 1.21 `server.js`) without constructing a PolicyPack or a gRPC
 * server.
 *
 * Differences from the engine, by design:
 * - `message` is what the policy reported; the engine prefixes the policy description and a
 *   newline (the description is on the policy if a report wants it).
 * - A resource policy at level `remediate` is reported with level `remediate` instead of being
 *   run: remediations change inputs, which an offline plan cannot apply.
 * - Unknown policy names or properties in the config file are errors (the engine rejects them too).
 */
import type {
  EnforcementLevel,
  Policies,
  PolicyConfigSchema,
  PolicyResource,
  PolicyResourceOptions,
  ReportViolation,
  ResourceValidationArgs,
  StackValidationArgs,
} from "@pulumi/policy";
import { allPolicies, PACK_ENFORCEMENT_LEVEL } from "./list";
import { schemaDefaults } from "./lib/policy";

/** One registered resource, as `gantry plan` captures it. */
export interface PolicyResourceInput {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  /** Plain input values; secrets already unwrapped or masked. */
  readonly props: Record<string, any>;
  readonly protect: boolean;
  /** URN of the parent resource, if any. */
  readonly parent?: string;
  /** URNs this resource depends on (explicit and through inputs). */
  readonly dependencies?: string[];
  /** URNs per input property, when known (the engine's `propertyDependencies`). */
  readonly propertyDependencies?: Record<string, string[]>;
}

export interface Violation {
  readonly policyName: string;
  readonly enforcementLevel: "advisory" | "mandatory" | "remediate";
  /** The resource at fault; absent when a stack policy reports the stack as a whole. */
  readonly urn?: string;
  readonly message: string;
  /** The Gantry config key a user would change to fix it. */
  readonly configKey?: string;
}

export interface EvaluateOptions {
  /** The parsed policy config file (`policies/config/<env>.json`), `{}` for none. */
  readonly config: Record<string, any>;
  /** Policies to run; defaults to the whole pack. */
  readonly policies?: Policies;
  /** The pack's level for policies that declare none; defaults to the pack's. */
  readonly packEnforcementLevel?: EnforcementLevel;
}

export interface EvaluateResult {
  /** Policy checks that ran: one per (resource policy, applicable resource) and per applicable stack policy. */
  readonly evaluated: number;
  readonly violations: Violation[];
}

/** Gantry config key per policy name (from each rule's `configKey`), for the PR report. */
export function configKeyHints(policies: Policies = allPolicies): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of policies) {
    const key = (p as { configKey?: string }).configKey;
    if (key) out[p.name] = key;
  }
  return out;
}

const LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

/** `{ "p": "advisory" }` and `{ "p": { enforcementLevel, ...props } }` both name a level. */
function entryOf(config: Record<string, any>, key: string): { level?: EnforcementLevel; props: Record<string, unknown> } {
  const v = config[key];
  if (typeof v === "string") return { level: v as EnforcementLevel, props: {} };
  if (v && typeof v === "object") {
    const { enforcementLevel, ...props } = v as Record<string, unknown>;
    return { level: enforcementLevel as EnforcementLevel | undefined, props };
  }
  return { props: {} };
}

/** Enforcement as the engine resolves it: config file (policy entry, then `all`) ?? policy ?? pack. */
export function effectiveLevel(
  policy: { name: string; enforcementLevel?: EnforcementLevel },
  config: Record<string, any>,
  packLevel: EnforcementLevel = PACK_ENFORCEMENT_LEVEL,
): EnforcementLevel {
  return entryOf(config, policy.name).level ?? entryOf(config, "all").level ?? policy.enforcementLevel ?? packLevel;
}

/** The config a policy's `getConfig()` returns: schema defaults overlaid with the file's values. */
export function policyConfig(policy: { name: string; configSchema?: PolicyConfigSchema }, config: Record<string, any>) {
  return { ...schemaDefaults(policy.configSchema), ...entryOf(config, policy.name).props };
}

function typeOk(schema: any, v: unknown): boolean {
  switch (schema?.type) {
    case "string":
      return typeof v === "string";
    case "boolean":
      return typeof v === "boolean";
    case "integer":
      return Number.isInteger(v);
    case "number":
      return typeof v === "number";
    case "array":
      return Array.isArray(v) && v.every((i) => (schema.items ? typeOk(schema.items, i) : true));
    case "object":
      return typeof v === "object" && v !== null && !Array.isArray(v);
    default:
      return true;
  }
}

/**
 * Every problem in a policy config file, by key path: unknown policies, unknown properties,
 * invalid levels, wrong types, enum and minimum violations. Empty when the file is valid.
 */
export function validatePolicyConfig(config: Record<string, any>, policies: Policies = allPolicies): string[] {
  const problems: string[] = [];
  const byName = new Map(policies.map((p) => [p.name, p]));
  for (const key of Object.keys(config)) {
    const { level, props } = entryOf(config, key);
    if (level !== undefined && !LEVELS.includes(level)) {
      problems.push(`${key}.enforcementLevel: "${String(level)}" is not one of ${LEVELS.join(", ")}`);
    }
    if (key === "all") continue;
    const policy = byName.get(key);
    if (!policy) {
      problems.push(`${key}: no such policy in the pack`);
      continue;
    }
    const schemaProps: Record<string, any> = policy.configSchema?.properties ?? {};
    for (const [prop, value] of Object.entries(props)) {
      const s = schemaProps[prop];
      if (!s) problems.push(`${key}.${prop}: not a property of this policy`);
      else if (!typeOk(s, value)) problems.push(`${key}.${prop}: expected ${s.type}`);
      else if (s.enum && !s.enum.includes(value)) problems.push(`${key}.${prop}: must be one of ${s.enum.join(", ")}`);
      else if (typeof s.minimum === "number" && typeof value === "number" && value < s.minimum) {
        problems.push(`${key}.${prop}: must be >= ${s.minimum}`);
      }
    }
  }
  return problems;
}

class NotApplicable extends Error {}
const notApplicable = (reason?: string): never => {
  throw new NotApplicable(reason ?? "not applicable");
};

type Cls = { __pulumiType?: unknown; isInstance?: (o: unknown) => boolean };
/** The engine's `isTypeOf`: compare `__pulumiType`, else fall back to `isInstance`. */
function isTypeOf(type: string, cls: Cls): boolean {
  if (typeof cls.__pulumiType === "string" && cls.__pulumiType.length > 0) return type === cls.__pulumiType;
  return typeof cls.isInstance === "function" && cls.isInstance({ __pulumiType: type }) === true;
}

function optionsOf(r: PolicyResourceInput): PolicyResourceOptions {
  const opts: PolicyResourceOptions = {
    protect: r.protect,
    ignoreChanges: [],
    aliases: [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: [],
  };
  if (r.parent) opts.parent = r.parent;
  return opts;
}

function mustBeSync(result: unknown, policyName: string): void {
  if (result && typeof (result as Promise<void>).then === "function") {
    throw new Error(`policy ${policyName} is asynchronous: use evaluatePoliciesAsync`);
  }
}

function stackResources(resources: PolicyResourceInput[]): PolicyResource[] {
  const built = resources.map((r) => {
    const res: PolicyResource = {
      type: r.type,
      props: r.props,
      urn: r.urn,
      name: r.name,
      opts: optionsOf(r),
      dependencies: [],
      propertyDependencies: {},
      isType: (cls: any) => isTypeOf(r.type, cls),
      asType: ((cls: any) => (isTypeOf(r.type, cls) ? r.props : undefined)) as PolicyResource["asType"],
    };
    return res;
  });
  const byUrn = new Map(built.map((b) => [b.urn, b]));
  resources.forEach((r, i) => {
    const b = built[i]!;
    if (r.parent && byUrn.has(r.parent)) b.parent = byUrn.get(r.parent);
    b.dependencies = (r.dependencies ?? []).map((d) => byUrn.get(d)).filter((d): d is PolicyResource => !!d);
    for (const [k, urns] of Object.entries(r.propertyDependencies ?? {})) {
      b.propertyDependencies[k] = urns.map((d) => byUrn.get(d)).filter((d): d is PolicyResource => !!d);
    }
  });
  return built;
}

type Runner = (run: () => unknown, policyName: string) => Promise<void> | void;

function evaluate(resources: PolicyResourceInput[], opts: EvaluateOptions, runner: Runner) {
  const policies = opts.policies ?? allPolicies;
  const problems = validatePolicyConfig(opts.config, policies);
  if (problems.length > 0) throw new Error(`invalid policy config:\n  ${problems.join("\n  ")}`);
  const hints = configKeyHints(policies);
  const violations: Violation[] = [];
  let evaluated = 0;
  const pending: Array<Promise<void> | void> = [];

  const reporter =
    (name: string, level: Violation["enforcementLevel"], defaultUrn?: string): ReportViolation =>
    (message: string, urn?: string) => {
      const v: Violation = { policyName: name, enforcementLevel: level, message };
      const at = defaultUrn ?? urn; // resource policies always report against their resource
      violations.push({ ...v, ...(at ? { urn: at } : {}), ...(hints[name] ? { configKey: hints[name] } : {}) });
    };
  const guarded = (fn: () => unknown, name: string, onRan: () => void) =>
    runner(() => {
      try {
        const out = fn();
        if (out && typeof (out as Promise<void>).then === "function") {
          return (out as Promise<void>).then(onRan, (e) => {
            if (!(e instanceof NotApplicable)) throw e;
          });
        }
        onRan();
        return out;
      } catch (e) {
        if (!(e instanceof NotApplicable)) throw e;
        return undefined;
      }
    }, name);

  for (const p of policies) {
    const level = effectiveLevel(p, opts.config, opts.packEnforcementLevel ?? PACK_ENFORCEMENT_LEVEL);
    if (level === "disabled") continue;
    const getConfig = <T extends object>() => policyConfig(p, opts.config) as T;

    if ("validateStack" in p && typeof p.validateStack === "function") {
      const validateStack = p.validateStack;
      const pulumiType = (validateStack as { __pulumiType?: string }).__pulumiType;
      if (pulumiType && !resources.some((r) => r.type === pulumiType)) continue;
      const args: StackValidationArgs = {
        resources: stackResources(resources),
        getConfig,
        stackTags: new Map(),
        notApplicable,
      };
      // Stack policies cannot remediate: the engine reports them as mandatory.
      const report = reporter(p.name, level === "remediate" ? "mandatory" : level);
      pending.push(
        guarded(
          () => validateStack(args, report),
          p.name,
          () => evaluated++,
        ),
      );
      continue;
    }

    const validate = (p as { validateResource?: unknown }).validateResource;
    if (!validate) continue; // remediation-only policy: nothing to report offline
    const validations = (Array.isArray(validate) ? validate : [validate]) as Array<
      (a: ResourceValidationArgs, r: ReportViolation) => unknown
    >;
    const fastType = validations.length === 1 ? (validations[0] as { __pulumiType?: string }).__pulumiType : undefined;
    for (const r of resources) {
      if (fastType && r.type !== fastType) continue;
      const args: ResourceValidationArgs = {
        type: r.type,
        props: r.props,
        urn: r.urn,
        name: r.name,
        opts: optionsOf(r),
        stackTags: new Map(),
        isType: (cls: any) => isTypeOf(r.type, cls),
        asType: ((cls: any) => (isTypeOf(r.type, cls) ? r.props : undefined)) as ResourceValidationArgs["asType"],
        getConfig,
        notApplicable,
      };
      const report = reporter(p.name, level, r.urn);
      let ran = false;
      for (const v of validations) {
        pending.push(
          guarded(
            () => v(args, report),
            p.name,
            () => {
              if (!ran) evaluated++;
              ran = true;
            },
          ),
        );
      }
    }
  }
  return { pending, result: () => ({ evaluated, violations }) };
}

/**
 * Runs the policies over the resources. Synchronous: throws if a policy returns a promise (use
 * {@link evaluatePoliciesAsync} for those); throws on an invalid config file.
 */
export function evaluatePolicies(resources: PolicyResourceInput[], opts: EvaluateOptions): EvaluateResult {
  const { result } = evaluate(resources, opts, (run, name) => mustBeSync(run(), name));
  return result();
}

/** {@link evaluatePolicies} for packs that contain asynchronous policies. */
export async function evaluatePoliciesAsync(resources: PolicyResourceInput[], opts: EvaluateOptions): Promise<EvaluateResult> {
  const { pending, result } = evaluate(resources, opts, (run) => run() as Promise<void> | void);
  // `pending` mixes promises and plain results of synchronous policies; Promise.all takes both.
  // eslint-disable-next-line @typescript-eslint/await-thenable
  await Promise.all(pending);
  return result();
}
