/** Human-readable output of `gantry plan` and `gantry diff`. Pure string building. */
import type { PlanDiff } from "../plan/diff";
import type { Plan, PlanResource } from "../plan/run";

/** A tree of resources grouped under their parent components, then policies and outputs. */
export function renderPlan(plan: Plan): string {
  const children = new Map<string, PlanResource[]>();
  for (const r of plan.resources) {
    const list = children.get(r.parent) ?? [];
    list.push(r);
    children.set(r.parent, list);
  }
  const known = new Set(plan.resources.map((r) => r.urn));
  const lines = [`Stack ${plan.stack} (${plan.environment}): ${plan.resources.length} resources`];
  const walk = (r: PlanResource, indent: string) => {
    const flags = [r.protect ? "protected" : ""].filter(Boolean);
    lines.push(`${indent}${r.type}  ${r.name}${flags.length ? `  [${flags.join(", ")}]` : ""}`);
    for (const c of children.get(r.urn) ?? []) walk(c, `${indent}  `);
  };
  // Roots: no parent, or a parent that is not in the plan (the stack itself).
  for (const r of plan.resources) if (!r.parent || !known.has(r.parent)) walk(r, "  ");

  lines.push("", `Policies: ${plan.policiesEvaluated} evaluated, ${plan.policies.length} violation(s)`);
  for (const v of plan.policies) {
    lines.push(`  ${v.enforcementLevel.toUpperCase()}  ${v.policyName}  ${shortUrn(v.urn)}`, `      ${v.message}`);
  }
  lines.push("", "Outputs:");
  for (const [k, v] of Object.entries(plan.outputs)) lines.push(`  ${k}: ${JSON.stringify(v)}`);
  return `${lines.join("\n")}\n`;
}

export function renderDiff(d: PlanDiff, sets: readonly string[]): string {
  const s = d.summary;
  const lines = [
    `Stack ${d.stack} with ${sets.map((x) => `--set ${x}`).join(" ")}:`,
    `  ${s.create} to create, ${s.update} to update, ${s.replace} to replace, ${s.delete} to delete, ${s.same} unchanged`,
  ];
  for (const c of d.created) lines.push(`  + ${c.type}  ${c.name}`);
  for (const c of d.deleted) lines.push(`  - ${c.type}  ${c.name}`);
  for (const c of d.changed) {
    lines.push(`  ${c.replace ? "+-" : "~ "} ${c.type}  ${c.name}`);
    for (const p of c.paths) lines.push(`        ${p}`);
  }
  return `${lines.join("\n")}\n`;
}

/** The `type::name` tail of a URN, enough to find the resource in the plan. */
export function shortUrn(urn: string | undefined): string {
  if (!urn) return "(stack)";
  const parts = urn.split("::");
  return `${parts[2]?.split("$").pop() ?? ""}::${parts[3] ?? ""}`;
}
