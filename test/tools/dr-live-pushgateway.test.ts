// `gantry dr <stack> --live` in-cluster, end to end on this machine: the real drill.sh restores a
// real barman-cloud backup (Postgres 15, moto's S3 server) and pushes to a real Pushgateway; the
// real `gantry` command reads the figures back through the Pushgateway's HTTP API. The grouping key
// comes from the production stack's drill CronJob (job restore-drill, instance db, namespace
// gantry-production), so the drill here is started with that CronJob's DRILL_NAMESPACE.
// The tests run in file order: nothing pushed → a successful drill → a failed run after it.
import { copyFileSync } from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DrTable } from "../../src/dr/table";
import { asPostgresResult, freePort, PGBIN, pushedMetrics, type Servers, startServers } from "./backups-servers";
import { gantry, ROOT } from "./cli";

const SERVER = "db";
const NAMESPACE = "gantry-production";
let s: Servers;

beforeAll(async () => {
  s = await startServers(SERVER);
  for (const f of ["drill.sh", "pick-backup.py"])
    copyFileSync(path.join(ROOT, "components", "backups", "scripts", f), path.join(s.dir, f));
  s.sql("create table orders (id int primary key)");
  s.sql("insert into orders select g from generate_series(1, 100) g");
  s.baseBackup(SERVER);
  const wal = s.sql("select pg_walfile_name(pg_switch_wal())");
  for (let i = 0; i < 600 && s.sql("select coalesce(last_archived_wal, '') from pg_stat_archiver") < wal; i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
}, 300_000);

afterAll(() => s?.stop());

/** The real drill, as the CronJob runs it for the production stack (its grouping key). */
function runDrill(env: Record<string, string> = {}) {
  return asPostgresResult("bash", [path.join(s.dir, "drill.sh")], {
    DRILL_SOURCE_URL: s.source,
    DRILL_SERVER_NAME: SERVER,
    DRILL_ENDPOINT_URL: s.s3,
    DRILL_PUSHGATEWAY_URL: s.pushgateway,
    DRILL_NAMESPACE: NAMESPACE,
    PGBIN,
    ...env,
  });
}

/** `gantry dr production` in-cluster with live figures from `pushgateway`. */
function drLive(pushgateway: string, ...extra: string[]) {
  return gantry("dr", "production", "--set", "dataTier=in-cluster", "--live", "--pushgateway", pushgateway, ...extra);
}
const json = (r: { stdout: string }) => JSON.parse(r.stdout) as DrTable;

describe("gantry dr --live (in-cluster, real drill.sh and Pushgateway)", () => {
  it("before any drill has run: figures unknown, exit 1, the reason names the grouping key and how to start one", () => {
    const r = drLive(s.pushgateway, "--json");
    expect(r.code).toBe(1);
    const d = json(r).drill;
    expect(d).toMatchObject({ lastRestoreSeconds: "unknown", lastDataAgeSeconds: "unknown", lastSuccess: "unknown" });
    expect(d.live).toMatchObject({ status: "unknown", lastRun: null });
    expect(d.live!.reason).toContain(
      `no drill has pushed to ${s.pushgateway} under job=restore-drill instance=db namespace=gantry-production`,
    );
    expect(d.live!.reason).toContain("kubectl -n gantry-production create job --from=cronjob/restore-drill");
    expect(r.stderr).toContain("gantry: live drill figures unknown: no drill has pushed");
  });

  it("after a successful drill: exactly the RTO, RPO and success time it pushed, exit 0", async () => {
    const run = runDrill();
    expect(run.code, run.output).toBe(0);
    const m = await pushedMetrics(s.pushgateway, SERVER);
    expect(m.restore_duration_seconds).toBeGreaterThan(0);

    const r = drLive(s.pushgateway, "--json");
    expect(r.code, r.stderr).toBe(0);
    const d = json(r).drill;
    expect(d.lastRestoreSeconds).toBe(m.restore_duration_seconds);
    expect(d.lastDataAgeSeconds).toBe(m.restored_data_age_seconds);
    expect(d.lastSuccess).toBe(new Date(m.restore_last_success_timestamp_seconds! * 1000).toISOString());
    expect(d.live).toEqual({
      source: `Pushgateway ${s.pushgateway} job=restore-drill instance=db namespace=gantry-production`,
      status: "ok",
      reason: null,
      lastRun: d.lastSuccess,
    });

    const text = drLive(s.pushgateway);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(
      `  last measured: restore ${m.restore_duration_seconds} s, data age ${m.restored_data_age_seconds} s, last success ${d.lastSuccess}\n`,
    );
    expect(text.stdout).toContain(`  last run:      OK at ${d.lastSuccess} (read from Pushgateway ${s.pushgateway} `);
    expect(text.stdout).not.toContain("offline plan");
  });

  it("after a failed run: FAILED with the last success's figures kept, exit 0 (a reading, not an error)", async () => {
    const ok = await pushedMetrics(s.pushgateway, SERVER);
    // A stale-backup failure: drill.sh exits 3 and pushes restore_drill_failed 1 from its trap.
    const run = runDrill({ DRILL_MAX_AGE_SECONDS: "0" });
    expect(run.code, run.output).toBe(3);

    const r = drLive(s.pushgateway, "--json");
    expect(r.code, r.stderr).toBe(0);
    const d = json(r).drill;
    expect(d.lastRestoreSeconds).toBe(ok.restore_duration_seconds);
    expect(d.lastSuccess).toBe(new Date(ok.restore_last_success_timestamp_seconds! * 1000).toISOString());
    expect(d.live!.status).toBe("failed");
    expect(Date.parse(d.live!.lastRun!)).toBeGreaterThanOrEqual(Date.parse(d.lastSuccess));
    expect(d.live!.reason).toContain("failed (restore_drill_failed 1): the figures are from the last success");
    expect(d.live!.reason).toContain("kubectl -n gantry-production logs -l gantry.dev/drill=true");

    const text = drLive(s.pushgateway);
    expect(text.stdout).toMatch(/ {2}last run: {6}FAILED at \S+Z \(read from Pushgateway/);
    expect(text.stdout).toContain("  failure: the last drill run (");
  });

  it("an unreachable Pushgateway: the table still prints, figures unknown, exit 1 naming the URL", async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const r = drLive(url);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("Disaster recovery for production (production, in-cluster)");
    expect(r.stdout).toContain("  last measured: restore unknown, data age unknown, last success unknown\n");
    expect(r.stdout).toContain(
      `  why unknown: could not reach the Pushgateway at ${url} (ECONNREFUSED): check the port-forward is running and the URL`,
    );
    const j = json(drLive(url, "--json"));
    expect(j.drill.live).toMatchObject({ status: "unknown", lastRun: null });
    expect(j.drill.live!.reason).toContain(`could not reach the Pushgateway at ${url} (ECONNREFUSED)`);
  });
});

describe("gantry dr --live flags", () => {
  it("refuses a --pushgateway that is not an http(s) URL (exit 2)", () => {
    const r = drLive("127.0.0.1:9091");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--pushgateway `127.0.0.1:9091` must be an http(s) URL, e.g. http://127.0.0.1:9091");
  });

  it("refuses --pushgateway for a managed stack, whose drill AWS Backup records (exit 2)", () => {
    const r = gantry("dr", "production", "--pushgateway", "http://127.0.0.1:9091");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--pushgateway applies to in-cluster stacks");
  });

  it("without --live the table stays offline: figures unknown, exit 0, no live field", () => {
    const r = gantry("dr", "production", "--set", "dataTier=in-cluster", "--json");
    expect(r.code).toBe(0);
    expect(json(r).drill).not.toHaveProperty("live");
  });
});
