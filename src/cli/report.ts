/**
 * `gantry report`: the plan and its policy results as Markdown for a pull-request comment.
 * GitHub caps comments at 65,536 characters, so the report stays under 64 KB by truncating
 * the collapsed details first, never the summary or the mandatory violations.
 */
import type { Plan } from "../plan/run";
import type { PlanPolicyResult } from "../plan/policies";
import { shortUrn } from "./render";

export const REPORT_LIMIT = 64 * 1024;
const LEVELS = ["mandatory", "advisory", "remediate"] as const;

/** `dr`: the disaster-recovery section (src/dr/table.ts renderDrMarkdown), kept with the summary. */
export function renderReport(plan: Plan, sets: readonly string[] = [], dr = ""): string {
  const mandatory = plan.policies.filter((v) => v.enforcementLevel === "mandatory");
  const verdict = mandatory.length
    ? `:x: **${mandatory.length} mandatory violation(s)** — this change cannot be applied as is.`
    : ":white_check_mark: **No mandatory policy violations.**";
  const head = [
    `## Gantry plan: \`${plan.stack}\` (${plan.environment})`,
    sets.length ? `Overrides: ${sets.map((s) => `\`${s}\``).join(", ")}` : "",
    "",
    verdict,
    "",
    `${plan.resources.length} resources · ${plan.policiesEvaluated} policies evaluated · ` +
      LEVELS.map((l) => `${plan.policies.filter((v) => v.enforcementLevel === l).length} ${l}`).join(" · "),
    "",
  ];
  const violations = plan.policies.length ? ["### Policy violations", "", ...violationTable(plan.policies), ""] : [];
  const details = [
    "<details><summary>Resources by type</summary>",
    "",
    "| type | count | protected |",
    "|---|---:|---:|",
    ...byType(plan),
    "",
    "</details>",
    "",
    "<details><summary>Stack outputs</summary>",
    "",
    "```json",
    JSON.stringify(plan.outputs, null, 2),
    "```",
    "",
    "</details>",
  ];
  const footer = ["", "<sub>Offline plan under Pulumi's mock runtime; secrets are masked.</sub>", ""];
  return fit([...head, ...violations, ...(dr ? [dr] : [])].join("\n"), details.join("\n"), footer.join("\n"));
}

function violationTable(vs: readonly PlanPolicyResult[]): string[] {
  const order = (v: PlanPolicyResult) => LEVELS.indexOf(v.enforcementLevel);
  const rows = [...vs].sort((a, b) => order(a) - order(b) || a.policyName.localeCompare(b.policyName));
  return [
    "| level | policy | resource | message | config key to change |",
    "|---|---|---|---|---|",
    ...rows.map(
      (v) =>
        `| ${v.enforcementLevel} | \`${v.policyName}\` | \`${shortUrn(v.urn)}\` | ${cell(v.message)} | ${v.configKey ? `\`${v.configKey}\`` : ""} |`,
    ),
  ];
}

function byType(plan: Plan): string[] {
  const counts = new Map<string, { n: number; p: number }>();
  for (const r of plan.resources) {
    const c = counts.get(r.type) ?? { n: 0, p: 0 };
    c.n++;
    if (r.protect) c.p++;
    counts.set(r.type, c);
  }
  return [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([t, c]) => `| \`${t}\` | ${c.n} | ${c.p} |`);
}

function cell(s: string): string {
  return s.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/** Joins the parts, cutting the details (then the head's table rows) to stay under the limit. */
function fit(head: string, details: string, footer: string): string {
  const note = "\n\n_(details truncated to fit a pull-request comment)_\n";
  const size = (s: string) => Buffer.byteLength(s, "utf8");
  if (size(head + details + footer) <= REPORT_LIMIT) return `${head}\n${details}${footer}`;
  const room = REPORT_LIMIT - size(head + footer + note) - 1;
  if (room > 0) return `${head}\n${truncate(details, room)}${note}${footer}`;
  return `${truncate(head, REPORT_LIMIT - size(note + footer))}${note}${footer}`;
}

function truncate(s: string, bytes: number): string {
  const lines = s.split("\n");
  const out: string[] = [];
  let used = 0;
  for (const l of lines) {
    used += Buffer.byteLength(l, "utf8") + 1;
    if (used > bytes) break;
    out.push(l);
  }
  return out.join("\n");
}
