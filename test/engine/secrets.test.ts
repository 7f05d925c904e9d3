// No secret in plaintext in the state file. The local stack generates no credential (CNPG and an
// existing Secret provide them), so what must stay encrypted is (a) the data of every Kubernetes
// Secret the stack writes and (b) any secret config value.
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type EngineStack, freshLocalStack } from "./harness";

let s: EngineStack;
const canary = `canary-${randomBytes(12).toString("hex")}`;
beforeAll(async () => {
  s = await freshLocalStack();
  // A config namespace the program ignores: the engine must still keep it encrypted.
  await s.stack.setConfig("gantry-canary:token", { value: canary, secret: true });
  await s.up();
});
afterAll(() => (process.env.GANTRY_KEEP_ENGINE_DIRS ? undefined : s?.cleanup()));

function stateText(): string {
  const dir = path.join(s.stateDir, ".pulumi", "stacks", "gantry");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => readFileSync(path.join(dir, f), "utf8"))
    .join("\n");
}

it("keeps Kubernetes Secret data encrypted in state", () => {
  const state = JSON.parse(readFileSync(path.join(s.stateDir, ".pulumi", "stacks", "gantry", "local.json"), "utf8"));
  const secrets = state.checkpoint.latest.resources.filter((r: any) => r.type === "kubernetes:core/v1:Secret");
  expect(secrets.length).toBeGreaterThan(0);
  for (const r of secrets) {
    // The provider turns stringData into base64 `data`; the engine stores it as
    // {"4dabf18193072939515e22adb298388d": "1b47…", "ciphertext": "v1:…"} in inputs and outputs.
    expect(r.inputs.data).toHaveProperty("ciphertext");
    expect(r.outputs.data).toHaveProperty("ciphertext");
  }
  const text = stateText();
  expect(text).not.toMatch(/redis:\/\/cache\./);
  expect(text).not.toContain(Buffer.from("redis://cache.").toString("base64").slice(0, 16));
});

it("never writes a secret config value in plaintext to state, outputs or manifests", async () => {
  expect(stateText()).not.toContain(canary);
  expect(JSON.stringify(await s.stack.outputs())).not.toContain(canary);
  for (const f of s.manifests()) expect(s.readManifest(f)).not.toContain(canary);
  // The config file holds it encrypted, and it decrypts to the same value.
  expect(readFileSync(path.join(s.dir, "Pulumi.local.yaml"), "utf8")).not.toContain(canary);
  expect((await s.stack.getConfig("gantry-canary:token")).value).toBe(canary);
});

it("stores no generated credential at all (no @pulumi/random resource)", () => {
  expect(stateText()).not.toContain("random:index/randomPassword");
});
