/**
 * Runs the in-cluster Redis "pods" on loopback for the real failover test: each pod is the
 * project's own start script (START_REDIS / START_SENTINEL) run by sh with the env the
 * StatefulSets give it, executing Debian's real redis-server and redis-cli.
 *
 * What stands in for Kubernetes, per pod:
 * - DNS: a private /etc/hosts (bind-mounted in the pod's own mount namespace) maps every pod's
 *   stable name to its own 127.0.0.x;
 * - the pod's hostname: its own UTS namespace (`unshare -u` + `hostname`), so the script's
 *   `$(hostname)` is the real command;
 * - the pod's network namespace: a two-line `redis-server` in front of the real one on the pod's
 *   PATH adds `--bind <its address>`, so every pod listens on the same port, as in the cluster;
 * - its volumes: CONF_DIR and DATA_DIR (the scripts' overrides of /etc/... and /data) per pod;
 * - the pod's UID: the script runs as REDIS_UID, as in the pods.
 * Needs root (mount namespaces). Every process gets SIGKILL if the test worker dies.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import {
  chmodSync,
  chownSync,
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

export interface PodSpec {
  /** Pod name, also its hostname (kv-0, kv-sentinel-1). */
  name: string;
  /** Its stable DNS name (pod.headless-domain). */
  host: string;
  /** Its loopback address. */
  ip: string;
  port: number;
  /** The start script's source. */
  script: string;
  /** File the script writes its config to, inside CONF_DIR. */
  confFile: string;
}

export class Pod {
  readonly dir: string;
  proc: ChildProcess | undefined;
  exited: Promise<void> = Promise.resolve();
  /** True while the pod should be running: an exit then is a crash. */
  private wanted = false;

  constructor(
    readonly spec: PodSpec,
    private readonly cluster: LoopbackCluster,
  ) {
    this.dir = path.join(cluster.root, spec.name);
    for (const d of ["bin", "conf", "data"]) mkdirSync(path.join(this.dir, d), { recursive: true });
    writeFileSync(path.join(this.dir, "start.sh"), spec.script);
    const shim = `#!/bin/sh\nexec /usr/bin/redis-server "$@" --bind ${spec.ip}\n`;
    writeFileSync(path.join(this.dir, "bin", "redis-server"), shim);
    chmodSync(path.join(this.dir, "bin", "redis-server"), 0o755);
    for (const d of ["conf", "data"]) chownSync(path.join(this.dir, d), cluster.uid, cluster.uid);
  }

  /** Starts the pod's script (again, after a kill: same config dir, same data). */
  start(): void {
    const log = openSync(path.join(this.dir, "log"), "a");
    // unshare and sh exec, so the process spawned here ends up as redis-server itself.
    // setpriv twice: changing UID clears the parent-death signal, so it is set after the switch.
    const inPod = [
      `mount --bind "${this.cluster.hostsFile}" /etc/hosts`,
      `hostname "${this.spec.name}"`,
      `exec setpriv --reuid=${this.cluster.uid} --regid=${this.cluster.uid} --clear-groups setpriv --pdeathsig KILL sh "${path.join(this.dir, "start.sh")}"`,
    ].join(" && ");
    const proc = spawn("unshare", ["-m", "-u", "--propagation", "private", "sh", "-c", inPod], {
      env: {
        ...this.cluster.env,
        PATH: `${path.join(this.dir, "bin")}:/usr/sbin:/usr/bin:/sbin:/bin`,
        CONF_DIR: path.join(this.dir, "conf"),
        DATA_DIR: path.join(this.dir, "data"),
      },
      stdio: ["ignore", log, log],
    });
    closeSync(log);
    this.proc = proc;
    this.wanted = true;
    this.exited = new Promise((resolve) => proc.once("exit", () => resolve()));
  }

  /** SIGKILL, like a node failure: no shutdown, no final fsync or save. */
  async kill(): Promise<void> {
    const proc = this.proc;
    this.wanted = false;
    if (proc === undefined || proc.exitCode !== null || proc.signalCode !== null) return;
    proc.kill("SIGKILL");
    await this.exited;
  }

  /** True when the pod's process ended without being killed by the test. */
  crashed(): boolean {
    return this.wanted && this.proc !== undefined && (this.proc.exitCode !== null || this.proc.signalCode !== null);
  }

  /** Process name of the running pod: `redis-server` once the script has exec'd it. */
  command(): string {
    return readFileSync(`/proc/${this.proc?.pid}/comm`, "utf8").trim();
  }

  /** The config file the start script wrote. */
  conf(): string {
    return readFileSync(path.join(this.dir, "conf", this.spec.confFile), "utf8");
  }

  logTail(lines = 15): string {
    try {
      return readFileSync(path.join(this.dir, "log"), "utf8").trimEnd().split("\n").slice(-lines).join("\n");
    } catch {
      return "(no log)";
    }
  }

  /** Runs a command with the real redis-cli (one connection; several commands go one per line). */
  cli(...args: string[]): string {
    return this.cluster.cli(this.spec.ip, this.spec.port, args);
  }

  /** Like cli(), but undefined when the server does not answer (down, or still loading). */
  tryCli(...args: string[]): string | undefined {
    try {
      return this.cli(...args);
    } catch {
      return undefined;
    }
  }

  /** The reply to one command, error replies included (undefined when the server does not answer). */
  reply(...args: string[]): string | undefined {
    try {
      return this.cli(...args).trim();
    } catch (e) {
      const err = e as { stdout?: string; message: string };
      return (err.stdout ?? err.message).trim() || undefined;
    }
  }

  /** Sends `commands` (one per line) over a single connection; returns one reply per line. */
  pipe(commands: string[]): string[] {
    return this.cluster
      .cli(this.spec.ip, this.spec.port, [], commands.join("\n") + "\n")
      .trimEnd()
      .split("\n");
  }
}

export class LoopbackCluster {
  readonly root: string;
  readonly hostsFile: string;
  readonly pods: Pod[] = [];

  constructor(
    specs: PodSpec[],
    readonly env: Record<string, string>,
    readonly uid: number,
  ) {
    if (process.getuid?.() !== 0) {
      throw new Error("the Redis failover test runs as root: each pod gets its own mount namespace for /etc/hosts");
    }
    if (!existsSync("/usr/bin/redis-server") || !existsSync("/usr/bin/redis-cli")) {
      throw new Error("redis-server/redis-cli missing: run `bash scripts/setup/tools-hardening.sh` (or `npm run setup`)");
    }
    this.root = mkdtempSync(path.join(tmpdir(), "gantry-redis-"));
    this.hostsFile = path.join(this.root, "hosts");
    // The pods run as `uid` and must reach their own directories under the (0700) temp dir.
    chmodSync(this.root, 0o755);
    const hosts = ["127.0.0.1 localhost", ...specs.map((s) => `${s.ip} ${s.host} ${s.name}`)];
    writeFileSync(this.hostsFile, hosts.join("\n") + "\n");
    for (const s of specs) this.pods.push(new Pod(s, this));
  }

  cli(ip: string, port: number, args: string[], input?: string): string {
    const out = execFileSync("redis-cli", ["-h", ip, "-p", String(port), "--raw", ...args], {
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin", REDISCLI_AUTH: this.env.REDIS_PASSWORD! },
      encoding: "utf8",
      stdio: ["pipe", "pipe", "pipe"],
      timeout: 5000,
      input,
    });
    if (/^(ERR|NOAUTH|LOADING|MASTERDOWN|READONLY|WRONGPASS)\b/m.test(out)) throw new Error(out.trim());
    return out;
  }

  /**
   * Polls `probe` every 100 ms until it returns a value, for at most `withinMs`; returns the value
   * and the time it took. Fails at once when a pod crashes, and on timeout, with the pods' logs.
   */
  async until<T>(what: string, withinMs: number, probe: () => T | undefined): Promise<{ value: T; ms: number }> {
    const start = performance.now();
    for (;;) {
      const value = probe();
      const ms = performance.now() - start;
      if (value !== undefined) return { value, ms };
      const crashed = this.pods.filter((p) => p.crashed()).map((p) => p.spec.name);
      if (crashed.length > 0) throw new Error(`${what}: ${crashed.join(", ")} exited\n${this.logs()}`);
      if (ms > withinMs) throw new Error(`${what}: not within ${withinMs} ms\n${this.logs()}`);
      await sleep(100);
    }
  }

  /** Every pod's last log lines, for failure messages. */
  logs(): string {
    return this.pods.map((p) => `--- ${p.spec.name}\n${p.logTail()}`).join("\n");
  }

  async stop(): Promise<void> {
    await Promise.all(this.pods.map((p) => p.kill()));
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** `key:value` lines of INFO as a map. */
export function info(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const i = line.indexOf(":");
    if (i > 0 && !line.startsWith("#")) out[line.slice(0, i)] = line.slice(i + 1);
  }
  return out;
}

/** A flat [k1, v1, k2, v2, ...] reply (SENTINEL MASTER) as a map. */
export function pairs(text: string): Record<string, string> {
  const l = text.trimEnd().split("\n");
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < l.length; i += 2) out[l[i]!] = l[i + 1]!;
  return out;
}
