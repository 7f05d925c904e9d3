// What a point-in-time restore changes, measured on real offline plans of the shipped production
// config in both tiers: the restore only adds the copy; serveFrom only moves DATABASE_URL.
import { beforeAll, describe, expect, it } from "vitest";
import { diffPlans, type PlanDiff } from "../../src/plan/diff";
import type { Plan } from "../../src/plan/run";
import { gantry, planJson } from "./cli";
import { restoreTarget } from "../helpers/restore-time";

const TARGET = restoreTarget();
const RESTORE = `postgres.restore.targetTime=${TARGET}`;
const SERVE = "postgres.serveFrom=restored";
const plans: Record<string, Plan> = {};
beforeAll(() => {
  for (const tier of ["managed", "in-cluster"]) {
    const t = tier === "managed" ? [] : ["dataTier=in-cluster"];
    plans[`${tier}`] = planJson("production", t);
    plans[`${tier}+restore`] = planJson("production", [...t, RESTORE]);
    plans[`${tier}+serve`] = planJson("production", [...t, RESTORE, SERVE]);
  }
}, 120_000);

const brief = (xs: Array<{ type: string; name: string }>) => xs.map((x) => `${x.type.split(":").pop()} ${x.name}`).sort();
/** The app, worker and migration objects that read DATABASE_URL. */
const READERS = [
  "Deployment app-deploy-blue",
  "Deployment app-deploy-green",
  "Deployment worker-deploy-blue",
  "Deployment worker-deploy-green",
];
const migrationJobs = (d: PlanDiff) =>
  d.changed.filter((c) => c.type === "kubernetes:batch/v1:Job" && c.name.startsWith("migrations-"));

describe("restore as a stack update (managed)", () => {
  it("adds exactly the restored instance, its replica and its URL Secret; changes and deletes nothing", () => {
    const d = diffPlans(plans.managed!, plans["managed+restore"]!);
    expect(brief(d.created)).toEqual(["Instance db-restored", "Instance db-restored-replica-0", "Secret db-restored-url"]);
    expect(d.summary).toMatchObject({ create: 3, delete: 0, update: 0, replace: 0 });
  });

  it("serveFrom=restored moves DATABASE_URL (app, worker, migration Jobs) and the AWS Backup selection to the copy", () => {
    const d = diffPlans(plans["managed+restore"]!, plans["managed+serve"]!);
    expect(d.created).toEqual([]);
    expect(d.deleted).toEqual([]);
    const deployments = d.changed.filter((c) => c.type === "kubernetes:apps/v1:Deployment");
    expect(brief(deployments)).toEqual(READERS);
    // Production reads credentials from files: only the credentials volume's DATABASE_URL Secret changes.
    for (const c of deployments)
      expect(c.paths).toEqual([
        expect.stringMatching(/^spec\.template\.spec\.volumes\.\d+\.projected\.sources\.\d+\.secret\.name$/),
      ]);
    // A Job's spec is immutable: the migration Jobs are replaced, i.e. the migrations run once against the copy.
    expect(migrationJobs(d).map((j) => j.replace)).toEqual([true, true]);
    // Backups follow the data: AWS Backup selects and restore-tests the copy from now on.
    const backups = d.changed.filter((c) => c.type.startsWith("aws:backup/"));
    expect(backups.map((c) => [c.name, c.paths, c.replace])).toEqual([
      ["backups-selection", ["resources.0"], true],
      ["backups-restore-test-rds", ["protectedResourceArns.0"], false],
    ]);
    // So do the analyst's IAM database login and the Job that creates its database user.
    const access = d.changed.filter((c) => c.name.startsWith("access-"));
    expect(access.map((c) => [c.type.split(":").pop(), c.replace])).toEqual([
      ["Policy", false],
      ["Job", true],
    ]);
    // And the maintenance job that reads the database (gantry:jobs partitions, database: true).
    expect(cronJobs(d)).toEqual(["jobs-partitions"]);
    expect(d.changed).toHaveLength(11);
  });

  it("`gantry diff` prints the same restore from the command line, the primary untouched", () => {
    const r = gantry("diff", "production", "--set", RESTORE, "--json");
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout) as PlanDiff;
    expect(d.summary).toMatchObject({ create: 3, delete: 0, update: 0, replace: 0 });
    expect(d.changed.map((c) => c.name)).not.toContain("db-primary");
  });
});

describe("restore as a stack update (in-cluster)", () => {
  it("adds exactly the recovered Cluster, its NetworkPolicy, its daily ScheduledBackup and its URL Secret", () => {
    const d = diffPlans(plans["in-cluster"]!, plans["in-cluster+restore"]!);
    expect(brief(d.created)).toEqual([
      "Cluster db-restored-cluster",
      "NetworkPolicy db-restored-netpol",
      "ScheduledBackup db-restored-daily",
      "Secret db-restored-url",
    ]);
    expect(d.summary).toMatchObject({ create: 4, delete: 0, update: 0, replace: 0 });
  });

  it("serveFrom=restored moves DATABASE_URL and nothing else; the current Cluster stays protected", () => {
    const d = diffPlans(plans["in-cluster+restore"]!, plans["in-cluster+serve"]!);
    expect([d.created, d.deleted]).toEqual([[], []]);
    expect(brief(d.changed.filter((c) => c.type === "kubernetes:apps/v1:Deployment"))).toEqual(READERS);
    expect(cronJobs(d)).toEqual(["jobs-partitions"]);
    expect(d.changed).toHaveLength(7);
    const current = plans["in-cluster+serve"]!.resources.find((r) => r.name === "db-cluster")!;
    expect(current.protect).toBe(true);
  });
});

/** Names of the CronJobs a diff changes. */
function cronJobs(d: PlanDiff): string[] {
  return d.changed.filter((c) => c.type === "kubernetes:batch/v1:CronJob").map((c) => c.name);
}
