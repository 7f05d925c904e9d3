// The job alerts through the real promtool for stacks other than the shipped ones: no configured
// job (the generic failure and overdue rules alone) and two jobs, each job's clauses fired in turn.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { execFileSync } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { dump } from "js-yaml";
import { jobs } from "../../components/alerting/groups/jobs";
import { prometheusRuleSpec, promtoolTests } from "../../components/alerting/rules";
import type { JobAlertParams } from "../../components/alerting/types";
import { lateAfterSeconds } from "../../components/jobs";
import { stackParams } from "../helpers/alerting-stacks";

const dir = mkdtempSync(path.join(tmpdir(), "gantry-jobs-promtool-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const promtool = (...args: string[]) => execFileSync("promtool", args, { cwd: dir, encoding: "utf8", stdio: "pipe" });

const hourly: JobAlertParams = {
  name: "cache-warm",
  lateAfterSeconds: lateAfterSeconds("0 * * * *", 120),
  maxDurationSeconds: 60,
};
const monthly: JobAlertParams = {
  name: "partitions",
  lateAfterSeconds: lateAfterSeconds("0 3 25 * *", 900),
  maxDurationSeconds: 30,
};

describe.each([
  ["no job", []],
  ["hourly first", [hourly, monthly]],
  ["monthly first", [monthly, hourly]],
] as const)("job alerts with %s", (label, list) => {
  const p = { ...stackParams("staging", "managed"), jobs: list };
  const groups = [jobs(p)];
  const file = label.replace(/\W+/g, "-");
  writeFileSync(path.join(dir, `${file}.rules.yml`), dump(prometheusRuleSpec(groups, p), { lineWidth: -1 }));
  const tests = promtoolTests(groups, p, `${file}.rules.yml`);
  writeFileSync(path.join(dir, `${file}.test.yml`), dump(tests, { lineWidth: -1 }));

  it("passes check rules and a firing and a silent case per alert", () => {
    expect(promtool("check", "rules", `${file}.rules.yml`)).toContain(`SUCCESS: ${groups[0]!.alerts.length} rules found`);
    expect(tests.tests).toHaveLength(list.length ? 8 : 4);
    expect(promtool("test", "rules", `${file}.test.yml`)).toContain("SUCCESS");
  });
});
