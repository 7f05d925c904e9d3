// Point-in-time restore as a stack update, in-cluster tier: a CNPG Cluster recovered from the
// Barman Cloud ObjectStore next to the current one, schema-checked against the upstream CRDs.
import { beforeAll, describe, expect, it } from "vitest";
import { credentialSecret } from "../helpers/credentials";
import type { Plan } from "../../src/plan/run";
import { unwrapSecrets } from "../../src/plan/capture";
import { cnpgCronProblems } from "../../components/backups/schedules";
import { capturedResources, expectValidKubernetes, named, ofType, planStack } from "./harness";
import { restoreTarget } from "../helpers/restore-time";

const CLUSTER = "kubernetes:postgresql.cnpg.io/v1:Cluster";
const TARGET = restoreTarget();
let plan: Plan;
beforeAll(async () => {
  plan = await planStack("production", [
    "dataTier=in-cluster",
    `postgres.restore.targetTime=${TARGET}`,
    "postgres.serveFrom=restored",
  ]);
}, 60_000);

describe("production restore (in-cluster)", () => {
  it("names db-restored as the serving database: its own Barman server name, where the checklist reads backups", () => {
    expect(plan.outputs.database).toMatchObject({ servingFrom: "restored", serving: "db-restored" });
  });

  it("bootstraps db-restored with recovery from the ObjectStore up to the target time", () => {
    const spec = named(plan, CLUSTER, "db-restored-cluster").inputs.spec as any;
    expect(spec.bootstrap).toEqual({
      recovery: {
        source: "origin",
        database: "app",
        owner: "app",
        secret: { name: "db-app-user" },
        recoveryTarget: { targetTime: TARGET },
      },
    });
    expect(spec.externalClusters).toEqual([
      {
        name: "origin",
        plugin: { name: "barman-cloud.cloudnative-pg.io", parameters: { barmanObjectName: "db-backups", serverName: "db" } },
      },
    ]);
  });

  it("archives the copy's WAL under its own server name in the same store, and backs it up daily", () => {
    const spec = named(plan, CLUSTER, "db-restored-cluster").inputs.spec as any;
    expect(spec.plugins).toEqual([
      {
        name: "barman-cloud.cloudnative-pg.io",
        isWALArchiver: true,
        parameters: { barmanObjectName: "db-backups", serverName: "db-restored" },
      },
    ]);
    expect(spec.postgresql.parameters.archive_timeout).toBe("300s");
    const daily = named(plan, "kubernetes:postgresql.cnpg.io/v1:ScheduledBackup", "db-restored-daily").inputs.spec as any;
    expect(daily).toMatchObject({ cluster: { name: "db-restored" }, method: "plugin", immediate: true });
    expect(cnpgCronProblems(daily.schedule)).toEqual([]);
  });

  it("sizes the copy like the current cluster and protects both; the current one keeps initdb", () => {
    const current = named(plan, CLUSTER, "db-cluster");
    const copy = named(plan, CLUSTER, "db-restored-cluster");
    const shape = (s: any) => ({ instances: s.instances, storage: s.storage, resources: s.resources, imageName: s.imageName });
    expect(shape(copy.inputs.spec)).toEqual(shape(current.inputs.spec));
    expect((current.inputs.spec as any).bootstrap.initdb).toMatchObject({ database: "app", owner: "app" });
    expect([current.protect, copy.protect]).toEqual([true, true]);
    // The access roles come back with the data and keep the current cluster's password Secrets.
    const secrets = (s: any) => s.managed.roles.map((r: any) => `${r.name}:${r.passwordSecret.name}`);
    expect(secrets(copy.inputs.spec)).toEqual(secrets(current.inputs.spec));
    expect(ofType(plan, CLUSTER)).toHaveLength(2);
  });

  it("admits the app to the copy's pods only, like the current cluster's NetworkPolicy", () => {
    const np = named(plan, "kubernetes:networking.k8s.io/v1:NetworkPolicy", "db-restored-netpol").inputs.spec as any;
    expect(np.podSelector).toEqual({ matchLabels: { "cnpg.io/cluster": "db-restored" } });
    expect(np.ingress[0].from[0].podSelector.matchLabels).toEqual({ "gantry.dev/db-client": "true" });
  });

  it("moves DATABASE_URL to db-restored-url, whose secret URL names the copy's -rw Service", () => {
    const names = ofType(plan, "kubernetes:apps/v1:Deployment")
      .filter((d) => /^(app|worker)-deploy-/.test(d.name))
      .map((d) => credentialSecret((d.inputs.spec as any).template.spec, "DATABASE_URL"));
    expect(names).toEqual(["db-restored-url", "db-restored-url", "db-restored-url", "db-restored-url"]);
    expect(named(plan, "kubernetes:core/v1:Secret", "db-restored-url").inputs.stringData).toBe("[secret]");
    const raw = capturedResources().find((r) => r.name === "db-restored-url")!;
    expect((unwrapSecrets(raw.inputs) as any).stringData.DATABASE_URL).toContain(
      "@db-restored-rw.gantry-production.svc:5432/app",
    );
  });

  it("validates every Kubernetes object against its schema, the recovered Cluster included", async () => {
    expect(await expectValidKubernetes()).toBeGreaterThan(20);
  });

  it("adds no mandatory violation", () => {
    // backup-restore-drill waits for B1's drill CronJob (see the helper).
    expect(plan.policies.filter((v) => v.enforcementLevel === "mandatory")).toEqual([]);
  });
});
