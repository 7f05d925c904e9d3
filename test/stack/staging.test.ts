// The shipped staging config: single-instance data tier, nothing protected, same shape as production.
import { beforeAll, describe, expect, it } from "vitest";
import type { Plan } from "../../src/plan/run";
import { expectValidKubernetes, mandatory, named, ofType, planStack } from "./harness";

let plan: Plan;
beforeAll(async () => {
  plan = await planStack("staging");
}, 60_000);

describe("staging (managed)", () => {
  it("runs a single encrypted RDS instance without replica, Multi-AZ or protection", () => {
    const dbs = ofType(plan, "aws:rds/instance:Instance");
    expect(dbs.map((d) => d.name)).toEqual(["db-primary"]);
    expect(dbs[0]!.inputs).toMatchObject({
      multiAz: false,
      storageEncrypted: true,
      deletionProtection: false,
      skipFinalSnapshot: false,
    });
    expect(dbs[0]!.protect).toBe(false);
  });

  it("runs a single-node Redis without failover, still encrypted", () => {
    const group = named(plan, "aws:elasticache/replicationGroup:ReplicationGroup", "cache-group");
    expect(group.inputs).toMatchObject({
      numCacheClusters: 1,
      automaticFailoverEnabled: false,
      transitEncryptionEnabled: true,
      atRestEncryptionEnabled: true,
    });
  });

  it("protects nothing (staging may be destroyed and rebuilt)", () => {
    expect(plan.resources.filter((r) => r.protect)).toEqual([]);
  });

  it("validates every Kubernetes object", async () => {
    expect(await expectValidKubernetes()).toBeGreaterThan(15);
  });

  it("has no mandatory violations; production-only rules are advisory here", () => {
    expect(mandatory(plan)).toEqual([]);
    expect(plan.policies.map((v) => v.policyName)).toContain("rds-deletion-protection");
  });
});
