// The pure halves of the live backup readers: where barman keeps a server's base backups, which
// folders are backups and in what order, backup.info as barman writes it, which RDS snapshots
// count, which reader a stack's outputs select, and SDK failures as one actionable line.
import { describe, expect, it } from "vitest";
import { backupIdsNewestFirst, catalogLocation, parseBackupInfo, parseBarmanTime } from "../../src/live/barman-info";
import { backupSource, describeSource } from "../../src/live/last-backup";
import { newestSnapshot } from "../../src/live/rds-snapshots";
import { explainAwsError } from "../../src/live/errors";

describe("barman catalogue (pure)", () => {
  it("maps destinationPath + server name to barman's <path>/<server>/base/ layout", () => {
    expect(catalogLocation("s3://acme-backups/gantry", "db")).toEqual({ bucket: "acme-backups", basePrefix: "gantry/db/base/" });
    expect(catalogLocation("s3://acme-backups/a/b/", "db-restored").basePrefix).toBe("a/b/db-restored/base/");
    expect(catalogLocation("s3://acme-backups", "db").basePrefix).toBe("db/base/");
    expect(() => catalogLocation("https://acme-backups/gantry", "db")).toThrow(
      'backups.offsite.destination "https://acme-backups/gantry" is not an s3://bucket/path URL',
    );
    expect(() => catalogLocation("s3://b/p", "../x")).toThrow(/not a plain name/);
  });

  it("orders backup ids newest first and ignores folders that are not backups", () => {
    const base = "gantry/db/base/";
    const ids = backupIdsNewestFirst(
      [`${base}20261202T010008/`, `${base}20261203T010007/`, `${base}tmp/`, "gantry/db/wals/", `${base}20261130T235959/`],
      base,
    );
    expect(ids).toEqual(["20261203T010007", "20261202T010008", "20261130T235959"]);
  });

  it("reads status and end time from backup.info, in barman's Python datetime format", () => {
    const info =
      "backup_label=None\nstatus=DONE\nbegin_time=2026-12-02 01:00:01.5+00:00\nend_time=2026-12-02 01:00:08.123456+00:00\n";
    expect(parseBackupInfo(info)).toEqual({ status: "DONE", endTime: new Date("2026-12-02T01:00:08.123Z") });
    // A running backup has no end time yet; a zone other than UTC is honoured; none means UTC.
    expect(parseBackupInfo("status=STARTED\nend_time=None\n")).toEqual({ status: "STARTED" });
    expect(parseBarmanTime("2026-12-02 02:00:08+01:00").toISOString()).toBe("2026-12-02T01:00:08.000Z");
    expect(parseBarmanTime("2026-12-02 01:00:08").toISOString()).toBe("2026-12-02T01:00:08.000Z");
    expect(() => parseBackupInfo("status=DONE\nend_time=Wed Dec  2 01:00:08 2026\n")).toThrow(
      'backup.info end_time "Wed Dec  2 01:00:08 2026" is not a timestamp',
    );
  });
});

describe("RDS snapshots (pure)", () => {
  const at = (h: number) => new Date(Date.UTC(2026, 11, 2, h));
  it("picks the newest available automated or AWS Backup snapshot; manual, creating and failed ones do not count", () => {
    const s = newestSnapshot([
      { DBSnapshotIdentifier: "rds:db-1", SnapshotType: "automated", Status: "available", SnapshotCreateTime: at(1) },
      { DBSnapshotIdentifier: "awsbackup:job-2", SnapshotType: "awsbackup", Status: "available", SnapshotCreateTime: at(3) },
      { DBSnapshotIdentifier: "before-upgrade", SnapshotType: "manual", Status: "available", SnapshotCreateTime: at(5) },
      { DBSnapshotIdentifier: "rds:db-4", SnapshotType: "automated", Status: "creating", SnapshotCreateTime: at(4) },
      { DBSnapshotIdentifier: "rds:db-6", SnapshotType: "automated", Status: "failed", SnapshotCreateTime: at(6) },
    ]);
    expect(s?.DBSnapshotIdentifier).toBe("awsbackup:job-2");
    expect(newestSnapshot([{ SnapshotType: "manual", Status: "available", SnapshotCreateTime: at(1) }])).toBeUndefined();
  });
});

describe("which reader a stack's outputs select", () => {
  const inCluster = {
    backups: {
      tier: "in-cluster",
      offsite: { kind: "object-store", destination: "s3://acme/gantry", endpoint: "https://minio:9000" },
    },
    database: { servingFrom: "current", serving: "db" },
  };
  it("in-cluster: the catalogue under the destination, the serving cluster as server name, --backup-endpoint over the stack's", () => {
    expect(backupSource(inCluster, { region: "eu-west-1" })).toEqual({
      kind: "barman",
      destination: "s3://acme/gantry",
      serverName: "db",
      endpoint: "https://minio:9000",
      region: "eu-west-1",
    });
    const restored = { ...inCluster, database: { servingFrom: "restored", serving: "db-restored" } };
    const s = backupSource(restored, { endpoint: "http://127.0.0.1:9000" });
    expect(s).toMatchObject({ serverName: "db-restored", endpoint: "http://127.0.0.1:9000" });
    expect(describeSource(s as never)).toBe("s3://acme/gantry/db-restored at http://127.0.0.1:9000");
  });

  it("managed: the serving RDS instance in the stack's region", () => {
    const s = backupSource(
      { backups: { tier: "managed", offsite: null }, database: { serving: "db-1a2b3c" } },
      { region: "eu-west-1" },
    );
    expect(s).toEqual({ kind: "rds", instance: "db-1a2b3c", region: "eu-west-1" });
    expect(describeSource(s as never)).toBe("RDS db-1a2b3c in eu-west-1");
  });

  it("says why no reader can be asked: a stack from before `serving`, no destination, an unknown tier", () => {
    expect(backupSource({ ...inCluster, database: { servingFrom: "current" } })).toEqual({
      unknown: "the stack's database output has no `serving` name (stacks updated before it was added): run gantry deploy",
    });
    expect(backupSource({ ...inCluster, backups: { tier: "in-cluster", offsite: { destination: null } } })).toMatchObject({
      unknown: expect.stringContaining("no offsite.destination"),
    });
    expect(backupSource({ backups: { tier: "tape" }, database: { serving: "db" } })).toMatchObject({
      unknown: 'the backups output has an unknown tier "tape"',
    });
  });
});

describe("SDK failures as one line", () => {
  const a = { what: "S3 list s3://acme/gantry/db/base/", endpoint: "http://127.0.0.1:9" };
  it("names the attempt, the failure and the fix", () => {
    expect(
      explainAwsError(
        Object.assign(new Error("Could not load credentials from any providers"), { name: "CredentialsProviderError" }),
        a,
      ),
    ).toBe(
      "S3 list s3://acme/gantry/db/base/ at http://127.0.0.1:9: no AWS credentials found (set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)",
    );
    // Node's connect failure: an AggregateError with an empty message, the code on its parts.
    const refused = Object.assign(new AggregateError([Object.assign(new Error(), { code: "ECONNREFUSED" })], ""), {});
    expect(explainAwsError(refused, a)).toContain("cannot connect (ECONNREFUSED)");
    expect(explainAwsError(Object.assign(new Error("x"), { name: "NoSuchBucket" }), a)).toContain("the bucket does not exist");
    const denied = Object.assign(new Error("Access Denied"), { name: "AccessDenied", $metadata: { httpStatusCode: 403 } });
    expect(explainAwsError(denied, { what: "S3 list" })).toBe(
      "S3 list: access denied (AccessDenied); use credentials that may read it",
    );
    const other = Object.assign(new Error("slow down\nmore"), { name: "SlowDown", $metadata: { httpStatusCode: 503 } });
    expect(explainAwsError(other, { what: "S3 list" })).toBe("S3 list: SlowDown (HTTP 503): slow down");
  });
});
