/**
 * Stack config: pure parsing of every `gantry:*` key into typed values, with every problem
 * reported at once by key path. Nothing here touches the Pulumi runtime (see ./runtime.ts).
 */
import type { z } from "zod";
import { type GantryConfig, configSchema, SECRET_KEYS } from "./schema";
import { checkRules, type Problem } from "./rules";
import { releaseProblems } from "./release";
import { hardeningProblems } from "./hardening";
import { networkProblems } from "./network";
import { restoreProblems } from "./restore";
import { cloudwatchProblems, snsProblems } from "./cloudwatch";
import { jobsProblems } from "./jobs";
import { accessProblems } from "./access";
import { alertingProblems, receiverSecretProblems } from "./alerting-receivers";

export type { GantryConfig } from "./schema";
export type { Problem } from "./rules";

/** The outcome of {@link parseConfig}: typed config, or every problem found. */
export type ParseResult = { ok: true; config: GantryConfig } | { ok: false; problems: Problem[] };

/**
 * Parses raw stack config.
 * @param raw keys without the `gantry:` prefix, values already JSON-decoded.
 * @param secretPaths dotted paths whose values are Pulumi secrets (a top-level key covers all
 *   values below it).
 */
export function parseConfig(raw: Record<string, unknown>, secretPaths: ReadonlySet<string> = new Set()): ParseResult {
  const problems: Problem[] = [...plaintextSecrets(raw, secretPaths), ...receiverSecretProblems(raw, secretPaths)];
  const parsed = configSchema.safeParse(raw, { reportInput: true });
  if (parsed.success) {
    problems.push(...rules(parsed.data, secretPaths));
    return problems.length ? { ok: false, problems } : { ok: true, config: parsed.data };
  }
  problems.push(...parsed.error.issues.flatMap(toProblems));
  // Report rule violations too, not one round of errors per run: drop the ill-typed values
  // (defaults fill them in) and check the rules on the rest, skipping keys already reported.
  const retry = configSchema.safeParse(withoutPaths(raw, parsed.error.issues.flatMap(issuePaths)));
  if (retry.success) {
    const reported = new Set(problems.map((p) => p.path));
    problems.push(...rules(retry.data, secretPaths).filter((p) => !reported.has(p.path)));
  }
  return { ok: false, problems };
}

function issuePaths(i: z.core.$ZodIssue): PropertyKey[][] {
  return i.code === "unrecognized_keys" ? i.keys.map((k) => [...i.path, k]) : [i.path];
}

function rules(c: GantryConfig, secretPaths: ReadonlySet<string>): Problem[] {
  return [
    ...checkRules(c),
    ...releaseProblems(c),
    ...hardeningProblems(c),
    ...accessProblems(c),
    ...restoreProblems(c),
    ...alertingProblems(c),
    ...cloudwatchProblems(c),
    ...snsProblems(c, secretPaths),
    ...jobsProblems(c),
    ...networkProblems(c),
  ];
}

/** A deep copy of `raw` without the values at `paths` (unknown keys and bad values). */
function withoutPaths(raw: Record<string, unknown>, paths: PropertyKey[][]): Record<string, unknown> {
  const copy = structuredClone(raw);
  for (const p of paths) {
    let node: unknown = copy;
    for (const k of p.slice(0, -1)) node = (node as Record<PropertyKey, unknown> | undefined)?.[k as string];
    if (node && typeof node === "object" && p.length) delete (node as Record<string, unknown>)[String(p[p.length - 1])];
  }
  return copy;
}

/** Formats problems for people: one line per key, prefixed with the config namespace. */
export function formatProblems(stack: string, problems: readonly Problem[]): string {
  const lines = problems.map((p) => `  - gantry:${p.path}: ${p.message}`);
  return [`Invalid stack config for "${stack}" (${problems.length} problem${problems.length === 1 ? "" : "s"}):`, ...lines].join(
    "\n",
  );
}

/** Thrown by the program when config is invalid, before any resource is registered. */
export class ConfigError extends Error {
  constructor(
    readonly stackName: string,
    readonly problems: readonly Problem[],
  ) {
    super(formatProblems(stackName, problems));
    this.name = "ConfigError";
  }
}

function plaintextSecrets(raw: Record<string, unknown>, secretPaths: ReadonlySet<string>): Problem[] {
  const problems: Problem[] = [];
  for (const key of SECRET_KEYS) {
    const value = raw[key];
    if (value === undefined || secretPaths.has(key)) continue;
    const leaves = typeof value === "object" && value !== null ? Object.keys(value).map((k) => `${key}.${k}`) : [key];
    for (const leaf of leaves) {
      if (!secretPaths.has(leaf)) {
        problems.push({
          path: leaf,
          message: `is plaintext; store it encrypted with \`pulumi config set --secret --path '${leaf}' <value>\``,
        });
      }
    }
  }
  return problems;
}

function toProblems(issue: z.core.$ZodIssue): Problem[] {
  const path = issue.path.map(String).join(".");
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((k) => ({
      path: path ? `${path}.${k}` : k,
      message: "is not a known key; check the spelling against the config reference in README.md",
    }));
  }
  if ((issue.code === "invalid_type" || issue.code === "invalid_value") && issue.input === undefined) {
    const expected = issue.code === "invalid_type" ? issue.expected : issue.values.map((v) => JSON.stringify(v)).join(" | ");
    return [{ path, message: `is required (${expected})` }];
  }
  if (issue.code === "invalid_key") {
    return [{ path, message: `key ${issue.issues.map((i) => i.message).join("; ")}` }];
  }
  if (issue.code === "invalid_type") {
    return [{ path, message: `must be a ${issue.expected}, got ${describe(issue.input)}` }];
  }
  if (issue.code === "too_small" || issue.code === "too_big") {
    const bound = issue.code === "too_small" ? `>= ${String(issue.minimum)}` : `<= ${String(issue.maximum)}`;
    const what = issue.origin === "array" ? "have length" : issue.origin === "string" ? "have length" : "be";
    return [{ path, message: `must ${what} ${bound}, got ${describe(issue.input)}` }];
  }
  if (issue.code === "invalid_value") {
    return [
      { path, message: `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}, got ${describe(issue.input)}` },
    ];
  }
  return [{ path, message: issue.message }];
}

function describe(v: unknown): string {
  if (v === undefined) return "nothing";
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === "object" && v !== null) return "an object";
  return JSON.stringify(v);
}
