// `pulumi preview --policy-pack policies` on the real engine: the shipped local config passes, a
// violating override fails with the mandatory violation named.
import * as path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type EngineStack, freshLocalStack, ROOT } from "./harness";

const packs = {
  policyPacks: [path.join(ROOT, "policies")],
  policyPackConfigs: [path.join(ROOT, "policies", "config", "staging.json")],
};

let s: EngineStack;
beforeAll(async () => {
  s = await freshLocalStack();
});
afterAll(() => s?.cleanup());

it("passes the shipped local config", async () => {
  const { summary } = await s.preview(packs);
  expect(summary.create).toBeGreaterThan(30);
});

it("fails on an image from a registry the policy does not allow", async () => {
  await s.set("release.blue.image", "quay.io/someone/app:1.0.0");
  const err = await s.preview(packs).then(
    () => undefined,
    (e: Error) => e,
  );
  expect(err, "preview should fail on a mandatory violation").toBeDefined();
  const text = String(err);
  expect(text).toMatch(/mandatory.*k8s-image-registry|k8s-image-registry.*mandatory/s);
  expect(text).toContain('image "quay.io/someone/app:1.0.0" is not from an allowed registry');
});
