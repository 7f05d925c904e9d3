// The pure parts of `gantry dr --live`: where a plan's drill reports, reading a Pushgateway
// response and a restore job list, the reasons given, and how the table shows a reading.
import { describe, expect, it } from "vitest";
import { type DrTable, renderDr } from "../../src/dr/table";
import { awsReason, figuresFromRestoreJobs, type RestoreJob } from "../../src/live/drill-aws";
import { drillTarget, withLiveDrill } from "../../src/live/drill-figures";
import { figuresFromPushgateway, portForwardHint, readPushgateway } from "../../src/live/drill-pushgateway";
import type { Plan, PlanResource } from "../../src/plan/run";

const resource = (type: string, inputs: Record<string, unknown>): PlanResource => ({
  urn: "",
  type,
  name: "r",
  parent: "",
  inputs,
  protect: false,
  dependsOn: [],
});
const plan = (...resources: PlanResource[]): Plan => ({
  stack: "production",
  environment: "production",
  resources,
  policies: [],
  policiesEvaluated: 0,
  outputs: {},
});
const cronJob = (labels: Record<string, string>, env: Record<string, string>) =>
  resource("kubernetes:batch/v1:CronJob", {
    metadata: { labels },
    spec: {
      jobTemplate: {
        spec: { template: { spec: { containers: [{ env: Object.entries(env).map(([name, value]) => ({ name, value })) }] } } },
      },
    },
  });

describe("drillTarget", () => {
  it("managed: the restore testing plan by the name the program gives it, in the stack's region", () => {
    const p = plan(resource("aws:backup/restoreTestingPlan:RestoreTestingPlan", { name: "gantry_production_backups" }));
    expect(drillTarget(p, "eu-west-1")).toEqual({
      kind: "restore-testing",
      planName: "gantry_production_backups",
      region: "eu-west-1",
    });
  });

  it("in-cluster: the drill CronJob's own DRILL_* settings, with drill.sh's defaults for the job and instance", () => {
    const env = { DRILL_PUSHGATEWAY_URL: "http://pg.monitoring.svc:9091", DRILL_SERVER_NAME: "db", DRILL_NAMESPACE: "ns" };
    const other = cronJob({}, { DRILL_PUSHGATEWAY_URL: "http://elsewhere:1" });
    expect(drillTarget(plan(other, cronJob({ "gantry.dev/drill": "true" }, env)))).toEqual({
      kind: "pushgateway",
      url: "http://pg.monitoring.svc:9091",
      job: "restore-drill",
      instance: "db",
      namespace: "ns",
      cronJob: "r",
    });
  });

  it("nothing to read: no drill, or a drill that pushes nowhere", () => {
    expect(drillTarget(plan())).toBeNull();
    expect(drillTarget(plan(cronJob({ "gantry.dev/drill": "true" }, { DRILL_SERVER_NAME: "db" })))).toBeNull();
  });
});

const KEY = { url: "http://127.0.0.1:9091", job: "restore-drill", instance: "db", namespace: "ns" };
const group = (
  metrics: Record<string, number>,
  labels: Record<string, string> = { job: "restore-drill", instance: "db", namespace: "ns" },
) => ({
  labels,
  ...Object.fromEntries(Object.entries(metrics).map(([k, v]) => [k, { type: "GAUGE", metrics: [{ labels, value: String(v) }] }])),
});
const SUCCESS = {
  restore_duration_seconds: 12.5,
  restored_data_age_seconds: 40.25,
  restore_last_success_timestamp_seconds: 1_796_500_000,
  restore_drill_last_run_timestamp_seconds: 1_796_500_000,
  restore_drill_failed: 0,
};

describe("figuresFromPushgateway", () => {
  it("a successful drill: its figures and success time, status ok", () => {
    const r = figuresFromPushgateway({ status: "success", data: [group(SUCCESS)] }, KEY);
    expect(r).toMatchObject({ status: "ok", reason: null, restoreSeconds: 12.5, dataAgeSeconds: 40.25 });
    expect(r.lastSuccess).toBe("2026-12-05T19:46:40.000Z");
  });

  it("the failure gauge, or a last run newer than the last success, means the last run failed", () => {
    const byGauge = figuresFromPushgateway({ data: [group({ ...SUCCESS, restore_drill_failed: 1 })] }, KEY);
    expect(byGauge).toMatchObject({ status: "failed", restoreSeconds: 12.5 });
    const byTime = figuresFromPushgateway(
      { data: [group({ ...SUCCESS, restore_drill_last_run_timestamp_seconds: 1_796_600_000 })] },
      KEY,
    );
    expect(byTime).toMatchObject({ status: "failed", lastRun: "2026-12-06T23:33:20.000Z" });
  });

  it("a drill that never succeeded: failed, no figures", () => {
    const r = figuresFromPushgateway(
      { data: [group({ restore_drill_failed: 1, restore_drill_last_run_timestamp_seconds: 1 })] },
      KEY,
    );
    expect(r).toMatchObject({ status: "failed", restoreSeconds: null, lastSuccess: null });
    expect(r.reason).toContain("no drill has succeeded yet");
  });

  it("only the stack's grouping key counts: another namespace's drill is not this one", () => {
    const r = figuresFromPushgateway(
      { data: [group(SUCCESS, { job: "restore-drill", instance: "db", namespace: "other" })] },
      KEY,
    );
    expect(r.status).toBe("unknown");
    expect(r.reason).toContain("no drill has pushed to http://127.0.0.1:9091 under job=restore-drill instance=db namespace=ns");
  });

  it("a body that is not the Pushgateway API", () => {
    expect(figuresFromPushgateway("<html>", KEY).reason).toContain("did not answer like a Pushgateway");
  });
});

describe("reaching the Pushgateway", () => {
  it("an in-cluster address suggests the port-forward; other addresses do not", () => {
    expect(portForwardHint("http://pushgateway.monitoring.svc:9091")).toBe(
      "kubectl -n monitoring port-forward svc/pushgateway 9091, then --pushgateway http://127.0.0.1:9091",
    );
    expect(portForwardHint("http://pushgateway.monitoring.svc.cluster.local:9091")).toContain("-n monitoring");
    expect(portForwardHint("http://127.0.0.1:9091")).toBeNull();
  });

  it("a name that does not resolve: unknown, with the port-forward as the fix", async () => {
    const fetchImpl = (async () => {
      throw Object.assign(new TypeError("fetch failed"), { cause: { code: "ENOTFOUND" } });
    }) as unknown as typeof fetch;
    const r = await readPushgateway({ ...KEY, url: "http://pushgateway.monitoring.svc:9091" }, { fetchImpl });
    expect(r.reason).toBe(
      "could not reach the Pushgateway at http://pushgateway.monitoring.svc:9091 (ENOTFOUND): from outside the cluster: kubectl -n monitoring port-forward svc/pushgateway 9091, then --pushgateway http://127.0.0.1:9091",
    );
  });

  it("an HTTP error names the URL it asked", async () => {
    const fetchImpl = (async () => new Response("no", { status: 404 })) as unknown as typeof fetch;
    expect((await readPushgateway(KEY, { fetchImpl })).reason).toBe(
      "http://127.0.0.1:9091/api/v1/metrics answered HTTP 404: is http://127.0.0.1:9091 a Pushgateway?",
    );
  });
});

const d = (s: number) => new Date(s * 1000);
describe("figuresFromRestoreJobs", () => {
  it("a completed restore whose validation failed is a failed drill; the last success is the one before", () => {
    const jobs: RestoreJob[] = [
      {
        RestoreJobId: "a",
        Status: "COMPLETED",
        CreationDate: d(1000),
        CompletionDate: d(1600),
        RecoveryPointCreationDate: d(400),
      },
      {
        RestoreJobId: "b",
        Status: "COMPLETED",
        CreationDate: d(5000),
        CompletionDate: d(5300),
        ValidationStatus: "FAILED",
        ValidationStatusMessage: "row count 0",
      },
    ];
    const r = figuresFromRestoreJobs(jobs, "plan", "src");
    expect(r).toMatchObject({
      status: "failed",
      restoreSeconds: 600,
      dataAgeSeconds: 600,
      lastSuccess: d(1600).toISOString(),
      validationStatus: "FAILED",
    });
    expect(r.reason).toContain("restore job b (1970-01-01T01:28:20.000Z), restored but its validation FAILED: row count 0");
  });

  it("only jobs under way: unknown, saying so", () => {
    const r = figuresFromRestoreJobs([{ Status: "RUNNING", CreationDate: d(1) }], "plan", "src");
    expect(r).toMatchObject({ status: "unknown", lastRun: null });
    expect(r.reason).toBe(
      "restore testing plan plan has no finished restore job yet (1 still under way): it runs on its schedule (backups.drill.schedule)",
    );
  });

  it("AWS refusing the identity names the permissions needed", () => {
    expect(awsReason(Object.assign(new Error("denied"), { name: "AccessDeniedException" }), "plan", "eu-west-1")).toBe(
      "AWS refused the request (AccessDeniedException): the identity needs backup:GetRestoreTestingPlan and backup:ListRestoreJobs in eu-west-1, and valid credentials",
    );
  });
});

describe("the table with a reading", () => {
  const offline: DrTable = {
    stack: "production",
    environment: "production",
    tier: "in-cluster",
    rows: [],
    drill: {
      kind: "cronjob-restore",
      schedule: "0 5 * * 0",
      lastRestoreSeconds: "unknown",
      lastDataAgeSeconds: "unknown",
      lastSuccess: "unknown",
    },
    restore: null,
  };

  it("offline: unchanged, saying the figures need a live stack", () => {
    expect(renderDr(offline)).toContain(
      "last measured: restore unknown, data age unknown, last success unknown (offline plan: measured on a live stack)",
    );
  });

  it("a failed last run shows FAILED and why, beside the last success's figures", () => {
    const r = figuresFromPushgateway(
      { data: [group({ ...SUCCESS, restore_drill_failed: 1, restore_drill_last_run_timestamp_seconds: 1_796_600_000 })] },
      KEY,
    );
    const text = renderDr(withLiveDrill(offline, r));
    expect(text).toContain("  last measured: restore 12.5 s, data age 40.25 s, last success 2026-12-05T19:46:40.000Z\n");
    expect(text).toContain(
      "  last run:      FAILED at 2026-12-06T23:33:20.000Z (read from Pushgateway http://127.0.0.1:9091 job=restore-drill instance=db namespace=ns)\n",
    );
    expect(text).toContain("  failure: the last drill run (2026-12-06T23:33:20.000Z) failed (restore_drill_failed 1)");
  });
});
