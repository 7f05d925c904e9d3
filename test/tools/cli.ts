/** Runs the real `gantry` command as a user would, in a child process. */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import type { Plan } from "../../src/plan/run";

export const ROOT = path.resolve(__dirname, "..", "..");

export function gantry(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(ROOT, "bin", "gantry.js"), ...args], {
    encoding: "utf8",
    maxBuffer: 64 << 20,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** `gantry plan <stack> --json` with overrides; throws unless it printed a plan. */
export function planJson(stack: string, sets: string[] = []): Plan {
  const r = gantry("plan", stack, ...sets.flatMap((s) => ["--set", s]), "--json");
  if (!r.stdout.trim().startsWith("{")) throw new Error(`plan failed (${r.code}): ${r.stderr}`);
  return JSON.parse(r.stdout) as Plan;
}
