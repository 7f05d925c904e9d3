// Pure defaults and validation of the Redis component: no Pulumi runtime involved.
import { describe, expect, it } from "vitest";
import type { RedisArgs } from "../../components/redis/args";
import { resolveRedisArgs, validateRedisArgs } from "../../components/redis/defaults";
import { inClusterNames, redisUrl, SENTINEL_QUORUM } from "../../components/redis/naming";

const network = { vpcId: "vpc-1", subnetIds: ["subnet-a", "subnet-b"], allowedSecurityGroupIds: ["sg-app"], allowedCidrs: [] };
const base: RedisArgs = {
  environment: "production",
  tier: "managed",
  namespace: "app",
  version: "7.1",
  replicas: 1,
  storageGb: 5,
  network,
};
const problems = (a: Partial<RedisArgs>, name?: string) => validateRedisArgs(resolveRedisArgs({ ...base, ...a }), name);

describe("resolveRedisArgs", () => {
  it("fails over whenever there is a replica, and keeps a week of snapshots in production", () => {
    expect(resolveRedisArgs(base)).toMatchObject({
      failover: true,
      snapshotRetentionDays: 7,
      protect: true,
      nodeType: "cache.t4g.small",
    });
  });

  it("keeps staging single-node, unprotected, one day of snapshots", () => {
    expect(resolveRedisArgs({ ...base, environment: "staging", replicas: 0 })).toMatchObject({
      failover: false,
      snapshotRetentionDays: 1,
      protect: false,
      credentials: "generated",
    });
  });

  it("keeps explicit falsy values (?? not ||)", () => {
    const r = resolveRedisArgs({ ...base, environment: "staging", failover: false, snapshotRetentionDays: 0 });
    expect(r.failover).toBe(false);
    expect(r.snapshotRetentionDays).toBe(0);
  });
});

describe("validateRedisArgs", () => {
  it("accepts valid managed and in-cluster configurations", () => {
    expect(problems({})).toEqual([]);
    expect(
      problems({
        tier: "in-cluster",
        network: undefined,
        environment: "development",
        replicas: 0,
        credentials: { existingSecret: { name: "redis-pw", key: "password" } },
      }),
    ).toEqual([]);
  });

  it.each<[string, Partial<RedisArgs>, string]>([
    ["production without replicas", { replicas: 0 }, "replicas"],
    ["production without failover", { failover: false }, "failover"],
    ["failover with nothing to fail over to", { environment: "staging", replicas: 0, failover: true }, "failover"],
    ["managed without network", { network: undefined }, "network"],
    ["the internet in allowedCidrs", { network: { ...network, allowedCidrs: ["0.0.0.0/0"] } }, "network.allowedCidrs"],
    ["an existing secret on ElastiCache", { credentials: { existingSecret: { name: "pw", key: "password" } } }, "credentials"],
    [
      "an existing secret without key",
      { tier: "in-cluster", credentials: { existingSecret: { name: "pw", key: "" } } },
      "credentials",
    ],
    ["an unpinned version", { version: "6.2" }, "version"],
    ["a non-ElastiCache node type", { nodeType: "t4g.small" }, "nodeType"],
    ["negative snapshot retention", { snapshotRetentionDays: -1 }, "snapshotRetentionDays"],
    ["no production snapshots", { snapshotRetentionDays: 0 }, "snapshotRetentionDays"],
    ["unprotected production", { protect: false }, "protect"],
    ["zero storage", { storageGb: 0 }, "storageGb"],
    ["too many replicas", { replicas: 9 }, "replicas"],
  ])("rejects %s at its path", (_why, a, path) => {
    const found = problems(a);
    expect(found.map((p) => p.path)).toContain(path);
    for (const p of found) expect(p.message).toContain(p.path.split(".")[0]!);
  });

  it("reports every problem at once", () => {
    const paths = problems({ replicas: 0, failover: false, network: undefined, version: "5" }).map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(["replicas", "failover", "network", "version"]));
  });

  it("rejects a component name too long for ElastiCache and pod names", () => {
    expect(problems({}, "a-very-long-redis-component-name-x").map((p) => p.path)).toEqual(["name"]);
  });
});

describe("naming", () => {
  it("lists three sentinels with a majority quorum", () => {
    expect(SENTINEL_QUORUM).toBe(2);
    expect(inClusterNames("cache", "app").sentinels.split(",")).toEqual([
      "cache-sentinel-0.cache-sentinel-headless.app.svc.cluster.local:26379",
      "cache-sentinel-1.cache-sentinel-headless.app.svc.cluster.local:26379",
      "cache-sentinel-2.cache-sentinel-headless.app.svc.cluster.local:26379",
    ]);
  });

  it("builds secret URLs with a password and plain ones without", async () => {
    const pulumi = await import("@pulumi/pulumi");
    const withPw = redisUrl({ tls: true, host: "h", port: 6379, password: "pw" });
    const without = redisUrl({ tls: false, host: "h", port: 6379, db: 0 });
    expect(await pulumi.isSecret(withPw)).toBe(true);
    expect(await pulumi.isSecret(without)).toBe(false);
    expect(await new Promise((r) => withPw.apply(r))).toBe("rediss://:pw@h:6379");
    expect(await new Promise((r) => without.apply(r))).toBe("redis://h:6379/0");
  });
});
