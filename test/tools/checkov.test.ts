// The third-party scanner, for real: checkov (PyPI, installed by scripts/setup/tools-hardening.sh)
// over every Kubernetes object of the production and staging plans, both data tiers. Any failed
// check that is not a reasoned skip in policies/checkov-skips.yaml fails the test.
import { createRequire } from "node:module";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./cli";

interface Scan {
  passed: number;
  failed: number;
  skipped: number;
  failures: { id: string; resource: string; title: string }[];
}
interface ScanModule {
  scanStack(stack: string, sets?: string[]): Scan;
  scanObjects(objects: object[], skips?: object[]): Scan;
  loadSkips(stack?: string): { id: string; kind: string; name: string; reason: string; stacks?: string[] }[];
}
const scan = createRequire(import.meta.url)(path.join(ROOT, "scripts", "scan.js")) as ScanModule;

describe("checkov", () => {
  it.each([
    ["production", []],
    ["production", ["dataTier=in-cluster"]],
    ["staging", []],
    ["staging", ["dataTier=in-cluster"]],
  ])(
    "finds no failed check in %s %s",
    (stack, sets) => {
      const r = scan.scanStack(stack, sets);
      expect(r.failures).toEqual([]);
      expect(r.failed).toBe(0);
      // It really scanned: hundreds of checks over the workloads, network policies and services.
      expect(r.passed).toBeGreaterThan(500);
    },
    120_000,
  );

  it("catches what the hardening prevents: a root, token-mounting, tag-pinned Deployment fails", () => {
    const bad = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "bad", namespace: "x" },
      spec: {
        selector: { matchLabels: { app: "bad" } },
        template: {
          metadata: { labels: { app: "bad" } },
          spec: { containers: [{ name: "c", image: "ghcr.io/acme/app:1.0.0" }] },
        },
      },
    };
    const ids = new Set(scan.scanObjects([bad], []).failures.map((f) => f.id));
    for (const id of ["CKV_K8S_43", "CKV_K8S_38", "CKV_K8S_22", "CKV_K8S_28", "CKV_K8S_40"]) expect(ids, id).toContain(id);
  }, 120_000);

  it("every skip names a check, an object and a reason", () => {
    const skips = scan.loadSkips();
    expect(skips.length).toBeGreaterThan(0);
    for (const s of skips) {
      expect(s.id).toMatch(/^CKV_K8S_\d+$/);
      expect(s.kind).toMatch(/^[A-Z]\w+$/);
      expect(s.name.length).toBeGreaterThan(0);
      expect(s.reason.length, `${s.id} ${s.kind}/${s.name}`).toBeGreaterThan(30);
    }
  });

  it("applies stack-limited skips only to their stacks: production reads credentials from files, so no CKV_K8S_35 skip for the app", () => {
    const secretsAsEnv = (stack: string) =>
      scan.loadSkips(stack).filter((x) => x.id === "CKV_K8S_35" && x.kind !== "StatefulSet");
    expect(secretsAsEnv("production")).toEqual([]);
    expect(secretsAsEnv("staging").map((x) => `${x.kind}/${x.name}`)).toEqual([
      "Deployment/*-blue",
      "Deployment/*-green",
      "Job/*-migrate-*",
      "Job/*-contract-*",
      "CronJob/*",
    ]);
    for (const x of scan.loadSkips()) for (const st of x.stacks ?? []) expect(["production", "staging", "local"]).toContain(st);
  });
});
