// Staging with the in-cluster data tier: a single CNPG instance must not carry a PDB.
import { beforeAll, describe, expect, it } from "vitest";
import type { Plan } from "../../src/plan/run";
import { expectValidKubernetes, mandatory, named, planStack } from "./harness";

let plan: Plan;
beforeAll(async () => {
  plan = await planStack("staging", ["dataTier=in-cluster"]);
}, 60_000);

describe("staging (in-cluster)", () => {
  it("runs one CNPG instance with its PDB off (it would block node drains)", () => {
    const spec = named(plan, "kubernetes:postgresql.cnpg.io/v1:Cluster", "db-cluster").inputs.spec as any;
    expect(spec.instances).toBe(1);
    expect(spec.enablePDB).toBe(false);
    expect(spec.postgresql.synchronous).toBeUndefined();
  });

  it("validates every Kubernetes object", async () => {
    expect(await expectValidKubernetes()).toBeGreaterThan(15);
  });

  it("has no mandatory violations", () => {
    expect(mandatory(plan)).toEqual([]);
  });
});
