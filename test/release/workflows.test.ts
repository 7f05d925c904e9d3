// The CI workflows, linted by the real actionlint (built by scripts/setup/tools-release.sh) with
// the real shellcheck on every `run:` script; and every `gantry` call in them must name a command
// and flags that exist, so a renamed flag breaks this test rather than a release.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import * as path from "node:path";
import yaml from "js-yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { COMMANDS } from "../../src/cli/registry";

const ROOT = path.resolve(__dirname, "..", "..");
const DIR = path.join(ROOT, ".github", "workflows");
const WORKFLOWS = readdirSync(DIR).filter((f) => f.endsWith(".yml"));
const BIN = path.join(process.env.GANTRY_TOOLS_BIN ?? path.join(homedir(), ".cache", "gantry", "bin"), "actionlint");

beforeAll(() => {
  execFileSync("bash", [path.join(ROOT, "scripts", "setup", "tools-release.sh")], { stdio: "inherit" });
});

const actionlint = (files: string[]) =>
  spawnSync(BIN, ["-no-color", "-shellcheck", "/usr/bin/shellcheck", ...files], { encoding: "utf8", cwd: ROOT });

describe("workflows", () => {
  it("has the PR, policy-preview and release workflows", () => {
    expect(WORKFLOWS.sort()).toEqual(["comment.yml", "policy-preview.yml", "preview.yml", "release.yml"]);
  });

  it("actionlint (with shellcheck) reports nothing", () => {
    const r = actionlint(WORKFLOWS.map((f) => path.join(DIR, f)));
    expect(r.stdout + r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it("actionlint catches the defect preview.yml had: two commands fused on one line", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "gantry-wf-"));
    const broken = readFileSync(path.join(DIR, "preview.yml"), "utf8").replace(
      /status=\$\?\n\s+echo "status=\$status" >> "\$GITHUB_OUTPUT"\n\s+echo "\$PR_NUMBER" > pr-number/,
      'echo "$PR_NUMBER" > pr-number          echo "status=$?" >> "$GITHUB_OUTPUT"',
    );
    writeFileSync(path.join(dir, "preview.yml"), broken);
    const r = actionlint([path.join(dir, "preview.yml")]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("SC2261");
  });

  it("records the report's exit status before anything else runs, and passes the PR number", () => {
    const wf = yaml.load(readFileSync(path.join(DIR, "preview.yml"), "utf8")) as any;
    const step = wf.jobs.plan.steps.find((s: any) => s.id === "report");
    const lines = (step.run as string).trim().split("\n");
    expect(lines.slice(1, 3)).toEqual(['npx gantry report "$STACK" > "report-$STACK.md"', "status=$?"]);
    expect(step.env.PR_NUMBER).toBe("${{ github.event.pull_request.number }}");
  });

  it("production is promoted behind its environment, after staging", () => {
    const wf = yaml.load(readFileSync(path.join(DIR, "release.yml"), "utf8")) as any;
    expect([wf.jobs.staging.environment, wf.jobs.production.environment, wf.jobs.production.needs]).toEqual([
      "staging",
      "production",
      "staging",
    ]);
  });

  it("calls only gantry commands and flags that exist", () => {
    const calls = WORKFLOWS.flatMap((f) =>
      [...readFileSync(path.join(DIR, f), "utf8").matchAll(/npx gantry ([^\n|>]+)/g)].map((m) => m[1]!.trim()),
    );
    expect(calls.map((c) => c.split(" ")[0])).toEqual(["report", "deploy", "switch", "promote", "promote", "history"]);
    for (const call of calls) {
      const [name, ...rest] = call.split(/\s+/);
      const spec = COMMANDS.find((c) => c.name === name);
      expect(spec, `command in "${call}"`).toBeDefined();
      const flags = new Set(spec!.options.map((o) => o.flags.split(" ")[0]));
      for (const flag of rest.filter((w) => w.startsWith("--"))) expect(flags.has(flag), `${flag} in "${call}"`).toBe(true);
    }
  });
});
