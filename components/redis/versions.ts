/** The one place Redis versions are pinned, for both tiers. */
import { IMAGES, imageRef } from "../common/images";

/** Supported versions (the ElastiCache line) and what each pins. */
export const REDIS_VERSIONS = {
  "7.1": {
    /** ElastiCache `engineVersion`. */
    elasticacheEngineVersion: "7.1",
    /** ElastiCache parameter group family. */
    elasticacheFamily: "redis7",
    /**
     * In-cluster image, pinned by digest in components/common/images.ts. OSS Redis has no 7.1 line (ElastiCache's 7.1 is AWS's own);
     * 7.4 is the maintained 7.x line with the same commands and the CVE-2025-49844 fix.
     */
    image: imageRef(IMAGES.redis74),
  },
} as const;

/** A Redis version Gantry pins. */
export type RedisVersion = keyof typeof REDIS_VERSIONS;

/** True when `v` is a version in {@link REDIS_VERSIONS}. */
export function isRedisVersion(v: string): v is RedisVersion {
  return Object.prototype.hasOwnProperty.call(REDIS_VERSIONS, v);
}

/**
 * uid/gid the Redis and Sentinel pods run as. The image's `redis` user is 999; Gantry's start
 * scripts need no file of the image to be owned by it (config goes to an emptyDir, data to the
 * PVC made writable by fsGroup), so the pods run as a UID ≥ 10000 that owns nothing on the node.
 */
export const REDIS_UID = 10999;
