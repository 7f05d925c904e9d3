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

  it("archives WAL through the Barman Cloud plugin every 5 minutes at most, so no CNPG backup policy fires", () => {
    const cluster = named(plan, "kubernetes:postgresql.cnpg.io/v1:Cluster", "db-cluster");
    const spec = cluster.inputs.spec as Record<string, any>;
    expect(spec.plugins).toEqual([
      { name: "barman-cloud.cloudnative-pg.io", isWALArchiver: true, parameters: { barmanObjectName: "db-backups" } },
    ]);
    expect(spec.postgresql.parameters.archive_timeout).toBe("300s");
    const names = plan.policies.map((v) => v.policyName);
    expect(names.filter((n) => n.startsWith("cnpg-") && n !== "cnpg-instances")).toEqual([]);
    // backup-restore-drill waits for B1's drill CronJob (see the helper).
    expect(plan.policies.filter((v) => v.enforcementLevel === "mandatory")).toEqual([]);
  });

  it("stores backups in the ObjectStore for a year and schedules daily, weekly and monthly base backups", () => {
    const store = named(plan, "kubernetes:barmancloud.cnpg.io/v1:ObjectStore", "db-backups");
    expect(store.protect).toBe(true);
    expect(store.inputs.spec).toMatchObject({
      retentionPolicy: "365d",
      configuration: {
        destinationPath: "s3://acme-gantry-production-backups/gantry-production",
        s3Credentials: { inheritFromIAMRole: true },
      },
    });
    const schedules = ofType(plan, "kubernetes:postgresql.cnpg.io/v1:ScheduledBackup").map(
      (r) => r.inputs.spec as Record<string, any>,
    );
    expect(schedules.map((s) => [s.schedule, s.method, s.pluginConfiguration.name, s.cluster.name])).toEqual([
      ["0 0 1 * * *", "plugin", "barman-cloud.cloudnative-pg.io", "db"],
      ["0 0 2 * * 0", "plugin", "barman-cloud.cloudnative-pg.io", "db"],
      ["0 0 3 1 * *", "plugin", "barman-cloud.cloudnative-pg.io", "db"],
    ]);
    expect(plan.outputs.backups).toMatchObject({ tier: "in-cluster", rpoSeconds: 300, maxAgeHours: 26 });
    // The Barman Cloud server name the checklist reads backups under: the cluster's own name.
    expect(plan.outputs.database).toMatchObject({ servingFrom: "current", serving: "db" });
  });
});
