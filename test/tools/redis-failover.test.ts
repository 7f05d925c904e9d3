// A real Redis failover: 3 data pods and 3 sentinels started by the project's own start scripts
// (components/redis/scripts.ts) on loopback, with Debian's redis-server and redis-cli. Kills the
// primary with SIGKILL and checks what the in-cluster Redis promises: a replica is promoted within
// Sentinel's configured timings, acknowledged writes survive, and the old primary, restarted by
// the same script, rejoins as a replica of the new one (one primary: no split brain).
// The stub tests in test/components/redis-scripts.test.ts cover the script's decision table.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inClusterNames, REDIS_PORT, SENTINEL_COUNT, SENTINEL_MASTER_NAME, SENTINEL_PORT } from "../../components/redis/naming";
import { scriptEnv } from "../../components/redis/pod";
import { SENTINEL_TIMINGS, START_REDIS, START_SENTINEL } from "../../components/redis/scripts";
import { REDIS_UID } from "../../components/redis/versions";
import { info, LoopbackCluster, pairs, type Pod } from "../helpers/redis-cluster";

/** The StatefulSet a Redis called `kv` in namespace `app` with 2 replicas and failover gets. */
const n = inClusterNames("kv", "app");
const DATA_PODS = 3;
const PASSWORD = randomBytes(16).toString("hex");
/** Sentinel's own bound: objectively down after downAfterMs, then one failover attempt. */
const PROMOTION_BOUND_MS = SENTINEL_TIMINGS.downAfterMs + SENTINEL_TIMINGS.failoverTimeoutMs;
/** Sentinels see each other via hello messages every 2 s and replicas via INFO every 10 s. */
const SETTLE_MS = 40_000;

const specs = [
  ...Array.from({ length: DATA_PODS }, (_, i) => ({
    name: `${n.statefulSet}-${i}`,
    host: `${n.statefulSet}-${i}.${n.headlessDomain}`,
    ip: `127.0.0.${11 + i}`,
    port: REDIS_PORT,
    script: START_REDIS,
    confFile: "redis.conf",
  })),
  ...Array.from({ length: SENTINEL_COUNT }, (_, i) => ({
    name: `${n.sentinelStatefulSet}-${i}`,
    host: `${n.sentinelStatefulSet}-${i}.${n.sentinelDomain}`,
    ip: `127.0.0.${21 + i}`,
    port: SENTINEL_PORT,
    script: START_SENTINEL,
    confFile: "sentinel.conf",
  })),
];
const env = {
  REDIS_PASSWORD: PASSWORD,
  REDISCLI_AUTH: PASSWORD,
  ...Object.fromEntries(scriptEnv(n, true).map((e) => [e.name, e.value])),
};

const cluster = new LoopbackCluster(specs, env, REDIS_UID);
const data = cluster.pods.slice(0, DATA_PODS);
const sentinels = cluster.pods.slice(DATA_PODS);
const replication = (p: Pod) => {
  const out = p.tryCli("INFO", "replication");
  return out === undefined ? undefined : info(out);
};
/** What `p` holds under every acknowledged key, in order. */
const acknowledgedOn = (p: Pod) =>
  p
    .cli("MGET", ...acknowledged.keys())
    .trimEnd()
    .split("\n");
const masterOf = (s: Pod) => s.tryCli("SENTINEL", "get-master-addr-by-name", SENTINEL_MASTER_NAME)?.split("\n")[0];

/** Keys written before the kill whose write a replica acknowledged (WAIT). */
const acknowledged = new Map<string, string>();
let oldPrimary: Pod;
let newPrimary: Pod;

beforeAll(async () => {
  // All at once, as the StatefulSets start them (podManagementPolicy: Parallel).
  for (const p of cluster.pods) p.start();
  await cluster.until("both replicas linked to kv-0", SETTLE_MS, () =>
    data.slice(1).every((p) => replication(p)?.master_link_status === "up") ? true : undefined,
  );
  await cluster.until("every sentinel knows the other sentinels and both replicas", SETTLE_MS, () =>
    sentinels.every((s) => {
      const m = pairs(s.tryCli("SENTINEL", "MASTER", SENTINEL_MASTER_NAME) ?? "");
      return m["num-other-sentinels"] === String(SENTINEL_COUNT - 1) && m["num-slaves"] === String(DATA_PODS - 1);
    })
      ? true
      : undefined,
  );
}, 2 * SETTLE_MS);

afterAll(async () => {
  await cluster.stop();
});

describe("Redis + Sentinel from the start scripts, real servers", () => {
  it("first start: pod 0 is the primary, the others replicate it, every sentinel monitors it", () => {
    expect(data.map((p) => replication(p)?.role)).toEqual(["master", "slave", "slave"]);
    for (const p of data.slice(1)) expect(replication(p)?.master_host).toBe(data[0]!.spec.host);
    expect(sentinels.map(masterOf)).toEqual(sentinels.map(() => data[0]!.spec.host));
    // Sentinel runs with the component's timings, not Redis's defaults.
    expect(sentinels[0]!.conf()).toContain(`down-after-milliseconds ${SENTINEL_MASTER_NAME} ${SENTINEL_TIMINGS.downAfterMs}`);
    expect(data.every((p) => p.command() === "redis-server")).toBe(true);
  });

  it("writes acknowledged by a replica (WAIT) before the kill", () => {
    oldPrimary = data[0]!;
    const keys = Array.from({ length: 200 }, (_, i) => [`order:${i}`, `v${i}-${randomBytes(4).toString("hex")}`] as const);
    const replies = oldPrimary.pipe([...keys.map(([k, v]) => `SET ${k} ${v}`), "WAIT 1 5000"]);
    expect(replies.slice(0, keys.length).every((r) => r === "OK")).toBe(true);
    expect(Number(replies.at(-1))).toBeGreaterThanOrEqual(1);
    for (const [k, v] of keys) acknowledged.set(k, v);
  });

  it(
    "SIGKILL of the primary: a replica is promoted within down-after + failover-timeout",
    async () => {
      const start = performance.now();
      await oldPrimary.kill();
      const { value } = await cluster.until("a replica promoted", PROMOTION_BOUND_MS, () =>
        data.slice(1).find((p) => replication(p)?.role === "master"),
      );
      const promotedMs = performance.now() - start;
      newPrimary = value;
      // Every sentinel names the promoted pod (clients asking any of them reach it).
      await cluster.until("all sentinels name the new primary", PROMOTION_BOUND_MS, () =>
        sentinels.every((s) => masterOf(s) === newPrimary.spec.host) ? true : undefined,
      );
      console.log(`redis failover: ${newPrimary.spec.name} promoted ${Math.round(promotedMs)} ms after SIGKILL`);
      expect(promotedMs).toBeLessThan(PROMOTION_BOUND_MS);
    },
    PROMOTION_BOUND_MS + SETTLE_MS,
  );

  it("every acknowledged write is on the new primary", () => {
    expect(acknowledgedOn(newPrimary)).toEqual([...acknowledged.values()]);
  });

  it(
    "the old primary, restarted by the same script, rejoins as a replica of the new one",
    async () => {
      oldPrimary.start();
      // Every reply from its first: a pod that came back as a primary, even only until Sentinel
      // demotes it, would take writes the real primary never sees (split brain, then lost).
      const roles: string[] = [];
      let firstWrite: string | undefined;
      await cluster.until("old primary linked to the new primary", SENTINEL_TIMINGS.failoverTimeoutMs, () => {
        const r = replication(oldPrimary);
        if (r === undefined) return undefined;
        roles.push(r.role ?? "");
        firstWrite ??= oldPrimary.reply("SET", "split:brain", "lost");
        return r.master_link_status === "up" ? true : undefined;
      });
      expect(new Set(roles)).toEqual(new Set(["slave"]));
      expect(firstWrite).toMatch(/^READONLY/);
      expect(replication(oldPrimary)?.master_host).toBe(newPrimary.spec.host);
      expect(acknowledgedOn(oldPrimary)).toEqual([...acknowledged.values()]);
    },
    SENTINEL_TIMINGS.failoverTimeoutMs + SETTLE_MS,
  );

  it(
    "a restarted sentinel names the new primary from its first answer, not pod 0",
    async () => {
      const s = sentinels[0]!;
      await s.kill();
      s.start();
      const answers: string[] = [];
      await cluster.until("restarted sentinel sees its peers again", SETTLE_MS, () => {
        const m = masterOf(s);
        if (m !== undefined) answers.push(m);
        const peers = pairs(s.tryCli("SENTINEL", "MASTER", SENTINEL_MASTER_NAME) ?? "")["num-other-sentinels"];
        return peers === String(SENTINEL_COUNT - 1) ? true : undefined;
      });
      expect(answers.length).toBeGreaterThan(0);
      expect(new Set(answers)).toEqual(new Set([newPrimary.spec.host]));
    },
    2 * SETTLE_MS,
  );

  it(
    "no split brain: exactly one primary, every replica and sentinel follows it",
    async () => {
      const third = data.find((p) => p !== oldPrimary && p !== newPrimary)!;
      // parallel-syncs: Sentinel moves the other replica over after the promotion.
      await cluster.until("the other replica follows the new primary", SENTINEL_TIMINGS.failoverTimeoutMs, () => {
        const r = replication(third);
        return r?.master_host === newPrimary.spec.host && r.master_link_status === "up" ? true : undefined;
      });
      const roles = data.map((p) => replication(p)?.role);
      expect(roles.filter((r) => r === "master")).toHaveLength(1);
      expect(roles.filter((r) => r === "slave")).toHaveLength(DATA_PODS - 1);
      expect(sentinels.map(masterOf)).toEqual(sentinels.map(() => newPrimary.spec.host));
      expect(Number(info(newPrimary.cli("INFO", "replication")).connected_slaves)).toBe(DATA_PODS - 1);
    },
    SENTINEL_TIMINGS.failoverTimeoutMs + SETTLE_MS,
  );
});
