/**
 * Defaults and validation for {@link RedisArgs}: pure functions, tested without mocks.
 * The component resolves, then validates, then creates its first child.
 */
import { DATA_TIERS, ENVIRONMENTS, type Resources } from "../common/types";
import { type Problem, validateNetwork } from "../common/network";
import type { RedisArgs, RedisCredentials } from "./args";
import { isRedisVersion } from "./versions";

/** RedisArgs with every default applied. */
export interface ResolvedRedisArgs extends Required<Omit<RedisArgs, "network" | "storageClass" | "aws">> {
  readonly network: RedisArgs["network"];
  readonly aws: NonNullable<RedisArgs["aws"]>;
  readonly storageClass: string | undefined;
  readonly credentials: RedisCredentials;
}

/** Pod resources when none are given: a small cache. */
export const DEFAULT_REDIS_RESOURCES: Resources = {
  requests: { cpu: "100m", memory: "256Mi" },
  limits: { memory: "512Mi" },
};

/** Applies every default. Uses `??` so an explicit 0 or false is kept. */
export function resolveRedisArgs(args: RedisArgs): ResolvedRedisArgs {
  const production = args.environment === "production";
  return {
    ...args,
    failover: args.failover ?? args.replicas >= 1,
    nodeType: args.nodeType ?? "cache.t4g.small",
    snapshotRetentionDays: args.snapshotRetentionDays ?? (production ? 7 : 1),
    storageClass: args.storageClass,
    resources: args.resources ?? DEFAULT_REDIS_RESOURCES,
    credentials: args.credentials ?? "generated",
    network: args.network,
    aws: args.aws ?? { logRetentionDays: 7 },
    protect: args.protect ?? production,
    labels: args.labels ?? {},
  };
}

const DNS_LABEL = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * Every problem with resolved args, each naming the argument and the fix. `name` is the
 * component name: it names the StatefulSets, Services and Secrets, so it must be a short DNS label.
 */
export function validateRedisArgs(a: ResolvedRedisArgs, name = "redis"): Problem[] {
  const p: Problem[] = [];
  const add = (path: string, message: string) => p.push({ path, message });
  const production = a.environment === "production";
  const managed = a.tier === "managed";

  // ElastiCache replication group ids are at most 40 characters; pod names add "-sentinel-N".
  if (!DNS_LABEL.test(name) || name.length > 30) {
    add("name", `component name "${name}" must be a lowercase DNS label of at most 30 characters.`);
  }
  if (!ENVIRONMENTS.includes(a.environment)) {
    add("environment", `\`environment\` "${a.environment}" is unknown: use one of ${ENVIRONMENTS.join(", ")}.`);
  }
  if (!DATA_TIERS.includes(a.tier)) add("tier", `\`tier\` "${a.tier}" is unknown: use one of ${DATA_TIERS.join(", ")}.`);
  if (!DNS_LABEL.test(a.namespace)) add("namespace", `\`namespace\` "${a.namespace}" must be a lowercase DNS label, e.g. "app".`);
  if (!isRedisVersion(a.version))
    add("version", `\`version\` "${a.version}" is not pinned: use "7.1" (see components/redis/versions.ts).`);

  if (!Number.isInteger(a.replicas) || a.replicas < 0 || a.replicas > 5) {
    add("replicas", `\`replicas\` must be an integer from 0 to 5 (got ${a.replicas}).`);
  } else if (production && a.replicas < 1) {
    add("replicas", "`replicas` must be >= 1 in production: failover needs a replica to promote.");
  } else if (a.failover && a.replicas < 1) {
    add("failover", "`failover` needs `replicas` >= 1: there is nothing to fail over to.");
  }
  if (production && !a.failover)
    add("failover", "`failover` cannot be false in production: a primary loss must not need a human.");
  if (production && !a.protect)
    add("protect", "`protect` cannot be false in production: production data must not be destroyable by `pulumi destroy`.");
  if (!Number.isInteger(a.storageGb) || a.storageGb < 1)
    add("storageGb", `\`storageGb\` must be an integer >= 1 (got ${a.storageGb}).`);

  if (typeof a.credentials === "object") {
    const s = a.credentials.existingSecret;
    if (!/^[a-z0-9]([-.a-z0-9]{0,251}[a-z0-9])?$/.test(s?.name ?? "")) {
      add("credentials", "`credentials.existingSecret.name` must be a Kubernetes Secret name.");
    }
    if (!s?.key) add("credentials", "`credentials.existingSecret.key` is empty: name the key that holds the password.");
    if (managed) {
      add(
        "credentials",
        '`credentials.existingSecret` cannot set an ElastiCache auth token: use "generated" for the managed tier.',
      );
    }
  } else if (a.credentials !== "generated") {
    add("credentials", '`credentials` must be "generated" or { existingSecret: { name, key } }.');
  }

  if (managed) {
    if (a.network === undefined) {
      add("network", "`network` is required for the managed tier: pass vpcId, subnetIds and the allowed security groups/CIDRs.");
    } else {
      p.push(...validateNetwork(a.network));
    }
    if (!a.nodeType.startsWith("cache."))
      add("nodeType", `\`nodeType\` "${a.nodeType}" must be an ElastiCache node type such as "cache.t4g.small".`);
    if (!Number.isInteger(a.snapshotRetentionDays) || a.snapshotRetentionDays < 0 || a.snapshotRetentionDays > 35) {
      add("snapshotRetentionDays", `\`snapshotRetentionDays\` must be an integer from 0 to 35 (got ${a.snapshotRetentionDays}).`);
    } else if (production && a.snapshotRetentionDays < 1) {
      add("snapshotRetentionDays", "`snapshotRetentionDays` must be >= 1 in production: keep at least a daily snapshot.");
    }
  }
  return p;
}
