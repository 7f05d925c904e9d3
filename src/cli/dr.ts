/**
 * `gantry dr <stack>`: the disaster-recovery table from the offline plan (no cloud, no Pulumi
 * CLI), like `gantry plan`. Measured drill figures need a live stack; offline they are unknown.
 */
import * as path from "node:path";
import { formatProblems, parseConfig } from "../../infra/config";
import { disasterRecovery, renderDr, type DrTable } from "../dr/table";
import { runPlan } from "../plan/run";
import { loadStackConfig, UsageError } from "../plan/stack-config";
import type { CommandSpec } from "./registry";

const ROOT = path.resolve(__dirname, "..", "..");

/** The DR table of a stack with `--set` overrides, or the config problems. */
export async function drTable(stack: string, sets: readonly string[]): Promise<DrTable | { problems: string }> {
  const sc = loadStackConfig(ROOT, stack, sets);
  const parsed = parseConfig(sc.raw, sc.secretPaths);
  if (!parsed.ok) return { problems: formatProblems(stack, parsed.problems) };
  const load = async (file: string) => require(file) as unknown;
  // Policies are not part of the table: skip them (a plan without policy evaluation).
  const outcome = await runPlan({ root: ROOT, stack, sets, load, policies: false });
  if (!outcome.ok) return { problems: formatProblems(stack, outcome.problems) };
  return disasterRecovery(outcome.plan, parsed.config, sc.runtimeConfig["aws:region"]);
}

export const DR_COMMANDS: CommandSpec[] = [
  {
    name: "dr",
    args: ["<stack>"],
    summary: "Disaster-recovery table: per component what is backed up, where, how often, retention, expected RPO/RTO",
    examples: ["gantry dr production", "gantry dr production --set dataTier=in-cluster --json"],
    options: [
      {
        flags: "--set <key=value>",
        description: "override a config key by dotted path (gantry: namespace implied); repeatable",
        repeatable: true,
      },
      { flags: "--json", description: "machine-readable output: {stack, environment, tier, rows, drill, restore}" },
    ],
    run: async (args, o) => {
      try {
        const t = await drTable(args[0]!, (o.set as string[] | undefined) ?? []);
        if ("problems" in t) {
          process.stderr.write(`${t.problems}\n`);
          return 2;
        }
        process.stdout.write(o.json ? `${JSON.stringify(t, null, 2)}\n` : renderDr(t));
        return 0;
      } catch (e) {
        process.stderr.write(e instanceof UsageError ? `gantry: ${e.message}\n` : `gantry: dr failed: ${(e as Error).message}\n`);
        return e instanceof UsageError ? 2 : 1;
      }
    },
  },
];
