/**
 * The small vocabulary every rule file uses: the policy type with Gantry's extra hint, typed
 * config with schema defaults, and resource-type filters for tokens that have no SDK class
 * (Gateway API and CloudNativePG custom resources).
 */
import type {
  PolicyConfigSchema,
  PolicyResource,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";

/** What a Gantry rule adds to a CrossGuard policy (the engine ignores unknown fields). */
export interface GantryExtras {
  /**
   * The Gantry stack config key (or keys) a user changes to fix a violation, shown in the PR
   * report, e.g. `postgres.multiAz`.
   */
  readonly configKey?: string;
}

export type GantryResourcePolicy = ResourceValidationPolicy & GantryExtras;
export type GantryStackPolicy = StackValidationPolicy & GantryExtras;
export type GantryPolicy = GantryResourcePolicy | GantryStackPolicy;

/** Default values declared in a config schema (`default` on each property). */
export function schemaDefaults(schema: PolicyConfigSchema | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, prop] of Object.entries(schema?.properties ?? {})) {
    const def = (prop as { default?: unknown }).default;
    if (def !== undefined) out[key] = def;
  }
  return out;
}

/**
 * A policy's config: schema defaults overlaid with what the engine (or the offline evaluator)
 * passes. Applying defaults here keeps rules correct whether or not the caller already did.
 */
export function configOf<T extends object>(args: { getConfig<C extends object>(): C }, schema: PolicyConfigSchema): T {
  return { ...schemaDefaults(schema), ...args.getConfig<Record<string, unknown>>() } as T;
}

type Props = Record<string, any>;

/**
 * A resource validation for one or more type tokens (used where there is no SDK class, or for
 * several workload kinds at once). A single token is attached as `__pulumiType` so the engine can
 * skip other types without calling us, like `validateResourceOfType` does.
 */
export function validateTypes<P extends object = Props>(
  types: readonly string[],
  validate: (props: P, args: ResourceValidationArgs, report: ReportViolation) => void,
) {
  const fn = (args: ResourceValidationArgs, report: ReportViolation) => {
    if (!types.includes(args.type)) {
      return args.notApplicable(`Policy only applies to resources of type ${types.map((t) => `'${t}'`).join(", ")}`);
    }
    return validate(args.props as P, args, report);
  };
  if (types.length === 1) (fn as { __pulumiType?: string }).__pulumiType = types[0];
  return fn;
}

/** Stack resources whose type is one of `types`. */
export function ofTypes(args: StackValidationArgs, types: readonly string[]): PolicyResource[] {
  return args.resources.filter((r) => types.includes(r.type));
}

/**
 * Whether `from` refers to `target` through input `prop`: by property dependency when the engine
 * recorded one, else by value (name, id or ARN), else by a plain dependency on it.
 */
export function refersTo(from: PolicyResource, prop: string, target: PolicyResource, targetValues: unknown[]): boolean {
  const byProp = from.propertyDependencies?.[prop];
  if (byProp && byProp.length > 0) return byProp.some((d) => d.urn === target.urn);
  const value = from.props[prop];
  if (value !== undefined && targetValues.some((v) => v !== undefined && v === value)) return true;
  return from.dependencies.some((d) => d.urn === target.urn);
}

/** A short human label for a resource in stack-policy messages. */
export function label(r: PolicyResource): string {
  const kind = r.type.split(":").pop() ?? r.type;
  return `${kind} "${r.name}"`;
}
