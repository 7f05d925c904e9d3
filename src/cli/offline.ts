/**
 * The offline commands (plan, diff, report): they run the real program under Pulumi's mock
 * runtime; no cloud, no Pulumi CLI.
 */
import * as path from "node:path";
import { formatProblems, parseConfig } from "../../infra/config";
import { disasterRecovery, renderDrMarkdown } from "../dr/table";
import { type Plan, runPlan } from "../plan/run";
import { diffPlans } from "../plan/diff";
import { loadStackConfig, UsageError } from "../plan/stack-config";
import { renderDiff, renderPlan } from "./render";
import { renderReport } from "./report";
import type { CommandSpec } from "./registry";

const ROOT = path.resolve(__dirname, "..", "..");

interface Parsed {
  command: string;
  stack: string;
  sets: string[];
  json: boolean;
}

const SET = {
  flags: "--set <key=value>",
  description: "override a config key by dotted path (gantry: namespace implied); repeatable",
  repeatable: true,
};
const JSON_FLAG = { flags: "--json", description: "machine-readable output" };

const parsed = (command: string, args: string[], o: Record<string, unknown>): Parsed => ({
  command,
  stack: args[0]!,
  sets: (o.set as string[] | undefined) ?? [],
  json: Boolean(o.json),
});

export const OFFLINE_COMMANDS: CommandSpec[] = [
  {
    name: "plan",
    args: ["<stack>"],
    summary: "Run the program for Pulumi.<stack>.yaml offline and print every resource, the policy results and the outputs",
    examples: [
      "gantry plan staging",
      "gantry plan production --json",
      "gantry plan production --set postgres.replicas=2 --set dataTier=in-cluster",
    ],
    options: [SET, { ...JSON_FLAG, description: "machine-readable output: {stack, resources, policies, outputs}" }],
    run: (args, o) => planOrReport(parsed("plan", args, o)),
  },
  {
    name: "diff",
    args: ["<stack>"],
    summary: "What --set overrides change compared with the stack's config (see a switch before it happens)",
    examples: [
      "gantry diff production --set release.active=green",
      "gantry diff staging --set release.green.image=ghcr.io/acme/app:1.5.0 --json",
    ],
    options: [SET, JSON_FLAG],
    run: (args, o) => guarded("diff", () => diff(parsed("diff", args, o))),
  },
  {
    name: "report",
    args: ["<stack>"],
    summary: "The plan and policy results as Markdown for a pull-request comment",
    examples: ["gantry report production > plan.md"],
    options: [SET],
    run: (args, o) => planOrReport(parsed("report", args, o)),
  },
];

async function guarded(command: string, fn: () => Promise<number>): Promise<number> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`gantry: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`gantry: ${command} failed: ${(e as Error).message}\n`);
    return 1;
  }
}

function planOrReport(args: Parsed): Promise<number> {
  return guarded(args.command, async () => {
    // scripts/register-ts.js compiles the TypeScript program on require.
    const load = async (file: string) => require(file) as unknown;
    const outcome = await runPlan({ root: ROOT, stack: args.stack, sets: args.sets, load });
    if (!outcome.ok) {
      process.stderr.write(`${formatProblems(args.stack, outcome.problems)}\n`);
      return 2;
    }
    const plan = outcome.plan;
    if (args.command === "report") process.stdout.write(renderReport(plan, args.sets, drSection(args, plan)));
    else process.stdout.write(args.json ? `${JSON.stringify(plan, null, 2)}\n` : renderPlan(plan));
    return plan.policies.some((v) => v.enforcementLevel === "mandatory") ? 1 : 0;
  });
}

/** The DR table of `gantry report` (config parsed again: the plan carries outputs, not config). */
function drSection(args: Parsed, plan: Plan): string {
  const sc = loadStackConfig(ROOT, args.stack, args.sets);
  const parsed = parseConfig(sc.raw, sc.secretPaths);
  return parsed.ok ? renderDrMarkdown(disasterRecovery(plan, parsed.config, sc.runtimeConfig["aws:region"])) : "";
}

/** Two plans in two processes (the Pulumi runtime is process-global), run side by side. */
async function diff(args: Parsed): Promise<number> {
  if (args.sets.length === 0) throw new UsageError("`gantry diff` needs at least one --set override to compare against");
  // execa is ESM-only: load it with a dynamic import from this CommonJS module.
  const { execa } = await import("execa");
  const planOf = async (sets: string[]): Promise<Plan> => {
    const flags = sets.flatMap((s) => ["--set", s]);
    const r = await execa(process.execPath, [path.join(ROOT, "bin", "gantry.js"), "plan", args.stack, ...flags, "--json"], {
      reject: false,
    });
    if (r.exitCode === 2) throw new UsageError(r.stderr.trim());
    if (r.exitCode !== 0 && !r.stdout.trim().startsWith("{")) throw new Error(r.stderr.trim() || `plan exited ${r.exitCode}`);
    return JSON.parse(r.stdout) as Plan;
  };
  const [before, after] = await Promise.all([planOf([]), planOf(args.sets)]);
  const d = diffPlans(before, after);
  process.stdout.write(args.json ? `${JSON.stringify(d, null, 2)}\n` : renderDiff(d, args.sets));
  return 0;
}
