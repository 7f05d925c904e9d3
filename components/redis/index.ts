/** Redis: ElastiCache or a Sentinel-managed StatefulSet behind one interface. */
export { Redis } from "./redis";
export type { ExistingSecretCredentials, RedisArgs, RedisCredentials } from "./args";
export type { EnvVar, RedisEndpoints } from "./outputs";
export { DEFAULT_REDIS_RESOURCES, resolveRedisArgs, validateRedisArgs } from "./defaults";
export type { ResolvedRedisArgs } from "./defaults";
export { networkPolicySpec } from "./in-cluster";
export * from "./naming";
export { SENTINEL_TIMINGS } from "./scripts";
export { REDIS_VERSIONS, type RedisVersion } from "./versions";
