// Every rule group of every shipped stack (both tiers) through the real promtool: `check rules`,
// then `test rules` with one firing and one silent case per alert.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { execFileSync } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { dump } from "js-yaml";
import { alertsOf, prometheusRuleSpec, promtoolTests, ruleGroups } from "../../components/alerting/rules";
import { stackParams, VARIANTS } from "../helpers/alerting-stacks";

const dir = mkdtempSync(path.join(tmpdir(), "gantry-promtool-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function promtool(...args: string[]): string {
  try {
    return execFileSync("promtool", args, { cwd: dir, encoding: "utf8", stdio: "pipe" });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    throw new Error(`promtool ${args.join(" ")} failed:\n${err.stdout}\n${err.stderr}`);
  }
}

describe.each(VARIANTS)("promtool: %s %s", (stack, tier) => {
  const p = stackParams(stack, tier);
  const groups = ruleGroups(p);
  const rules = `${stack}-${tier}.rules.yml`;
  const tests = `${stack}-${tier}.test.yml`;
  writeFileSync(path.join(dir, rules), dump(prometheusRuleSpec(groups, p), { lineWidth: -1 }));
  const testFile = promtoolTests(groups, p, rules);
  writeFileSync(path.join(dir, tests), dump(testFile, { lineWidth: -1 }));

  it("check rules accepts every group", () => {
    const n = groups.reduce((s, g) => s + g.alerts.length + (g.recordings?.length ?? 0), 0);
    expect(promtool("check", "rules", rules)).toContain(`SUCCESS: ${n} rules found`);
  });

  it("every alert fires on its firing case and stays silent on its silent case", () => {
    expect(testFile.tests).toHaveLength(2 * alertsOf(groups).length);
    expect(promtool("test", "rules", tests)).toContain("SUCCESS");
  });
});
