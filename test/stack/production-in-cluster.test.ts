// Production config with the in-cluster data tier (CloudNativePG + Redis StatefulSet).
import { beforeAll, describe, expect, it } from "vitest";
import type { Plan } from "../../src/plan/run";
import { expectValidKubernetes, named, ofType, planStack } from "./harness";

let plan: Plan;
beforeAll(async () => {
  plan = await planStack("production", ["dataTier=in-cluster"]);
}, 60_000);

describe("production (in-cluster)", () => {
  it("creates no AWS resources", () => {
    expect(plan.resources.filter((r) => r.type.startsWith("aws:"))).toEqual([]);
  });

  it("runs a protected CNPG cluster of primary + replica with synchronous replication and a PDB", () => {
    const cluster = named(plan, "kubernetes:postgresql.cnpg.io/v1:Cluster", "db-cluster");
    const spec = cluster.inputs.spec as any;
    expect(spec.instances).toBe(2);
    expect(spec.enablePDB).toBe(true);
    expect(spec.postgresql.synchronous).toMatchObject({ method: "any", number: 1 });
    expect(spec.monitoring.enablePodMonitor).toBe(true);
    expect(cluster.protect).toBe(true);
  });

  it("runs Redis as a protected StatefulSet with a replica, Sentinel failover and a PDB", () => {
    const sts = ofType(plan, "kubernetes:apps/v1:StatefulSet");
    const redis = sts.find((s) => s.name === "cache-server")!;
    expect((redis.inputs.spec as any).replicas).toBe(2);
    expect(redis.protect).toBe(true);
    expect(sts.some((s) => s.name.includes("sentinel"))).toBe(true);
    expect(ofType(plan, "kubernetes:policy/v1:PodDisruptionBudget").some((p) => p.name.startsWith("cache-"))).toBe(true);
  });

  it("validates every Kubernetes object, custom resources against the upstream CRDs", async () => {
    expect(await expectValidKubernetes()).toBeGreaterThan(20);
  });

  it("reports the missing CNPG backups as a mandatory violation (backups are not configured yet)", () => {
    const names = plan.policies.filter((v) => v.enforcementLevel === "mandatory").map((v) => v.policyName);
    expect(names).toContain("cnpg-backup");
  });
});
