// The local stack renders manifests with the real engine; under mocks it must already hold no
// generated secret at all (render mode writes Secrets to disk in plaintext).
import { beforeAll, describe, expect, it } from "vitest";
import type { Plan } from "../../src/plan/run";
import { unwrapSecrets } from "../../src/plan/capture";
import * as path from "node:path";
import { capturedResources, expectValidKubernetes, ofType, planStack, ROOT } from "./harness";

let plan: Plan;
beforeAll(async () => {
  plan = await planStack("local");
}, 60_000);

describe("local", () => {
  it("renders to out/local through the Kubernetes provider", () => {
    const [provider] = ofType(plan, "pulumi:providers:kubernetes");
    expect(provider!.inputs.renderYamlToDirectory).toBe(path.join(ROOT, "out", "local"));
  });

  it("uses no @pulumi/random and writes no credential into any Secret", () => {
    expect(plan.resources.filter((r) => r.type.startsWith("random:"))).toEqual([]);
    const secrets = capturedResources().filter((r) => r.type === "kubernetes:core/v1:Secret");
    // Only the Redis URL Secret, and it carries no password (the app reads REDIS_PASSWORD from redis-auth).
    expect(secrets.map((s) => s.name)).toEqual(["cache-url"]);
    const url = (unwrapSecrets(secrets[0]!.inputs) as any).stringData.REDIS_URL as string;
    expect(url).toMatch(/^redis:\/\/[\w.-]+:6379/);
    expect(url).not.toContain("@");
  });

  it("lets CNPG generate the app credentials and reads Redis auth from an existing Secret", () => {
    const app = ofType(plan, "kubernetes:apps/v1:Deployment").find((d) => d.name === "app-deploy-blue")!;
    const env = (app.inputs.spec as any).template.spec.containers[0].env as Array<{ name: string; valueFrom?: any }>;
    const ref = (n: string) => env.find((e) => e.name === n)?.valueFrom?.secretKeyRef;
    expect(ref("DATABASE_URL")).toEqual({ name: "db-app", key: "uri" });
    expect(ref("REDIS_PASSWORD")).toEqual({ name: "redis-auth", key: "password" });
  });

  it("validates every Kubernetes object", async () => {
    expect(await expectValidKubernetes()).toBeGreaterThan(15);
  });
});
