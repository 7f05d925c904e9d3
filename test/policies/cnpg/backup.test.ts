import { describe, expect, it } from "vitest";
import { cnpgBackup as policy } from "../../../policies/rules/cnpg/backup";
import { levels, mutate, runResource } from "../harness";
import { CLUSTER, cluster } from "./fixtures";

const MSG = "No backups: add the barman-cloud.cloudnative-pg.io plugin to spec.plugins (or configure spec.backup).";

describe("cnpg-backup", () => {
  it("passes the Barman Cloud plugin, or an in-tree spec.backup", () => {
    expect(runResource(policy, CLUSTER, cluster())).toEqual([]);
    const inTree = mutate(cluster(), (c: any) => {
      delete c.spec.plugins;
      c.spec.backup = { barmanObjectStore: { destinationPath: "s3://backups/db" } };
    });
    expect(runResource(policy, CLUSTER, inTree)).toEqual([]);
  });
  it("reports no plugins and no backup section", () => {
    expect(
      runResource(
        policy,
        CLUSTER,
        mutate(cluster(), (c: any) => delete c.spec.plugins),
      ),
    ).toEqual([MSG]);
  });
  it("reports a disabled plugin and an unrelated plugin", () => {
    expect(
      runResource(
        policy,
        CLUSTER,
        mutate(cluster(), (c: any) => (c.spec.plugins[0].enabled = false)),
      ),
    ).toEqual([MSG]);
    expect(
      runResource(
        policy,
        CLUSTER,
        mutate(cluster(), (c: any) => (c.spec.plugins[0].name = "other.example.com")),
      ),
    ).toEqual([MSG]);
  });
  it("is mandatory in production, advisory in staging", () => {
    expect(levels(policy)).toEqual({ declared: "mandatory", production: "mandatory", staging: "advisory" });
  });
});
