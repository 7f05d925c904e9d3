/**
 * Reads `Pulumi.<stack>.yaml` the way the engine would hand it to the program, without the
 * Pulumi CLI: structured values become JSON strings, `secure:` values become masked
 * placeholders (they cannot be decrypted offline) and are listed as secret.
 */
import { readFileSync, existsSync } from "node:fs";
import * as path from "node:path";
// js-yaml, not the `yaml` package: the Pulumi SDK loads js-yaml anyway, so reading the stack file
// costs no extra module loads (~70 fewer files at start-up).
import { load as parseYaml } from "js-yaml";
import { SECRET_MASK } from "./capture";

export const PROJECT = "gantry";

/** A stack's config in the two forms Gantry needs. */
export interface StackConfig {
  readonly stack: string;
  /** `gantry:*` keys without the prefix, values decoded — input to parseConfig. */
  readonly raw: Record<string, unknown>;
  /** Dotted paths (without prefix) of secret values. */
  readonly secretPaths: Set<string>;
  /** Every config key as the engine passes it: `{"gantry:postgres": "{...json}"}`. */
  readonly runtimeConfig: Record<string, string>;
  /** Runtime keys holding a secret somewhere inside. */
  readonly secretKeys: string[];
}

/** Thrown for unusable input (missing stack file, malformed --set): exit code 2. */
export class UsageError extends Error {}

/** Loads `Pulumi.<stack>.yaml` from `root` and applies `--set key=value` overrides. */
export function loadStackConfig(root: string, stack: string, sets: readonly string[] = []): StackConfig {
  const file = path.join(root, `Pulumi.${stack}.yaml`);
  if (!/^[\w.-]+$/.test(stack) || !existsSync(file)) {
    throw new UsageError(`no stack config ${path.basename(file)} in ${root}; stacks here: ${listStacks(root).join(", ")}`);
  }
  const doc = (parseYaml(readFileSync(file, "utf8")) ?? {}) as { config?: Record<string, unknown> };
  const secretPaths = new Set<string>();
  const all: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc.config ?? {})) {
    all[key] = unwrapSecure(value, key, secretPaths);
  }
  for (const s of sets) applySet(all, s);

  const raw: Record<string, unknown> = {};
  const gantrySecrets = new Set<string>();
  for (const [key, value] of Object.entries(all)) {
    if (key.startsWith(`${PROJECT}:`)) raw[key.slice(PROJECT.length + 1)] = value;
  }
  for (const p of secretPaths) if (p.startsWith(`${PROJECT}:`)) gantrySecrets.add(p.slice(PROJECT.length + 1));

  const runtimeConfig = Object.fromEntries(
    Object.entries(all).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]),
  );
  const secretKeys = [...new Set([...secretPaths].map((p) => p.split(".")[0]!))];
  return { stack, raw, secretPaths: gantrySecrets, runtimeConfig, secretKeys };
}

/** Stack names that have a `Pulumi.<stack>.yaml` in `root`. */
export function listStacks(root: string): string[] {
  const { readdirSync } = require("node:fs") as typeof import("node:fs");
  return readdirSync(root)
    .map((f) => /^Pulumi\.([\w.-]+)\.yaml$/.exec(f)?.[1])
    .filter((s): s is string => !!s)
    .sort();
}

function unwrapSecure(v: unknown, at: string, secrets: Set<string>): unknown {
  if (v && typeof v === "object" && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    if (Object.keys(o).length === 1 && typeof o.secure === "string") {
      secrets.add(at);
      return SECRET_MASK;
    }
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, unwrapSecure(x, `${at}.${k}`, secrets)]));
  }
  if (Array.isArray(v)) return v.map((x, i) => unwrapSecure(x, `${at}.${i}`, secrets));
  return v;
}

/**
 * Applies one `key=value` override. The key is a dotted path with the `gantry:` namespace
 * implied (`postgres.replicas=2`) or explicit (`aws:region=eu-west-1`); the value is JSON when
 * it parses as JSON, else a string (`release.active=green`).
 */
export function applySet(all: Record<string, unknown>, assignment: string): void {
  const eq = assignment.indexOf("=");
  if (eq <= 0) throw new UsageError(`--set expects key=value, got "${assignment}" (e.g. --set postgres.replicas=2)`);
  const key = assignment.slice(0, eq);
  const text = assignment.slice(eq + 1);
  let value: unknown = text;
  try {
    value = JSON.parse(text);
  } catch {
    // a bare word such as `green` or an image reference: keep the string
  }
  const [head, ...rest] = key.split(".");
  const top = head!.includes(":") ? head! : `${PROJECT}:${head}`;
  if (rest.length === 0) {
    all[top] = value;
    return;
  }
  let node = (all[top] = isObject(all[top]) ? all[top] : {});
  for (const part of rest.slice(0, -1)) {
    node = node[part] = isObject(node[part]) ? node[part] : {};
  }
  node[rest[rest.length - 1]!] = value;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
