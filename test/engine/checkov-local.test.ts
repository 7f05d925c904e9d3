// checkov over a real render: the engine's `pulumi up` of the local stack writes every manifest
// (as `npm run up:local` does to out/local/), and the scanner must find no failed check in them.
import { createRequire } from "node:module";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EngineStack, freshLocalStack, ROOT } from "./harness";

interface Scan {
  passed: number;
  failed: number;
  skipped: number;
  objects: number;
  failures: { id: string; resource: string; title: string }[];
}
const scan = createRequire(import.meta.url)(path.join(ROOT, "scripts", "scan.js")) as {
  scanDirectory(dir: string, stack?: string): Scan;
  manifestObjects(dir: string): { kind: string; spec?: any }[];
};

let s: EngineStack;
beforeAll(async () => {
  s = await freshLocalStack();
  await s.up();
});
afterAll(() => s?.cleanup());

describe("checkov on the rendered local stack", () => {
  it("finds no failed check in the real render", () => {
    const r = scan.scanDirectory(s.outDir, "local");
    expect(r.failures).toEqual([]);
    expect(r.failed).toBe(0);
    // It really scanned the render: every workload, Service and NetworkPolicy the engine wrote.
    expect(r.objects).toBeGreaterThan(20);
    expect(r.passed).toBeGreaterThan(400);
  });

  it("renders only digest-pinned images", () => {
    const images = scan.manifestObjects(s.outDir).flatMap((o) => {
      const pod = o.kind === "CronJob" ? o.spec?.jobTemplate?.spec?.template?.spec : o.spec?.template?.spec;
      return [...(pod?.containers ?? []), ...(pod?.initContainers ?? [])].map((c: { image: string }) => c.image);
    });
    expect(images.length).toBeGreaterThan(4);
    for (const image of images) expect(image).toMatch(/@sha256:[a-f0-9]{64}$/);
  });

  it("renders the namespace's default-deny egress policy", () => {
    const deny = scan
      .manifestObjects(s.outDir)
      .filter((o) => o.kind === "NetworkPolicy" && (o as any).metadata.name === "default-deny-egress");
    expect(deny.map((o) => o.spec)).toEqual([{ podSelector: {}, policyTypes: ["Egress"] }]);
  });
});
