import { describe, expect, it } from "vitest";
import { T } from "../../../policies/lib/types";
import { elasticacheFailover as policy } from "../../../policies/rules/elasticache/failover";
import { levels, mutate, runResource } from "../harness";
import { replicationGroup } from "../fixtures";

const run = (change: (g: any) => void) => runResource(policy, T.replicationGroup, mutate(replicationGroup, change));

describe("elasticache-failover", () => {
  it("passes a two-node Multi-AZ group with failover, and cluster mode with replicas", () => {
    expect(run(() => {})).toEqual([]);
    expect(
      run((g) => {
        delete g.numCacheClusters;
        g.replicasPerNodeGroup = 1;
      }),
    ).toEqual([]);
  });
  it("reports automatic failover off", () => {
    expect(run((g) => (g.automaticFailoverEnabled = false))).toEqual([
      "automaticFailoverEnabled is not true: enable it so a replica is promoted when the primary fails.",
    ]);
  });
  it("reports Multi-AZ off", () => {
    expect(run((g) => delete g.multiAzEnabled)).toEqual([
      "multiAzEnabled is not true: enable it so the replica runs in another availability zone.",
    ]);
  });
  it("reports a single node", () => {
    expect(run((g) => (g.numCacheClusters = 1))).toEqual([
      "The group has 1 node(s): failover needs at least one replica (numCacheClusters >= 2).",
    ]);
  });
  it("is mandatory in production, advisory in staging", () => {
    expect(levels(policy)).toEqual({ declared: "mandatory", production: "mandatory", staging: "advisory" });
  });
});
