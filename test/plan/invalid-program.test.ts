// The program itself (not only the CLI) refuses invalid config before registering anything —
// what the engine sees on `pulumi up` with a bad Pulumi.<stack>.yaml.
import { expect, it } from "vitest";
import * as path from "node:path";
import { startCapture } from "../../src/plan/capture";
import { loadStackConfig } from "../../src/plan/stack-config";

it("throws a RunError listing every problem and registers nothing", async () => {
  const root = path.resolve(__dirname, "..", "..");
  const sc = loadStackConfig(root, "production", ["postgres.replicas=0", "redis.failover=false", "app.port=80"]);
  const cap = await startCapture({ stack: "production", config: sc.runtimeConfig, secretKeys: sc.secretKeys });
  const err = await import(path.join(root, "infra", "index.ts")).then(
    () => undefined,
    (e: Error) => e,
  );
  expect(err?.constructor.name).toBe("RunError");
  expect(err?.message).toContain("gantry:postgres.replicas: must be >= 1 in production");
  expect(err?.message).toContain("gantry:redis.failover");
  expect(err?.message).toContain("gantry:app.port: must be >= 1024");
  await cap.settle();
  expect(cap.resources()).toEqual([]);
});
