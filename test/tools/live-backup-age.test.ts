// The release checklist's live backup readers against real software on loopback: base backups
// taken by barman-cloud-backup (what CNPG's Barman Cloud plugin runs) into moto's S3 server, and
// RDS snapshots moto records for a DB instance created through its RDS API. The expected values
// come from the tools themselves (barman-cloud-backup-list, boto3), never from the reader.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newestBarmanBackup } from "../../src/live/barman-catalog";
import { liveBackup } from "../../src/live/last-backup";
import { newestRdsSnapshot } from "../../src/live/rds-snapshots";
import { backupItem } from "../../src/release/checklist";
import { ROOT } from "./cli";
import { asPostgres, BUCKET, freePort, s3Python, type Servers, startServers, TOOL_ENV, VENV } from "./backups-servers";

const SERVER = "db";
let s: Servers;
/** barman-cloud-backup-list's view: id → end time (epoch ms), oldest first. */
let listed: { id: string; end: number }[];

const baseBackup = () => s.baseBackup(SERVER);

beforeAll(async () => {
  // The readers use the SDK's default credential chain: the environment, as on an operator's machine.
  for (const [k, v] of Object.entries(TOOL_ENV)) if (k.startsWith("AWS_")) process.env[k] = v;
  s = await startServers(SERVER);
  s.sql("create table orders (id int primary key)");
  baseBackup();
  // barman's ids have one-second resolution: the second backup must start in a later second.
  await new Promise((r) => setTimeout(r, 1100));
  s.sql("insert into orders select generate_series(1, 10)");
  baseBackup();
  const list = JSON.parse(
    asPostgres(`${VENV}/bin/barman-cloud-backup-list`, [...s.cloud, "--format", "json", s.source, SERVER], { TZ: "UTC" }),
  ) as { backups_list: { backup_id: string; status: string; end_time: string }[] };
  listed = list.backups_list.map((b) => ({ id: b.backup_id, end: Date.parse(`${b.end_time} UTC`) }));
}, 300_000);

afterAll(() => s?.stop());

describe("newest Barman Cloud backup in the object store", () => {
  it("finds the newer of two real base backups, dated as barman-cloud-backup-list dates it", async () => {
    expect(listed).toHaveLength(2);
    const newest = listed.reduce((a, b) => (b.end > a.end ? b : a));
    const b = await newestBarmanBackup({ destination: s.source, serverName: SERVER, endpoint: s.s3 });
    expect(b?.what).toBe(`barman backup ${newest.id} of db`);
    // The list prints whole seconds; backup.info keeps microseconds.
    expect(Math.floor(b!.at.getTime() / 1000) * 1000).toBe(newest.end);
    expect(Date.now() - b!.at.getTime()).toBeLessThan(300_000);
  });

  it("skips a newer backup barman has not finished (status STARTED, no end time)", async () => {
    const key = `gantry/${SERVER}/base/29991231T235959/backup.info`;
    s3Python(s.s3, `s3.put_object(Bucket="${BUCKET}", Key="${key}", Body=b"status=STARTED\\nend_time=None\\n")`);
    try {
      const b = await newestBarmanBackup({ destination: s.source, serverName: SERVER, endpoint: s.s3 });
      expect(b?.what).toBe(`barman backup ${listed.at(-1)!.id} of db`);
    } finally {
      s3Python(s.s3, `s3.delete_object(Bucket="${BUCKET}", Key="${key}")`);
    }
  });

  it("finds no backup under another server name or in an empty bucket", async () => {
    expect(await newestBarmanBackup({ destination: s.source, serverName: "db-restored", endpoint: s.s3 })).toBeUndefined();
    s3Python(s.s3, `s3.create_bucket(Bucket="empty")`);
    expect(await newestBarmanBackup({ destination: "s3://empty/gantry", serverName: SERVER, endpoint: s.s3 })).toBeUndefined();
  });

  it("fails with one line naming the store for a missing bucket and an endpoint nobody listens on", async () => {
    await expect(
      newestBarmanBackup({ destination: "s3://no-such-bucket/x", serverName: SERVER, endpoint: s.s3 }),
    ).rejects.toThrow(
      `S3 list s3://no-such-bucket/x/db/base/ at ${s.s3}: the bucket does not exist (check gantry:backups.objectStore.bucket)`,
    );
    const down = `http://127.0.0.1:${await freePort()}`;
    await expect(newestBarmanBackup({ destination: s.source, serverName: SERVER, endpoint: down })).rejects.toThrow(
      `S3 list s3://${BUCKET}/gantry/db/base/ at ${down}: cannot connect (ECONNREFUSED); is the endpoint reachable from here? (--backup-endpoint for a port-forward)`,
    );
  });

  it("from the stack's outputs to the checklist item: ok now, FAILED a day later, unknown when the store is down", async () => {
    const outputs = {
      backups: { tier: "in-cluster", maxAgeHours: 26, offsite: { kind: "object-store", destination: s.source, endpoint: s.s3 } },
      database: { servingFrom: "current", serving: SERVER },
    };
    const live = await liveBackup(outputs);
    expect(live).toMatchObject({ what: `barman backup ${listed.at(-1)!.id} of db` });
    const backups = { maxAgeHours: 26 };
    expect(backupItem({ backups, liveBackup: live, now: new Date() }).state).toBe("ok");
    expect(backupItem({ backups, liveBackup: live, now: new Date(Date.now() + 27 * 3.6e6) }).state).toBe("FAILED");
    // --backup-endpoint replaces the stack's endpoint (here with one that is down).
    const down = await liveBackup(outputs, { endpoint: `http://127.0.0.1:${await freePort()}` });
    expect(backupItem({ backups, liveBackup: down, now: new Date() })).toMatchObject({
      state: "unknown",
      text: expect.stringMatching(/^backup younger than 26 h: unknown \(S3 list .* cannot connect \(ECONNREFUSED\)/),
    });
    const none = await liveBackup({ ...outputs, database: { serving: "db-restored" } });
    expect(none).toEqual({
      unknown: `no completed backup in ${s.source}/db-restored at ${s.s3} (has a ScheduledBackup run? kubectl get backups.postgresql.cnpg.io)`,
    });
  });
});

describe("without credentials, under the CLI's own TypeScript loader", () => {
  it("leaves the item unknown with the fix, in a process with no keys, profile or instance role", () => {
    const home = mkdtempSync("/tmp/gantry-nohome-");
    try {
      const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("AWS_")));
      const code = `require("./scripts/register-ts.js");
        require("./src/live/last-backup").liveBackup(${JSON.stringify({
          backups: { tier: "in-cluster", offsite: { destination: s.source, endpoint: s.s3 } },
          database: { serving: SERVER },
        })}).then((r) => process.stdout.write(JSON.stringify(r)));`;
      const r = spawnSync(process.execPath, ["-e", code], {
        cwd: ROOT,
        env: { ...env, HOME: home, AWS_EC2_METADATA_DISABLED: "true" },
        encoding: "utf8",
      });
      expect(JSON.parse(r.stdout)).toEqual({
        unknown: `S3 list s3://${BUCKET}/gantry/db/base/ at ${s.s3}: no AWS credentials found (set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)`,
      });
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});

describe("newest RDS snapshot through moto's RDS API", () => {
  const REGION = "eu-west-1";
  /** Runs boto3 against moto's RDS API; prints what `code` prints. */
  const rds = (code: string) =>
    execFileSync(
      `${VENV}/bin/python`,
      ["-c", `import boto3\nrds = boto3.client("rds", endpoint_url="${s.s3}", region_name="${REGION}")\n${code}`],
      { env: { ...process.env, ...TOOL_ENV }, encoding: "utf8" },
    ).trim();
  const create = (id: string) =>
    rds(
      `rds.create_db_instance(DBInstanceIdentifier="${id}", DBInstanceClass="db.t4g.micro", Engine="postgres", MasterUsername="app", MasterUserPassword="not-a-real-password", AllocatedStorage=20, BackupRetentionPeriod=7)`,
    );

  it("dates the automated snapshot moto records for a new instance, and ignores a later manual one", async () => {
    create("db-live-age");
    rds(`rds.create_db_snapshot(DBInstanceIdentifier="db-live-age", DBSnapshotIdentifier="before-upgrade")`);
    const expected = JSON.parse(
      rds(
        `import json\nr = rds.describe_db_snapshots(DBInstanceIdentifier="db-live-age", SnapshotType="automated")["DBSnapshots"]\nprint(json.dumps([(x["DBSnapshotIdentifier"], x["SnapshotCreateTime"].timestamp()) for x in r]))`,
      ),
    ) as [string, number][];
    expect(expected).toHaveLength(1);
    const b = await newestRdsSnapshot({ instance: "db-live-age", region: REGION, endpoint: s.s3 });
    expect(b?.what).toBe(`automated snapshot ${expected[0]![0]} of db-live-age`);
    expect(Math.abs(b!.at.getTime() - expected[0]![1] * 1000)).toBeLessThan(1000);
  });

  it("finds none for an instance without snapshots; says why when the API is unreachable", async () => {
    // (moto records an automated snapshot at creation even with BackupRetentionPeriod=0, so an
    // instance that does not exist is the only snapshot-less one it offers: DescribeDBSnapshots answers [].)
    expect(await newestRdsSnapshot({ instance: "db-gone", region: REGION, endpoint: s.s3 })).toBeUndefined();
    const down = `http://127.0.0.1:${await freePort()}`;
    await expect(newestRdsSnapshot({ instance: "db-live-age", region: REGION, endpoint: down })).rejects.toThrow(
      `RDS DescribeDBSnapshots db-live-age (automated) in ${REGION} at ${down}: cannot connect (ECONNREFUSED)`,
    );
  });

  it("from the stack's outputs (managed): the serving instance's snapshot decides the item", async () => {
    const live = await liveBackup(
      { backups: { tier: "managed", offsite: null }, database: { serving: "db-live-age" } },
      { region: REGION, endpoint: s.s3 },
    );
    expect(backupItem({ backups: { maxAgeHours: 26 }, liveBackup: live, now: new Date() })).toMatchObject({
      state: "ok",
      text: expect.stringContaining("automated snapshot rds:db-live-age"),
    });
  });
});
