/**
 * Real servers on loopback for the backup and restore tests: moto's S3 server, a Prometheus
 * Pushgateway and a Postgres 15 that archives WAL with barman-cloud-wal-archive. Postgres and
 * barman run as the `postgres` user (initdb refuses root), everything in one scratch directory.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { chmodSync, chownSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import * as path from "node:path";

export const VENV = process.env.GANTRY_BACKUPS_VENV ?? "/var/cache/gantry/venv/backups";
export const PGBIN = "/usr/lib/postgresql/15/bin";
export const BUCKET = "gantry-drill";
/** The tools' environment: barman-cloud first on PATH, dummy credentials moto accepts. */
export const TOOL_ENV = {
  PATH: `${VENV}/bin:${PGBIN}:/usr/bin:/bin`,
  AWS_ACCESS_KEY_ID: "testing",
  AWS_SECRET_ACCESS_KEY: "testing",
  AWS_DEFAULT_REGION: "us-east-1",
};

const asRoot = process.getuid?.() === 0;

function command(cmd: string, args: string[], env: Record<string, string>): [string, string[]] {
  const pairs = Object.entries({ ...TOOL_ENV, ...env }).map(([k, v]) => `${k}=${v}`);
  return asRoot ? ["runuser", ["-u", "postgres", "--", "env", ...pairs, cmd, ...args]] : ["env", [...pairs, cmd, ...args]];
}

/** Runs `cmd` as the postgres user (when we are root) with `env`; returns stdout, throws on failure. */
export function asPostgres(cmd: string, args: string[], env: Record<string, string> = {}): string {
  const r = asPostgresResult(cmd, args, env);
  if (r.code !== 0) throw new Error(`${cmd} ${args.join(" ")} exited ${r.code}:\n${r.stderr}${r.stdout}`);
  return r.stdout;
}

/** Like {@link asPostgres} but returns the exit code, stdout and stderr instead of throwing. */
export function asPostgresResult(cmd: string, args: string[], env: Record<string, string> = {}) {
  const [file, argv] = command(cmd, args, env);
  const r = spawnSync(file, argv, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 16 << 20 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, output: `${r.stdout}${r.stderr}` };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Polls `url` until it answers 2xx (servers starting up); no assertion depends on the timing. */
async function waitForHttp(url: string, proc: ChildProcess, name: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (proc.exitCode !== null) throw new Error(`${name} exited with ${proc.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${name} did not answer on ${url}`);
}

/** A scratch directory the postgres user owns. */
export function scratchDir(): string {
  const dir = mkdtempSync("/tmp/gantry-restore-");
  chmodSync(dir, 0o755);
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }));
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }));
    chownSync(dir, uid, gid);
  }
  return dir;
}

/** moto's S3 server on `port` with the test bucket created. */
export async function startMoto(port: number): Promise<ChildProcess> {
  const moto = spawn(`${VENV}/bin/moto_server`, ["-H", "127.0.0.1", "-p", String(port)], {
    env: { ...process.env, ...TOOL_ENV },
    stdio: "ignore",
  });
  try {
    await waitForHttp(`http://127.0.0.1:${port}/`, moto, "moto_server");
    s3Python(`http://127.0.0.1:${port}`, `s3.create_bucket(Bucket="${BUCKET}")`);
  } catch (e) {
    moto.kill("SIGTERM");
    throw e;
  }
  return moto;
}

/** Runs Python with `s3` (a boto3 client for the endpoint) defined; returns stdout. */
export function s3Python(endpoint: string, code: string): string {
  const prelude = `import boto3\ns3 = boto3.client("s3", endpoint_url="${endpoint}")\n`;
  return execFileSync(`${VENV}/bin/python`, ["-c", prelude + code], { env: { ...process.env, ...TOOL_ENV }, encoding: "utf8" });
}

/**
 * A Pushgateway on `port` that keeps metrics in memory only: Debian's build defaults to
 * --persistence.file=/var/lib/prometheus/pushgateway.data, shared by every run on the machine, so
 * a group pushed by one test run would reappear in the next one's fresh server.
 */
export async function startPushgateway(port: number): Promise<ChildProcess> {
  const push = spawn("prometheus-pushgateway", [`--web.listen-address=127.0.0.1:${port}`, "--persistence.file="], {
    stdio: "ignore",
  });
  try {
    await waitForHttp(`http://127.0.0.1:${port}/-/ready`, push, "pushgateway");
  } catch (e) {
    push.kill("SIGTERM");
    throw e;
  }
  return push;
}

export interface Servers {
  dir: string;
  s3: string;
  pushgateway: string;
  /** `psql` against the source database; returns its unaligned output. */
  sql(query: string): string;
  /** `barman-cloud-*` arguments pointing at moto. */
  cloud: string[];
  source: string;
  /** Port of the source server (its socket is in `dir`). */
  port: number;
  /**
   * A base backup of the source as the Barman Cloud plugin takes it (gzip, the ObjectStore's data
   * compression) into `destination` under `serverName`.
   */
  baseBackup(serverName: string, destination?: string): void;
  /** Stops moto only (the object store going down); resolves once its port is closed. */
  stopS3(): Promise<void>;
  stop(): void;
}

/** Starts moto (with the bucket), the Pushgateway and an archiving Postgres. */
export async function startServers(serverName: string): Promise<Servers> {
  const dir = scratchDir();
  const procs: ChildProcess[] = [];
  const [s3Port, pushPort, pgPort] = [await freePort(), await freePort(), await freePort()];
  const s3 = `http://127.0.0.1:${s3Port}`;
  const pushgateway = `http://127.0.0.1:${pushPort}`;
  const source = `s3://${BUCKET}/gantry`;
  const cloud = ["--endpoint-url", s3];
  const data = path.join(dir, "source");
  let pgStarted = false;

  const stop = () => {
    if (pgStarted) asPostgresResult(`${PGBIN}/pg_ctl`, ["-D", data, "-m", "fast", "-w", "stop"]);
    for (const p of procs) p.kill("SIGTERM");
    rmSync(dir, { recursive: true, force: true });
  };
  let moto: ChildProcess | undefined;
  try {
    moto = await startMoto(s3Port);
    procs.push(moto);
    procs.push(await startPushgateway(pushPort));

    asPostgres(`${PGBIN}/initdb`, ["-D", data, "-U", "postgres", "-A", "trust", "--no-sync"]);
    // The WAL archiver gets the credentials inline: the server's own environment has none.
    const env = Object.entries(TOOL_ENV)
      .filter(([k]) => k.startsWith("AWS_"))
      .map(([k, v]) => `${k}=${v}`)
      .join(" ");
    // gzip, as the ObjectStore Gantry generates configures for WAL and base backups.
    const archive = `env ${env} ${VENV}/bin/barman-cloud-wal-archive --gzip --endpoint-url ${s3} ${source} ${serverName} %p`;
    const conf = [
      "listen_addresses = ''",
      `port = ${pgPort}`,
      `unix_socket_directories = '${dir}'`,
      "archive_mode = on",
      `archive_command = '${archive}'`,
      "fsync = off",
    ];
    asPostgres("sh", ["-c", `printf '%s\\n' "$@" >> ${data}/postgresql.conf`, "sh", ...conf]);
    asPostgres(`${PGBIN}/pg_ctl`, ["-D", data, "-l", path.join(dir, "source.log"), "-w", "start"]);
    pgStarted = true;
  } catch (e) {
    stop();
    throw e;
  }
  // psql and barman-cloud-backup reach the source the same way: its socket directory and port.
  const connect = ["-h", dir, "-p", String(pgPort), "-U", "postgres"];
  const sql = (query: string) => asPostgres(`${PGBIN}/psql`, [...connect, "-XAtq", "-v", "ON_ERROR_STOP=1", "-c", query]).trim();
  const stopS3 = () =>
    new Promise<void>((resolve) => {
      if (!moto || moto.exitCode !== null || moto.signalCode !== null) return resolve();
      moto.once("exit", () => resolve());
      moto.kill("SIGTERM");
    });
  const baseBackup = (serverName: string, destination = source) =>
    void asPostgres(`${VENV}/bin/barman-cloud-backup`, ["--gzip", ...cloud, ...connect, destination, serverName]);
  return { dir, s3, pushgateway, sql, cloud, source, port: pgPort, baseBackup, stopS3, stop };
}

/** The Pushgateway's /metrics samples of one grouping key, as `name → value`. */
export async function pushedMetrics(pushgateway: string, instance: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${pushgateway}/metrics`)).text();
  const out: Record<string, number> = {};
  for (const line of text.split("\n")) {
    const m = /^(\w+)\{([^}]*)\} (\S+)$/.exec(line);
    if (m && m[2]!.includes(`instance="${instance}"`) && m[2]!.includes('job="restore-drill"')) out[m[1]!] = Number(m[3]);
  }
  return out;
}
