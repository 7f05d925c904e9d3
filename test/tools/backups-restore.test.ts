// A real backup and point-in-time restore on this machine: Postgres 15 archiving WAL with
// barman-cloud-wal-archive to moto's S3 server, a base backup with barman-cloud-backup, a restore
// to a time between two writes, and the drill script the in-cluster CronJob runs, reporting to a
// real Pushgateway. See PULUMI-NOTES.md "Real servers in tests" for the recipe.
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "./cli";
import {
  asPostgres,
  asPostgresResult,
  freePort,
  PGBIN,
  pushedMetrics,
  type Servers,
  startServers,
  TOOL_ENV,
  VENV,
  BUCKET,
} from "./backups-servers";

const SERVER = "db";
let s: Servers;
let target: string;
let drill: string;

beforeAll(async () => {
  s = await startServers(SERVER);
  drill = path.join(s.dir, "drill.sh");
  // The ConfigMap's files, side by side as in the pod.
  for (const f of ["drill.sh", "pick-backup.py"])
    copyFileSync(path.join(ROOT, "components", "backups", "scripts", f), path.join(s.dir, f));
  // 100 rows, base backup, 50 rows, the target instant, 50 more rows, then every WAL archived.
  s.sql("create table orders (id int primary key, note text not null)");
  s.sql("insert into orders select g, 'before backup' from generate_series(1, 100) g");
  s.baseBackup(SERVER);
  s.sql("insert into orders select g, 'after backup' from generate_series(101, 150) g");
  target = s.sql("select to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')");
  s.sql("insert into orders select g, 'after target' from generate_series(151, 200) g");
  const wal = s.sql("select pg_walfile_name(pg_switch_wal())");
  // Archiving is asynchronous: wait until the segment holding the last commit is in the bucket.
  for (let i = 0; i < 600 && s.sql("select coalesce(last_archived_wal, '') from pg_stat_archiver") < wal; i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(s.sql("select last_archived_wal from pg_stat_archiver") >= wal).toBe(true);
}, 300_000);

afterAll(() => s?.stop());

/** Runs the drill as the postgres user; returns its exit code and log. */
function runDrill(env: Record<string, string>) {
  return asPostgresResult("bash", [drill], {
    DRILL_SOURCE_URL: s.source,
    DRILL_SERVER_NAME: SERVER,
    DRILL_ENDPOINT_URL: s.s3,
    DRILL_PUSHGATEWAY_URL: s.pushgateway,
    DRILL_NAMESPACE: "gantry-test",
    PGBIN,
    ...env,
  });
}

describe("point-in-time restore with barman-cloud (real Postgres, real S3 API)", () => {
  it("restores exactly the rows committed before the target time into a fresh data directory", () => {
    const data = path.join(s.dir, "pitr");
    const started = process.hrtime.bigint();
    asPostgres(`${VENV}/bin/barman-cloud-restore`, [...s.cloud, s.source, SERVER, "latest", data]);
    const restoreCommand = `env AWS_ACCESS_KEY_ID=${TOOL_ENV.AWS_ACCESS_KEY_ID} AWS_SECRET_ACCESS_KEY=${TOOL_ENV.AWS_SECRET_ACCESS_KEY} ${VENV}/bin/barman-cloud-wal-restore --endpoint-url ${s.s3} ${s.source} ${SERVER} %f %p`;
    const sock = path.join(s.dir, "pitr-run");
    asPostgres("mkdir", ["-p", sock]);
    const conf = [
      "port = 54321",
      `unix_socket_directories = '${sock}'`,
      "archive_mode = off",
      `restore_command = '${restoreCommand}'`,
      // Postgres takes the ISO instant with a space and a numeric zone, not the T and Z.
      `recovery_target_time = '${target.replace("T", " ").replace("Z", "+00")}'`,
      "recovery_target_action = 'promote'",
    ];
    asPostgres("sh", ["-c", `printf '%s\\n' "$@" >> ${data}/postgresql.conf && touch ${data}/recovery.signal`, "sh", ...conf]);
    const log = path.join(s.dir, "pitr.log");
    const start = asPostgresResult(`${PGBIN}/pg_ctl`, ["-D", data, "-l", log, "-w", "start"]);
    expect(start.code, asPostgresResult("cat", [log]).stdout).toBe(0);
    try {
      const q = (sql: string) =>
        asPostgres(`${PGBIN}/psql`, ["-h", sock, "-p", "54321", "-U", "postgres", "-XAtq", "-c", sql]).trim();
      for (let i = 0; i < 600 && q("select pg_is_in_recovery()") !== "f"; i++) execSleep();
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      console.log(`PITR restore + WAL replay of the test database: ${seconds.toFixed(2)} s`);
      expect(q("select pg_is_in_recovery()")).toBe("f");
      // 100 from the base backup + 50 replayed from WAL; none of the 50 after the target.
      expect(q("select count(*), min(id), max(id) from orders")).toBe("150|1|150");
      expect(q("select string_agg(distinct note, ',' order by note) from orders")).toBe("after backup,before backup");
    } finally {
      asPostgresResult(`${PGBIN}/pg_ctl`, ["-D", data, "-m", "immediate", "-w", "stop"]);
    }
  });
});

describe("restore drill script", () => {
  it("restores the latest backup, replays every WAL segment, validates and pushes RTO/RPO", async () => {
    const checks = path.join(s.dir, "checks");
    mkdirSync(checks);
    writeFileSync(path.join(checks, "orders.sql"), "select count(*) = 200 and max(id) = 200 from orders\n");
    const scratch = path.join(s.dir, "drill-ok");
    const before = Date.now() / 1000;
    const r = runDrill({
      DRILL_INSTANCE: "ok",
      DRILL_MIN_ROWS: "public.orders=200",
      DRILL_CHECKS_DIR: checks,
      DRILL_SCRATCH_DIR: scratch,
    });
    console.log(
      r.stderr
        .trim()
        .split("\n")
        .filter((l) => l.includes(" drill: "))
        .join("\n"),
    );
    expect(r.output).toContain("read every row of 1 user tables");
    expect(r.code, r.output).toBe(0);
    const m = await pushedMetrics(s.pushgateway, "ok");
    console.log(
      `drill: restore_duration_seconds=${m.restore_duration_seconds} restored_data_age_seconds=${m.restored_data_age_seconds}`,
    );
    expect(m.restore_drill_failed).toBe(0);
    expect(m.restore_tables_checked).toBe(1);
    expect(m.restore_duration_seconds).toBeGreaterThan(0);
    // The newest restored commit is the 'after target' insert: after the backup, before the drill.
    expect(m.restored_data_age_seconds).toBeGreaterThan(0);
    expect(m.restored_data_age_seconds).toBeLessThan(Date.now() / 1000 - Date.parse(target) / 1000);
    expect(m.restore_last_success_timestamp_seconds).toBeGreaterThanOrEqual(Math.floor(before));
    // It cleaned up after itself: the copy and its server are gone.
    expect(existsSync(scratch)).toBe(false);
  });

  it("stops at a given target time, and fails with restore_drill_failed when a row count is not met", async () => {
    // The copy stops at the target (150 rows), so a check wanting 151 fails.
    const r = runDrill({ DRILL_INSTANCE: "rows", DRILL_TARGET_TIME: target, DRILL_MIN_ROWS: "public.orders=151" });
    expect(r.code).toBe(6);
    expect(r.output).toContain("public.orders has 150 rows, fewer than the 151 required");
    const m = await pushedMetrics(s.pushgateway, "rows");
    expect(m.restore_drill_failed).toBe(1);
    expect(m.restore_last_success_timestamp_seconds).toBeUndefined();
  });

  it("fails before restoring when the newest backup is older than the allowed age", async () => {
    const r = runDrill({ DRILL_INSTANCE: "stale", DRILL_MAX_AGE_SECONDS: "1" });
    expect(r.code).toBe(3);
    expect(r.output).toMatch(/the newest backup is \d+ s old, older than DRILL_MAX_AGE_SECONDS=1/);
    expect((await pushedMetrics(s.pushgateway, "stale")).restore_drill_failed).toBe(1);
  });

  it("fails when there is no backup for the server", async () => {
    const r = runDrill({ DRILL_INSTANCE: "missing", DRILL_SERVER_NAME: "no-such-server" });
    expect(r.code).not.toBe(0);
    expect(r.output).toContain("no completed backup 'latest'");
    expect((await pushedMetrics(s.pushgateway, "missing")).restore_drill_failed).toBe(1);
  });

  it("fails when the object store does not answer", async () => {
    const r = runDrill({ DRILL_INSTANCE: "unreachable", DRILL_ENDPOINT_URL: `http://127.0.0.1:${await freePort()}` });
    expect(r.code).not.toBe(0);
    expect(r.output).toContain("could not read the backup catalogue");
    expect((await pushedMetrics(s.pushgateway, "unreachable")).restore_drill_failed).toBe(1);
  });

  it("fails when the base backup is corrupt, and keeps the last success of an earlier run", async () => {
    // A copy of the backup under another server name whose data.tar.gz is overwritten with garbage.
    execSyncPython(`
import boto3
s3 = boto3.client("s3", endpoint_url="${s.s3}")
for o in s3.list_objects_v2(Bucket="${BUCKET}", Prefix="gantry/${SERVER}/base/")["Contents"]:
    key = o["Key"].replace("gantry/${SERVER}/", "gantry/corrupt/", 1)
    body = b"not a tar archive" * 64 if key.endswith("data.tar.gz") else s3.get_object(Bucket="${BUCKET}", Key=o["Key"])["Body"].read()
    s3.put_object(Bucket="${BUCKET}", Key=key, Body=body)
`);
    const ok = await pushedMetrics(s.pushgateway, "ok");
    const r = runDrill({ DRILL_INSTANCE: "ok", DRILL_SERVER_NAME: "corrupt" });
    expect(r.code).not.toBe(0);
    expect(r.output).toContain("FAILED during barman-cloud-restore");
    const m = await pushedMetrics(s.pushgateway, "ok");
    expect(m.restore_drill_failed).toBe(1);
    expect(m.restore_last_success_timestamp_seconds).toBe(ok.restore_last_success_timestamp_seconds);
  });
});

function execSleep() {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
}

function execSyncPython(code: string) {
  asPostgres(`${VENV}/bin/python`, ["-c", code]);
}
