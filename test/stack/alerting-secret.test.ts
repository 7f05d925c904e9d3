// A receiver credential as a Pulumi secret (`secure:` in the stack file), end to end through the
// real stack loader: accepted as secret at its exact path, written only into the alerting-receivers
// Secret (masked in the plan), referenced by the AlertmanagerConfig, never in plaintext anywhere.
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runPlan, type Plan } from "../../src/plan/run";
import { SECRET_MASK } from "../../src/plan/capture";
import { named, ROOT } from "./harness";

const CIPHERTEXT = "v1:c2VjcmV0LXJvdXRpbmcta2V5";
const dir = mkdtempSync(path.join(tmpdir(), "gantry-alerting-secret-"));
let plan: Plan;

beforeAll(async () => {
  for (const entry of ["Pulumi.yaml", "package.json", "node_modules", "infra", "components", "policies", "src"]) {
    symlinkSync(path.join(ROOT, entry), path.join(dir, entry));
  }
  // The shipped production stack, with the PagerDuty routing key as an encrypted config value.
  const shipped = readFileSync(path.join(ROOT, "Pulumi.production.yaml"), "utf8");
  const withSecret = shipped.replace("existingSecret: { name: alerting-pagerduty, key: routing-key }", `secure: ${CIPHERTEXT}`);
  expect(withSecret).not.toBe(shipped);
  writeFileSync(path.join(dir, "Pulumi.production.yaml"), withSecret);
  const outcome = await runPlan({ root: dir, stack: "production", sets: [] });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
  plan = outcome.plan;
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a receiver credential as a Pulumi secret", () => {
  it("lands in the alerting-receivers Secret, masked, and the AlertmanagerConfig references that key", () => {
    const secret = named(plan, "kubernetes:core/v1:Secret", "alerting-receivers");
    expect(secret.inputs.stringData).toBe(SECRET_MASK);
    const spec = named(plan, "kubernetes:monitoring.coreos.com/v1alpha1:AlertmanagerConfig", "alerting-routing").inputs
      .spec as any;
    const pd = spec.receivers.find((r: any) => r.name === "oncall").pagerdutyConfigs[0];
    expect(pd.routingKey).toEqual({ name: "alerting-receivers", key: "oncall.pagerduty.routingKey" });
  });

  it("never shows the value in the plan", () => {
    expect(JSON.stringify(plan)).not.toContain(CIPHERTEXT);
  });
});
