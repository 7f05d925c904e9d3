/**
 * `gantry dr <stack>`: the disaster-recovery table from the offline plan (no cloud, no Pulumi
 * CLI), like `gantry plan`. Measured drill figures need a live stack; offline they are unknown.
 * With `--live` they are read from where the drill reports (src/live/drill-figures.ts).
 */
import * as path from "node:path";
import { formatProblems, parseConfig } from "../../infra/config";
import { disasterRecovery, renderDr, type DrTable } from "../dr/table";
import { type DrillTarget, drillTarget, readLiveDrill, withLiveDrill } from "../live/drill-figures";
import { runPlan } from "../plan/run";
import { loadStackConfig, UsageError } from "../plan/stack-config";
import type { CommandSpec } from "./registry";

const ROOT = path.resolve(__dirname, "..", "..");

/** The DR table of a stack with `--set` overrides and where its drill reports, or the config problems. */
export async function drTableAndTarget(
  stack: string,
  sets: readonly string[],
): Promise<{ table: DrTable; target: DrillTarget | null } | { problems: string }> {
  const sc = loadStackConfig(ROOT, stack, sets);
  const parsed = parseConfig(sc.raw, sc.secretPaths);
  if (!parsed.ok) return { problems: formatProblems(stack, parsed.problems) };
  const load = async (file: string) => require(file) as unknown;
  // Policies are not part of the table: skip them (a plan without policy evaluation).
  const outcome = await runPlan({ root: ROOT, stack, sets, load, policies: false });
  if (!outcome.ok) return { problems: formatProblems(stack, outcome.problems) };
  const region = sc.runtimeConfig["aws:region"];
  return { table: disasterRecovery(outcome.plan, parsed.config, region), target: drillTarget(outcome.plan, region) };
}

/** `--pushgateway` must be an http(s) URL; null when fine. */
function pushgatewayProblem(url: string | undefined, target: DrillTarget | null): string | null {
  if (url === undefined) return null;
  if (!/^https?:\/\/[^/\s]+/.test(url)) return `--pushgateway \`${url}\` must be an http(s) URL, e.g. http://127.0.0.1:9091`;
  if (target?.kind === "restore-testing")
    return "--pushgateway applies to in-cluster stacks; a managed stack's drill is read from AWS Backup (drop the flag)";
  return null;
}

/**
 * The table, with live figures when asked. Exit codes: 0 printed (a failed last drill is a
 * reading, shown as FAILED); 1 `--live` could not read the figures (table still printed, the
 * reason in it and in --json `drill.live.reason`); 2 bad input.
 */
async function run(stack: string, o: Record<string, unknown>): Promise<number> {
  const pushgateway = o.pushgateway as string | undefined;
  const live = o.live === true || pushgateway !== undefined;
  const r = await drTableAndTarget(stack, (o.set as string[] | undefined) ?? []);
  if ("problems" in r) {
    process.stderr.write(`${r.problems}\n`);
    return 2;
  }
  const problem = pushgatewayProblem(pushgateway, r.target);
  if (problem) {
    process.stderr.write(`gantry: ${problem}\n`);
    return 2;
  }
  let t = r.table;
  let code = 0;
  if (live && r.target) {
    const reading = await readLiveDrill(r.target, pushgateway !== undefined ? { pushgateway } : {});
    t = withLiveDrill(t, reading);
    if (reading.status === "unknown") {
      process.stderr.write(`gantry: live drill figures unknown: ${reading.reason}\n`);
      code = 1;
    }
  } else if (live) {
    process.stderr.write(`gantry: ${stack} has no restore drill (backups.drill.enabled): no live figures to read\n`);
  }
  process.stdout.write(o.json ? `${JSON.stringify(t, null, 2)}\n` : renderDr(t));
  return code;
}

export const DR_COMMANDS: CommandSpec[] = [
  {
    name: "dr",
    args: ["<stack>"],
    summary:
      "Disaster-recovery table: per component what is backed up, where, how often, retention, expected RPO/RTO; --live adds the last drill's measured figures",
    examples: [
      "gantry dr production",
      "gantry dr production --set dataTier=in-cluster --json",
      "gantry dr production --live",
      "gantry dr production --set dataTier=in-cluster --live --pushgateway http://127.0.0.1:9091",
    ],
    options: [
      {
        flags: "--set <key=value>",
        description: "override a config key by dotted path (gantry: namespace implied); repeatable",
        repeatable: true,
      },
      { flags: "--json", description: "machine-readable output: {stack, environment, tier, rows, drill, restore}" },
      {
        flags: "--live",
        description:
          "read the last restore drill's measured RTO/RPO and outcome from the running stack: the Pushgateway (in-cluster) or AWS Backup restore jobs (managed; AWS credentials from the default chain); exit 1 if they cannot be read",
      },
      {
        flags: "--pushgateway <url>",
        description:
          "in-cluster: read this Pushgateway instead of backups.drill.pushgatewayUrl (e.g. after kubectl -n monitoring port-forward svc/pushgateway 9091); implies --live",
      },
    ],
    run: async (args, o) => {
      try {
        return await run(args[0]!, o);
      } catch (e) {
        process.stderr.write(e instanceof UsageError ? `gantry: ${e.message}\n` : `gantry: dr failed: ${(e as Error).message}\n`);
        return e instanceof UsageError ? 2 : 1;
      }
    },
  },
];
