// Retiring the old database, step 2 (`retireCurrent: delete`) on Pulumi.production.yaml,
// in-cluster: only the recovered Cluster remains, and backups, drill, egress and exec follow it.
import { beforeAll, describe, expect, it } from "vitest";
import type { Plan } from "../../src/plan/run";
import { expectValidKubernetes, mandatory, named, ofType, planStack } from "./harness";
import { restoreTarget } from "../helpers/restore-time";

const CLUSTER = "kubernetes:postgresql.cnpg.io/v1:Cluster";
const TARGET = restoreTarget();
let inCluster: Plan;
let k8sChecked = 0;
beforeAll(async () => {
  inCluster = await planStack("production", [
    "dataTier=in-cluster",
    `postgres.restore.targetTime=${TARGET}`,
    "postgres.serveFrom=restored",
    "postgres.retireCurrent=delete",
  ]);
  k8sChecked = await expectValidKubernetes();
}, 60_000);

describe("retireCurrent: delete (in-cluster)", () => {
  it("declares only the recovered Cluster, unchanged and protected", () => {
    const clusters = ofType(inCluster, CLUSTER);
    expect(clusters.map((c) => [c.name, c.protect])).toEqual([["db-restored-cluster", true]]);
    expect((clusters[0]!.inputs.spec as any).bootstrap.recovery.secret).toEqual({ name: "db-app-user" });
  });

  it("backs up, drills and admits the copy only", () => {
    const schedules = ofType(inCluster, "kubernetes:postgresql.cnpg.io/v1:ScheduledBackup");
    expect(new Set(schedules.map((s) => (s.inputs.spec as any).cluster.name))).toEqual(new Set(["db-restored"]));
    const drill = named(inCluster, "kubernetes:batch/v1:CronJob", "restore-drill");
    const env = (drill.inputs.spec as any).jobTemplate.spec.template.spec.containers[0].env as { name: string; value: string }[];
    expect(env.find((e) => e.name === "DRILL_SERVER_NAME")!.value).toBe("db-restored");
    const selectors = ofType(inCluster, "kubernetes:networking.k8s.io/v1:NetworkPolicy").flatMap(
      (n) => JSON.stringify(n.inputs).match(/"cnpg\.io\/cluster":"[^"]+"/g) ?? [],
    );
    expect(new Set(selectors)).toEqual(new Set(['"cnpg.io/cluster":"db-restored"']));
  });

  it("grants exec into the copy's pods only", () => {
    const role = named(inCluster, "kubernetes:rbac.authorization.k8s.io/v1:Role", "access-operator");
    const exec = ((role.inputs as any).rules as { resources: string[]; resourceNames?: string[] }[]).find((r) =>
      r.resources.includes("pods/exec"),
    )!;
    expect(exec.resourceNames!.filter((n) => n.startsWith("db"))).toEqual(
      Array.from({ length: 8 }, (_, i) => `db-restored-${i + 1}`),
    );
  });

  it("validates against the Kubernetes schema and the CNPG CRDs, and passes every mandatory policy", () => {
    expect(k8sChecked).toBeGreaterThan(20);
    expect(mandatory(inCluster)).toEqual([]);
  });
});
