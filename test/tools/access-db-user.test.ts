// The managed tier's analyst database user, for real: the exact psql command of the Job runs
// against Debian's Postgres 15 on loopback, where an `app` owner with CREATEROLE and the ADMIN
// option on pg_read_all_data / rds_iam stands in for the RDS master user (rds_iam is created by
// the setup, as RDS predefines it). Then the analyst is asked what it can do.
import { spawnSync } from "node:child_process";
import { chmodSync, chownSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analystUserSql, psqlCommand } from "../../components/access/database-user";

const PG_BIN = "/usr/lib/postgresql/15/bin";
let dir: string;
let port: number;
let urlFile: string;

function run(cmd: string, args: string[], asPostgres = false) {
  const r = asPostgres
    ? spawnSync("runuser", ["-u", "postgres", "--", cmd, ...args], { encoding: "utf8" })
    : spawnSync(cmd, args, { encoding: "utf8" });
  return { code: r.status, out: (r.stdout ?? "").trim(), err: (r.stderr ?? "").trim() };
}
/** psql as `user` on the test server; -At prints bare values. */
const sql = (user: string, statement: string) =>
  run("psql", [
    `postgresql://${user}@127.0.0.1:${port}/app?sslmode=disable`,
    "-X",
    "-At",
    "-v",
    "ON_ERROR_STOP=1",
    "-c",
    statement,
  ]);
const job = () => {
  const [cmd, ...args] = psqlCommand(urlFile, analystUserSql("analyst"));
  return run(cmd!, args);
};

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((res) => srv.listen(0, "127.0.0.1", res));
  const p = (srv.address() as { port: number }).port;
  await new Promise((res) => srv.close(res));
  return p;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "gantry-access-pg-"));
  chmodSync(dir, 0o755);
  const data = path.join(dir, "data");
  const uid = Number(run("id", ["-u", "postgres"]).out);
  chownSync(dir, uid, Number(run("id", ["-g", "postgres"]).out));
  port = await freePort();
  expect(run(`${PG_BIN}/initdb`, ["-D", data, "-A", "trust", "-U", "postgres"], true).code).toBe(0);
  const start = run(
    `${PG_BIN}/pg_ctl`,
    ["-D", data, "-w", "-l", path.join(dir, "log"), "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`, "start"],
    true,
  );
  expect(start.code, start.err).toBe(0);
  const setup = run("psql", [
    `postgresql://postgres@127.0.0.1:${port}/postgres`,
    "-X",
    "-v",
    "ON_ERROR_STOP=1",
    ...["CREATE ROLE rds_iam", "CREATE ROLE app LOGIN CREATEROLE", "CREATE DATABASE app OWNER app"].flatMap((c) => ["-c", c]),
    ...["GRANT pg_read_all_data TO app WITH ADMIN OPTION", "GRANT rds_iam TO app WITH ADMIN OPTION"].flatMap((c) => ["-c", c]),
  ]);
  expect(setup.code, setup.err).toBe(0);
  expect(sql("app", "CREATE TABLE orders (id int); INSERT INTO orders VALUES (1), (2);").code).toBe(0);
  urlFile = path.join(dir, "DATABASE_URL");
  writeFileSync(urlFile, `postgresql://app@127.0.0.1:${port}/app?sslmode=disable`, { mode: 0o400 });
}, 60_000);

afterAll(() => {
  if (!dir) return;
  run(`${PG_BIN}/pg_ctl`, ["-D", path.join(dir, "data"), "-m", "fast", "-w", "stop"], true);
  rmSync(dir, { recursive: true, force: true });
});

describe("the analyst database user Job (managed tier)", () => {
  it("creates the role as the owner, and a second run changes nothing and does not fail", () => {
    const first = job();
    expect(first.code, first.err).toBe(0);
    const second = job();
    expect(second.code, second.err).toBe(0);
    expect(sql("app", "SELECT count(*) FROM pg_roles WHERE rolname = 'analyst'").out).toBe("1");
  });

  it("makes the analyst an IAM-authenticated (rds_iam) reader of every table, nothing more", () => {
    expect(
      sql("analyst", "SELECT pg_has_role('analyst', 'rds_iam', 'member'), pg_has_role('analyst', 'pg_read_all_data', 'member')")
        .out,
    ).toBe("t|t");
    expect(
      sql("analyst", "SELECT rolsuper, rolcreatedb, rolcreaterole, rolconnlimit FROM pg_roles WHERE rolname = 'analyst'").out,
    ).toBe("f|f|f|10");
    expect(sql("analyst", "SELECT sum(id) FROM orders").out).toBe("3");
  });

  it.each([
    ["insert rows", "INSERT INTO orders VALUES (3)"],
    ["update rows", "UPDATE orders SET id = 9"],
    ["create tables", "CREATE TABLE notes (t text)"],
    ["drop tables", "DROP TABLE orders"],
  ])("refuses to let the analyst %s", (_, statement) => {
    const r = sql("analyst", statement);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/read-only transaction|permission denied|must be owner/);
    expect(sql("app", "SELECT count(*) FROM orders").out).toBe("2");
  });

  it("narrows a role someone widened by hand on the next run", () => {
    expect(sql("postgres", "ALTER ROLE analyst CREATEDB CONNECTION LIMIT -1").code).toBe(0);
    expect(job().code).toBe(0);
    expect(sql("app", "SELECT rolcreatedb, rolconnlimit FROM pg_roles WHERE rolname = 'analyst'").out).toBe("f|10");
  });

  it("fails loudly (non-zero) when the owner cannot grant, instead of half-creating the user", () => {
    writeFileSync(urlFile, `postgresql://nobody@127.0.0.1:${port}/app?sslmode=disable`);
    const r = job();
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/role "nobody" does not exist/);
    writeFileSync(urlFile, `postgresql://app@127.0.0.1:${port}/app?sslmode=disable`);
  });
});
