/**
 * The `gantry` command line. Offline commands (plan, diff, report) run the real program under
 * Pulumi's mock runtime; exit codes: 0 fine, 1 mandatory policy violation or program error,
 * 2 bad input (invalid stack config, unknown stack, bad flags).
 */
import { parseArgs } from "node:util";
import * as path from "node:path";
import { formatProblems } from "../../infra/config";
import { type Plan, runPlan } from "../plan/run";
import { diffPlans } from "../plan/diff";
import { UsageError } from "../plan/stack-config";
import { renderDiff, renderPlan } from "./render";
import { renderReport } from "./report";

const ROOT = path.resolve(__dirname, "..", "..");

const HELP = `gantry — staging and production on Pulumi, released blue-green

Usage:
  gantry plan <stack> [--set key=value …] [--json]
      Run the program for Pulumi.<stack>.yaml offline (no cloud, no Pulumi CLI) and print every
      resource it registers, the policy results and the stack outputs.
  gantry diff <stack> --set key=value … [--json]
      What the overrides change compared with the stack's config: resources created, deleted
      and changed, with property paths. Use it to see a switch before it happens.
  gantry report <stack> [--set key=value …]
      The plan and policy results as Markdown for a pull-request comment.

Options:
  --set key=value   override a config key by dotted path (gantry: namespace implied); repeatable
  --json            machine-readable output (plan: {stack, resources, policies, outputs})
  -h, --help        this help

Examples:
  gantry plan staging
  gantry plan production --json
  gantry plan production --set postgres.replicas=2 --set dataTier=in-cluster
  gantry diff production --set release.active=green
  gantry diff staging --set release.green.image=ghcr.io/acme/app:1.5.0 --json
  gantry report production > plan.md

Exit codes: 0 ok · 1 mandatory policy violation or program error · 2 invalid config or usage`;

interface Parsed {
  command: string;
  stack: string;
  sets: string[];
  json: boolean;
}

function parse(argv: string[]): Parsed | "help" {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      set: { type: "string", multiple: true, default: [] },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help || positionals.length === 0 || positionals[0] === "help") return "help";
  const [command, stack, ...extra] = positionals;
  if (!["plan", "diff", "report"].includes(command!)) throw new UsageError(`unknown command "${command}"; try \`gantry --help\``);
  if (!stack) throw new UsageError(`\`gantry ${command}\` needs a stack name, e.g. \`gantry ${command} staging\``);
  if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"; overrides go after --set`);
  return { command: command!, stack, sets: values.set ?? [], json: values.json ?? false };
}

/** Runs the CLI and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  let args: Parsed | "help";
  try {
    args = parse(argv);
  } catch (e) {
    process.stderr.write(`gantry: ${(e as Error).message}\n`);
    return 2;
  }
  if (args === "help") {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  try {
    if (args.command === "diff") return await diff(args);
    // scripts/register-ts.js compiles the TypeScript program on require.
    const load = async (file: string) => require(file) as unknown;
    const outcome = await runPlan({ root: ROOT, stack: args.stack, sets: args.sets, load });
    if (!outcome.ok) {
      process.stderr.write(`${formatProblems(args.stack, outcome.problems)}\n`);
      return 2;
    }
    const plan = outcome.plan;
    if (args.command === "report") process.stdout.write(renderReport(plan, args.sets));
    else process.stdout.write(args.json ? `${JSON.stringify(plan, null, 2)}\n` : renderPlan(plan));
    return plan.policies.some((v) => v.enforcementLevel === "mandatory") ? 1 : 0;
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`gantry: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`gantry: ${args.command} failed: ${(e as Error).message}\n`);
    return 1;
  }
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
