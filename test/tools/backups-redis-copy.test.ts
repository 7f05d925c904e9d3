// The redis-backup CronJob's two steps for real: the dump command it ships (`redis-cli --rdb`
// against a password-protected redis-server on loopback), then scripts/copy-rdb.py uploading the
// snapshot to moto's S3 and deleting copies past their retention. The copy is then loaded into
// a second redis-server to prove it is a usable backup.
import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RDB_DUMP_COMMAND } from "../../components/backups/cronjobs";
import { ROOT } from "./cli";
import { BUCKET, freePort, s3Python, startMoto, TOOL_ENV, VENV } from "./backups-servers";

const PASSWORD = "drill-test-password";
const dir = mkdtempSync(path.join(tmpdir(), "gantry-rdb-"));
const procs: ChildProcess[] = [];
let s3 = "";
let redisPort = 0;

async function startRedis(args: string[]): Promise<number> {
  const port = await freePort();
  const p = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", ...args], {
    stdio: "ignore",
  });
  procs.push(p);
  for (let i = 0; i < 100; i++) {
    const ping = spawnSync("redis-cli", ["-p", String(port), "-a", PASSWORD, "--no-auth-warning", "ping"], { encoding: "utf8" });
    if (ping.stdout.trim() === "PONG") return port;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("redis-server did not start");
}

const cli = (port: number, ...args: string[]) =>
  execFileSync("redis-cli", ["-p", String(port), "-a", PASSWORD, "--no-auth-warning", ...args], { encoding: "utf8" }).trim();

/** The CronJob's dump step: its exact shell, with the pod's paths moved into the test folder. */
function dump(): string {
  const auth = path.join(dir, "redis-auth");
  const backup = path.join(dir, "backup");
  mkdirSync(auth, { recursive: true });
  mkdirSync(backup, { recursive: true });
  writeFileSync(path.join(auth, "password"), PASSWORD);
  const command = RDB_DUMP_COMMAND.replaceAll("/etc/redis-auth", auth).replaceAll("/backup", backup);
  execFileSync("sh", ["-c", command], {
    env: { ...process.env, REDIS_HOST: "127.0.0.1", REDIS_PORT: String(redisPort) },
    stdio: "pipe",
  });
  return path.join(backup, "dump.rdb");
}

function copy(file: string, now: string) {
  return spawnSync(`${VENV}/bin/python`, [path.join(ROOT, "components/backups/scripts/copy-rdb.py")], {
    encoding: "utf8",
    env: {
      ...process.env,
      ...TOOL_ENV,
      RDB_FILE: file,
      RDB_DESTINATION: `s3://${BUCKET}/gantry-test`,
      RDB_SERVER_NAME: "cache",
      RDB_RETENTION_DAYS: "7",
      RDB_ENDPOINT_URL: s3,
      RDB_NOW: now,
    },
  });
}

const keys = () =>
  s3Python(
    s3,
    `print("\\n".join(o["Key"] for o in s3.list_objects_v2(Bucket="${BUCKET}", Prefix="gantry-test/redis/cache/").get("Contents", [])))`,
  )
    .trim()
    .split("\n")
    .filter(Boolean);

beforeAll(async () => {
  const s3Port = await freePort();
  procs.push(await startMoto(s3Port));
  s3 = `http://127.0.0.1:${s3Port}`;
  redisPort = await startRedis(["--requirepass", PASSWORD]);
  for (let i = 0; i < 100; i++) cli(redisPort, "set", `order:${i}`, `total-${i}`);
  // Two earlier copies: one past the 7-day retention, one inside it.
  s3Python(
    s3,
    ["20261101T023000Z", "20261201T023000Z"]
      .map((t) => `s3.put_object(Bucket="${BUCKET}", Key="gantry-test/redis/cache/dump-${t}.rdb", Body=b"REDIS0011")`)
      .join("\n"),
  );
}, 60_000);

afterAll(() => {
  for (const p of procs) p.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
});

describe("redis-backup CronJob steps", () => {
  it("dumps an RDB with the password file, uploads it and deletes only copies past retention", async () => {
    const file = dump();
    expect(readFileSync(file).subarray(0, 5).toString()).toBe("REDIS");
    const r = copy(file, "2026-12-02T02:30:00Z");
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("kept 2 copies, deleted 1 older than 7 days");
    expect(keys().sort()).toEqual([
      "gantry-test/redis/cache/dump-20261201T023000Z.rdb",
      "gantry-test/redis/cache/dump-20261202T023000Z.rdb",
    ]);

    // The uploaded copy is a real backup: a fresh redis-server loads it and serves the keys.
    const restored = path.join(dir, "restored");
    mkdirSync(restored);
    s3Python(s3, `s3.download_file("${BUCKET}", "gantry-test/redis/cache/dump-20261202T023000Z.rdb", "${restored}/dump.rdb")`);
    const port = await startRedis(["--requirepass", PASSWORD, "--dir", restored, "--dbfilename", "dump.rdb"]);
    expect(cli(port, "dbsize")).toBe("100");
    expect(cli(port, "get", "order:42")).toBe("total-42");
  });

  it("a run months later deletes every expired copy and keeps its own", () => {
    const r = copy(dump(), "2027-06-01T02:30:00Z");
    expect(r.status, r.stderr).toBe(0);
    expect(keys()).toEqual(["gantry-test/redis/cache/dump-20270601T023000Z.rdb"]);
  });

  it("refuses a file that is not an RDB snapshot and uploads nothing", () => {
    const bad = path.join(dir, "empty.rdb");
    writeFileSync(bad, "");
    const before = keys();
    const r = copy(bad, "2027-06-02T02:30:00Z");
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("is not an RDB snapshot (0 bytes)");
    expect(keys()).toEqual(before);
  });
});
