// Runs the in-cluster Redis/Sentinel start scripts for real (sh) with stub redis-cli/redis-server
// on PATH, to check the role each pod takes: the decision that prevents a split brain after failover.
import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { SENTINEL_TIMINGS, START_REDIS, START_SENTINEL } from "../../components/redis/scripts";

const DOMAIN = "kv-headless.app.svc.cluster.local";
const SDOMAIN = "kv-sentinel-headless.app.svc.cluster.local";

/** Runs `script` as pod `pod`; `sentinelAnswers` maps a sentinel host to what it replies. */
function run(script: string, pod: string, sentinelAnswers: Record<string, string> | undefined): string {
  const dir = mkdtempSync(path.join(tmpdir(), "redis-script-"));
  const bin = path.join(dir, "bin");
  execFileSync("mkdir", [bin]);
  const stub = (name: string, body: string) => {
    writeFileSync(path.join(bin, name), `#!/bin/sh\n${body}\n`);
    chmodSync(path.join(bin, name), 0o755);
  };
  stub("hostname", `echo ${pod}`);
  // redis-cli -h HOST ...: print the configured answer for HOST (nothing = unreachable).
  const cases = Object.entries(sentinelAnswers ?? {})
    .map(([host, answer]) => `  ${host}) printf '%s\\n' "${answer}" 6379 ;;`)
    .join("\n");
  stub("redis-cli", `[ "$REDISCLI_AUTH" = "pw" ] || exit 1\ncase "$2" in\n${cases}\n  *) exit 1 ;;\nesac`);
  stub("redis-server", `cat "$1"`);
  writeFileSync(path.join(dir, "start.sh"), script);
  const env: Record<string, string> = {
    PATH: `${bin}:${process.env.PATH}`,
    CONF_DIR: dir,
    REDIS_PASSWORD: "pw",
    HEADLESS_DOMAIN: DOMAIN,
    STATEFULSET: "kv",
  };
  if (sentinelAnswers !== undefined) {
    Object.assign(env, {
      SENTINEL_DOMAIN: SDOMAIN,
      SENTINEL_STATEFULSET: "kv-sentinel",
      SENTINEL_COUNT: "3",
      MASTER_NAME: "primary",
      QUORUM: "2",
    });
  }
  const out = execFileSync("sh", [path.join(dir, "start.sh")], { env, encoding: "utf8" });
  expect(readFileSync(path.join(dir, script === START_REDIS ? "redis.conf" : "sentinel.conf"), "utf8")).toBe(out);
  return out;
}

describe("start-redis.sh", () => {
  it("without Sentinel, pod 0 is the primary and the others replicate from it", () => {
    expect(run(START_REDIS, "kv-0", undefined)).not.toContain("replicaof");
    expect(run(START_REDIS, "kv-1", undefined)).toContain(`replicaof kv-0.${DOMAIN} 6379`);
  });

  it("writes auth for clients and for replication, AOF on the volume", () => {
    const conf = run(START_REDIS, "kv-0", undefined);
    expect(conf).toContain('requirepass "pw"');
    expect(conf).toContain('masterauth "pw"');
    expect(conf).toContain("appendonly yes");
    expect(conf).toContain("dir /data");
  });

  it("after a failover, a restarted pod 0 follows the primary Sentinel names instead of claiming the role", () => {
    const answers = { [`kv-sentinel-0.${SDOMAIN}`]: `kv-1.${DOMAIN}` };
    expect(run(START_REDIS, "kv-0", answers)).toContain(`replicaof kv-1.${DOMAIN} 6379`);
    expect(run(START_REDIS, "kv-1", answers)).not.toContain("replicaof");
  });

  it("asks the next sentinel when one is down, and ignores error replies", () => {
    const answers = {
      [`kv-sentinel-0.${SDOMAIN}`]: "NOAUTH Authentication required.",
      [`kv-sentinel-2.${SDOMAIN}`]: `kv-2.${DOMAIN}`,
    };
    expect(run(START_REDIS, "kv-0", answers)).toContain(`replicaof kv-2.${DOMAIN} 6379`);
  });

  it("falls back to pod 0 when no sentinel answers (first start)", () => {
    expect(run(START_REDIS, "kv-0", {})).not.toContain("replicaof");
    expect(run(START_REDIS, "kv-1", {})).toContain(`replicaof kv-0.${DOMAIN} 6379`);
  });
});

describe("start-sentinel.sh", () => {
  it("monitors pod 0 with quorum 2 on first start", () => {
    const conf = run(START_SENTINEL, "kv-sentinel-0", {});
    expect(conf).toContain(`sentinel monitor primary kv-0.${DOMAIN} 6379 2`);
    expect(conf).toContain('sentinel auth-pass primary "pw"');
    expect(conf).toContain(`sentinel announce-ip kv-sentinel-0.${SDOMAIN}`);
    // The timings the real failover test (test/tools/redis-failover.test.ts) bounds promotion by.
    expect(conf).toContain(`sentinel down-after-milliseconds primary ${SENTINEL_TIMINGS.downAfterMs}`);
    expect(conf).toContain(`sentinel failover-timeout primary ${SENTINEL_TIMINGS.failoverTimeoutMs}`);
  });

  it("a restarted sentinel adopts the primary its peers know, not pod 0", () => {
    const conf = run(START_SENTINEL, "kv-sentinel-0", { [`kv-sentinel-1.${SDOMAIN}`]: `kv-1.${DOMAIN}` });
    expect(conf).toContain(`sentinel monitor primary kv-1.${DOMAIN} 6379 2`);
  });
});
