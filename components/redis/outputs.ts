/** The outputs both Redis flavours produce. */
import type * as pulumi from "@pulumi/pulumi";
import type { SecretKeyRef } from "../common/types";

/** One container env var: a plain value or a Secret key. */
export interface EnvVar {
  readonly name: string;
  readonly value?: pulumi.Input<string>;
  readonly valueFrom?: { readonly secretKeyRef: { readonly name: pulumi.Input<string>; readonly key: string } };
}

/** What apps need to reach Redis; identical for the managed and in-cluster tiers. */
export interface RedisEndpoints {
  /** Host of the primary (ElastiCache primary endpoint / in-cluster client Service). */
  readonly endpoint: pulumi.Output<string>;
  /** Redis port. */
  readonly port: pulumi.Output<number>;
  /** Secret key holding REDIS_URL (with the password, except with existing-secret credentials). */
  readonly redisUrl: SecretKeyRef;
  /** Secret key holding the password / auth token. */
  readonly password: SecretKeyRef;
  /**
   * Env vars for app containers: REDIS_URL and REDIS_PASSWORD from Secrets, plus
   * REDIS_SENTINELS and REDIS_SENTINEL_MASTER when in-cluster failover uses Sentinel.
   */
  readonly env: EnvVar[];
  /** ElastiCache replication group id (managed only): CloudWatch alarms watch its member clusters. */
  readonly replicationGroupId?: pulumi.Output<string>;
}
