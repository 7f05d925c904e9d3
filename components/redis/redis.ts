/** The Redis component: one interface over ElastiCache (managed) and a StatefulSet (in-cluster). */
import * as pulumi from "@pulumi/pulumi";
import { baseLabels, type SecretKeyRef } from "../common/types";
import type { RedisArgs } from "./args";
import { resolveRedisArgs, validateRedisArgs } from "./defaults";
import { createInClusterRedis } from "./in-cluster";
import { createManagedRedis } from "./managed";
import type { EnvVar, RedisEndpoints } from "./outputs";

/**
 * Redis with authentication, replication and (in production) automatic failover. Apps should
 * consume {@link Redis.env}: it carries the URL, the password and, in-cluster with failover, the
 * Sentinel addresses.
 */
export class Redis extends pulumi.ComponentResource implements RedisEndpoints {
  /** Host of the primary. */
  public readonly endpoint: pulumi.Output<string>;
  /** Redis port. */
  public readonly port: pulumi.Output<number>;
  /** Secret key holding REDIS_URL. */
  public readonly redisUrl: SecretKeyRef;
  /** Secret key holding the password / auth token. */
  public readonly password: SecretKeyRef;
  /** Env vars for app containers (REDIS_URL, REDIS_PASSWORD, and Sentinel vars when used). */
  public readonly env: EnvVar[];
  /** ElastiCache replication group id (managed): CloudWatch alarms watch its member clusters. */
  public readonly replicationGroupId?: pulumi.Output<string>;

  constructor(name: string, args: RedisArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gantry:data:Redis", name, {}, opts);
    const resolved = resolveRedisArgs(args);
    const problems = validateRedisArgs(resolved, name);
    if (problems.length > 0) {
      const list = problems.map((p) => `  - ${p.path}: ${p.message}`).join("\n");
      throw new pulumi.ResourceError(`Redis "${name}" has invalid arguments:\n${list}`, this);
    }
    const labels = { ...resolved.labels, ...baseLabels("redis", name) };
    const out =
      resolved.tier === "managed"
        ? createManagedRedis(this, name, resolved, labels)
        : createInClusterRedis(this, name, resolved, labels);

    this.endpoint = out.endpoint;
    this.port = out.port;
    this.redisUrl = out.redisUrl;
    this.password = out.password;
    this.env = out.env;
    this.replicationGroupId = out.replicationGroupId;
    this.registerOutputs({
      endpoint: this.endpoint,
      port: this.port,
      redisUrl: this.redisUrl,
      password: this.password,
      env: this.env,
    });
  }
}
