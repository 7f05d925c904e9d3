// What a point-in-time restore changes, measured on real offline plans of the shipped production
// config in both tiers: the restore only adds the copy; serveFrom moves DATABASE_URL and what
// backs up and watches the data; retiring the old database is updates only, then deletes only.
import { beforeAll, describe, expect, it } from "vitest";
import { diffPlans, type PlanDiff } from "../../src/plan/diff";
import type { Plan } from "../../src/plan/run";
import { gantry, planJson } from "./cli";
import { restoreTarget } from "../helpers/restore-time";

const TARGET = restoreTarget();
const RESTORE = `postgres.restore.targetTime=${TARGET}`;
const SERVE = "postgres.serveFrom=restored";
const UNPROTECT = "postgres.retireCurrent=unprotect";
const DELETE = "postgres.retireCurrent=delete";
const plans: Record<string, Plan> = {};
beforeAll(() => {
  for (const tier of ["managed", "in-cluster"]) {
    const t = tier === "managed" ? [] : ["dataTier=in-cluster"];
    plans[`${tier}`] = planJson("production", t);
    plans[`${tier}+restore`] = planJson("production", [...t, RESTORE]);
    plans[`${tier}+serve`] = planJson("production", [...t, RESTORE, SERVE]);
    plans[`${tier}+unprotect`] = planJson("production", [...t, RESTORE, SERVE, UNPROTECT]);
    plans[`${tier}+delete`] = planJson("production", [...t, RESTORE, SERVE, DELETE]);
  }
}, 240_000);

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
  it("adds exactly the restored instance, its replica, their log groups and its URL Secret; changes and deletes nothing", () => {
    const d = diffPlans(plans.managed!, plans["managed+restore"]!);
    expect(brief(d.created)).toEqual([
      "Instance db-restored",
      "Instance db-restored-replica-0",
      "LogGroup db-restored-primary-postgresql-logs",
      "LogGroup db-restored-primary-upgrade-logs",
      "LogGroup db-restored-replica-0-postgresql-logs",
      "LogGroup db-restored-replica-0-upgrade-logs",
      "Secret db-restored-url",
    ]);
    expect(d.summary).toMatchObject({ create: 7, delete: 0, update: 0, replace: 0 });
  });

  it("serveFrom=restored moves DATABASE_URL (app, worker, partitions job), AWS Backup, IAM login and the alarms to the copy", () => {
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
    // The migration Jobs have run and ignore changes to their spec (components/migration): the
    // engine leaves them alone, and so does the plan diff, which honours ignoreChanges like it.
    expect(migrationJobs(d)).toEqual([]);
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
    // CloudWatch alarms and the dashboard watch the serving instances: named by role, so they
    // are updated to the copy's identifiers, never renamed.
    const alarms = d.changed.filter((c) => c.type === "aws:cloudwatch/metricAlarm:MetricAlarm");
    expect(alarms).toHaveLength(9);
    for (const a of alarms) expect([a.paths, a.replace]).toEqual([["dimensions.DBInstanceIdentifier"], false]);
    expect(d.changed.filter((c) => c.type === "kubernetes:core/v1:ConfigMap").map((c) => c.name)).toEqual(["gantry-configmap"]);
    expect(d.changed).toHaveLength(19);
  });

  it("`gantry diff` prints the same restore from the command line, the primary untouched", () => {
    const r = gantry("diff", "production", "--set", RESTORE, "--json");
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout) as PlanDiff;
    expect(d.summary).toMatchObject({ create: 7, delete: 0, update: 0, replace: 0 });
    expect(d.changed.map((c) => c.name)).not.toContain("db-primary");
  });
});

describe("restore as a stack update (in-cluster)", () => {
  it("adds the recovered Cluster, its NetworkPolicy, daily ScheduledBackup, URL Secret and egress; grants exec into it", () => {
    const d = diffPlans(plans["in-cluster"]!, plans["in-cluster+restore"]!);
    expect(brief(d.created)).toEqual([
      "Cluster db-restored-cluster",
      "NetworkPolicy db-restored-netpol",
      // Under the default-deny egress the copy must reach the object store and the API server to
      // recover, and the app must reach it once it serves.
      "NetworkPolicy egress-egress-postgres-restored-apiserver",
      "NetworkPolicy egress-egress-postgres-restored-clients",
      "NetworkPolicy egress-egress-postgres-restored-objectstore",
      "NetworkPolicy egress-egress-postgres-restored-peers",
      "ScheduledBackup db-restored-daily",
      "Secret db-restored-url",
    ]);
    // The operator may exec into the copy's pods to verify it (the Role lists pods by name).
    expect(d.changed.map((c) => [c.name, c.replace])).toEqual([["access-operator", false]]);
    expect(d.summary).toMatchObject({ create: 8, delete: 0, update: 1, replace: 0 });
  });

  it("serveFrom=restored moves DATABASE_URL, the GFS backups and the drill; the current Cluster stays protected", () => {
    const d = diffPlans(plans["in-cluster+restore"]!, plans["in-cluster+serve"]!);
    expect([d.created, d.deleted]).toEqual([[], []]);
    expect(brief(d.changed.filter((c) => c.type === "kubernetes:apps/v1:Deployment"))).toEqual(READERS);
    expect(cronJobs(d)).toEqual(["restore-drill", "jobs-partitions"]);
    const schedules = d.changed.filter((c) => c.type === "kubernetes:postgresql.cnpg.io/v1:ScheduledBackup");
    expect(schedules.map((c) => [c.name, c.paths])).toEqual(
      ["db-daily", "db-weekly", "db-monthly"].map((n) => [n, ["spec.cluster.name"]]),
    );
    expect(d.changed).toHaveLength(9);
    const current = plans["in-cluster+serve"]!.resources.find((r) => r.name === "db-cluster")!;
    expect(current.protect).toBe(true);
  });
});

describe("retiring the old database after the cut-over (managed)", () => {
  it("unprotect: updates only (protect, deletion protection, the retiring tag) on the old instances", () => {
    const d = diffPlans(plans["managed+serve"]!, plans["managed+unprotect"]!);
    expect(d.summary).toMatchObject({ create: 0, delete: 0, update: 2, replace: 0 });
    expect(d.changed.map((c) => [c.name, c.paths])).toEqual([
      ["db-primary", ["deletionProtection", "tags.gantry:retiring", "(options).protect"]],
      ["db-replica-0", ["deletionProtection", "tags.gantry:retiring", "(options).protect"]],
    ]);
    // Production already keeps the final snapshot and the PITR history: nothing to change there.
    const primary = plans["managed+unprotect"]!.resources.find((r) => r.name === "db-primary")!;
    expect(primary.inputs).toMatchObject({
      skipFinalSnapshot: false,
      finalSnapshotIdentifier: "db-final-snapshot",
      deleteAutomatedBackups: false,
      deletionProtection: false,
    });
    expect(plans["managed+unprotect"]!.policies.filter((p) => p.enforcementLevel === "mandatory")).toEqual([]);
  });

  it("delete: deletes exactly the old instances, their log groups (kept in CloudWatch) and URL Secret", () => {
    const d = diffPlans(plans["managed+unprotect"]!, plans["managed+delete"]!);
    expect(brief(d.deleted)).toEqual([
      "Instance db-primary",
      "Instance db-replica-0",
      "LogGroup db-primary-postgresql-logs",
      "LogGroup db-primary-upgrade-logs",
      "LogGroup db-replica-0-postgresql-logs",
      "LogGroup db-replica-0-upgrade-logs",
      "Secret db-url",
    ]);
    expect(d.summary).toMatchObject({ create: 0, delete: 7, update: 0, replace: 0 });
    const logs = plans["managed+unprotect"]!.resources.filter(
      (r) => r.name.startsWith("db-primary-") && r.type.includes("logGroup"),
    );
    expect(logs.map((r) => r.retainOnDelete)).toEqual([true, true]);
    expect(plans["managed+delete"]!.policies.filter((p) => p.enforcementLevel === "mandatory")).toEqual([]);
  });

  it("after the delete nothing points at an old instance: alarms, dashboard, backups and IAM name the copy", () => {
    const after = plans["managed+delete"]!;
    // Alarm descriptions name the role ("db-primary: CPU above …"), not an instance: left out.
    const text = JSON.stringify(after.resources.map(({ inputs: { alarmDescription: _, ...rest } }) => rest));
    // Mock identifiers are the resource names: "db-primary" / "db-replica-0" must be gone.
    expect(text).not.toMatch(/"db-primary"|db-primary[-:/"]|"db-replica-0"/);
    const alarms = after.resources.filter((r) => r.type === "aws:cloudwatch/metricAlarm:MetricAlarm" && r.name.includes("-db-"));
    expect(new Set(alarms.map((a) => (a.inputs.dimensions as Record<string, string>).DBInstanceIdentifier))).toEqual(
      new Set(["db-restored", "db-restored-replica-0"]),
    );
    // What the copy shares stays: network, parameter group, password, monitoring role.
    for (const n of ["db-subnets", "db-params", "db-password", "db-monitoring", "db-sg"])
      expect(after.resources.map((r) => r.name)).toContain(n);
  });
});

describe("retiring the old database after the cut-over (in-cluster)", () => {
  it("unprotect: one update, the old Cluster's protect and retiring label", () => {
    const d = diffPlans(plans["in-cluster+serve"]!, plans["in-cluster+unprotect"]!);
    expect(d.summary).toMatchObject({ create: 0, delete: 0, update: 1, replace: 0 });
    expect(d.changed.map((c) => [c.name, c.paths])).toEqual([
      ["db-cluster", ["metadata.labels.gantry.dev/retiring", "(options).protect"]],
    ]);
    expect(plans["in-cluster+unprotect"]!.policies.filter((p) => p.enforcementLevel === "mandatory")).toEqual([]);
  });

  it("delete: deletes exactly the old Cluster, its NetworkPolicies and URL Secret; the operator loses exec into it", () => {
    const d = diffPlans(plans["in-cluster+unprotect"]!, plans["in-cluster+delete"]!);
    expect(brief(d.deleted)).toEqual([
      "Cluster db-cluster",
      "NetworkPolicy db-netpol",
      "NetworkPolicy egress-egress-postgres-apiserver",
      "NetworkPolicy egress-egress-postgres-clients",
      "NetworkPolicy egress-egress-postgres-objectstore",
      "NetworkPolicy egress-egress-postgres-peers",
      "Secret db-url",
    ]);
    expect(d.changed.map((c) => [c.name, c.replace])).toEqual([["access-operator", false]]);
    expect(d.summary).toMatchObject({ create: 0, delete: 7, update: 1, replace: 0 });
    // What the copy still uses stays: the object store, the app's credentials, the role Secrets.
    const names = plans["in-cluster+delete"]!.resources.map((r) => r.name);
    for (const n of ["db-backups", "db-credentials", "db-password"]) expect(names).toContain(n);
    expect(plans["in-cluster+delete"]!.policies.filter((p) => p.enforcementLevel === "mandatory")).toEqual([]);
  });

  it("after the delete nothing selects the old Cluster", () => {
    const after = plans["in-cluster+delete"]!;
    const text = JSON.stringify(after.resources.filter((r) => !r.name.startsWith("alerting")).map((r) => r.inputs));
    expect(text).not.toMatch(/"cnpg\.io\/cluster":"db"|"cluster":\{"name":"db"\}|"db-[0-9]+"/);
  });
});

/** Names of the CronJobs a diff changes. */
function cronJobs(d: PlanDiff): string[] {
  return d.changed.filter((c) => c.type === "kubernetes:batch/v1:CronJob").map((c) => c.name);
}
