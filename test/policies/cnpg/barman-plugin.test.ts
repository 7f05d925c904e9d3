import { describe, expect, it } from "vitest";
import { cnpgBarmanPlugin as policy } from "../../../policies/rules/cnpg/barman-plugin";
import { levels, mutate, runResource } from "../harness";
import { CLUSTER, cluster } from "./fixtures";

describe("cnpg-barman-plugin", () => {
  it("passes a plugin-based cluster", () => {
    expect(runResource(policy, CLUSTER, cluster())).toEqual([]);
  });
  it("reports the deprecated in-tree object store", () => {
    const c = mutate(cluster(), (x: any) => (x.spec.backup = { barmanObjectStore: { destinationPath: "s3://backups/db" } }));
    expect(runResource(policy, CLUSTER, c)).toEqual([
      "spec.backup.barmanObjectStore is deprecated since CNPG 1.26: move it to an ObjectStore with the barman-cloud.cloudnative-pg.io plugin.",
    ]);
  });
  it("is advisory everywhere", () => {
    expect(levels(policy)).toEqual({ declared: "advisory", production: "advisory", staging: "advisory" });
  });
});
