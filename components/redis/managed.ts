/** The managed (AWS ElastiCache) flavour of Redis. */
import { loadAws } from "../common/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { createDataSecurityGroup } from "../common/security-group";
import { appEnv, createAuthSecret, createUrlSecret } from "./connection";
import type { ResolvedRedisArgs } from "./defaults";
import { REDIS_PORT, redisUrl } from "./naming";
import type { RedisEndpoints } from "./outputs";
import { REDIS_VERSIONS, type RedisVersion } from "./versions";

// UTC windows that do not overlap (ElastiCache rejects overlapping snapshot and maintenance windows).
const SNAPSHOT_WINDOW = "03:00-04:00";
const MAINTENANCE_WINDOW = "sun:05:00-sun:06:00";

/** ElastiCache logs delivered to CloudWatch Logs: slow commands and the engine's own log. */
export const ELASTICACHE_LOG_TYPES = ["slow-log", "engine-log"] as const;

/** Creates an ElastiCache replication group and the connection Secrets under `parent`. */
export function createManagedRedis(
  parent: pulumi.ComponentResource,
  name: string,
  a: ResolvedRedisArgs,
  k8sLabels: Record<string, string>,
): RedisEndpoints {
  const aws = loadAws();
  const network = a.network!; // validated: managed requires it
  const pinned = REDIS_VERSIONS[a.version as RedisVersion];
  const tags = { ...a.labels, "gantry:component": name, "gantry:environment": a.environment };
  const nodes = 1 + a.replicas;
  // Failover and Multi-AZ need a replica to promote; ElastiCache rejects them on one node.
  const failover = a.failover && nodes > 1;

  const subnets = new aws.elasticache.SubnetGroup(
    `${name}-subnets`,
    { subnetIds: [...network.subnetIds], description: `Redis ${name}`, tags },
    { parent },
  );
  const sg = createDataSecurityGroup(parent, name, network, REDIS_PORT, `Redis ${name}`, tags);
  const params = new aws.elasticache.ParameterGroup(
    `${name}-params`,
    { family: pinned.elasticacheFamily, description: `Redis ${name} (${a.environment})`, tags },
    { parent },
  );
  // Alphanumeric: ElastiCache rejects @ " / in tokens, and the token goes into a URL.
  // ElastiCache delivers into groups we name and own: retention and the key are ours from the start.
  const logDeliveryConfigurations = ELASTICACHE_LOG_TYPES.map((logType) => {
    const group = new aws.cloudwatch.LogGroup(
      `${name}-${logType}`,
      {
        name: `/gantry/${a.environment}/elasticache/${name}/${logType}`,
        retentionInDays: a.aws.logRetentionDays,
        kmsKeyId: a.aws.kmsKeyArn,
        tags,
      },
      { parent },
    );
    return { destinationType: "cloudwatch-logs", destination: group.name, logFormat: "json", logType };
  });
  const token = new random.RandomPassword(`${name}-auth-token`, { length: 48, special: false }, { parent });

  const group = new aws.elasticache.ReplicationGroup(
    `${name}-group`,
    {
      description: `Redis ${name} (${a.environment})`,
      engine: "redis",
      engineVersion: pinned.elasticacheEngineVersion,
      parameterGroupName: params.name,
      nodeType: a.nodeType,
      numCacheClusters: nodes,
      port: REDIS_PORT,
      automaticFailoverEnabled: failover,
      multiAzEnabled: failover,
      subnetGroupName: subnets.name,
      securityGroupIds: [sg.id],
      atRestEncryptionEnabled: true,
      kmsKeyId: a.aws.kmsKeyArn,
      logDeliveryConfigurations,
      // An auth token is only accepted with transit encryption on.
      transitEncryptionEnabled: true,
      authToken: token.result,
      // ROTATE keeps the old and the new token valid while clients pick up the new one.
      authTokenUpdateStrategy: "ROTATE",
      snapshotRetentionLimit: a.snapshotRetentionDays,
      snapshotWindow: SNAPSHOT_WINDOW,
      maintenanceWindow: MAINTENANCE_WINDOW,
      finalSnapshotIdentifier: `${name}-final-snapshot`,
      autoMinorVersionUpgrade: true,
      // Changes wait for the maintenance window: a stack update must never restart production.
      applyImmediately: false,
      tags,
    },
    { parent, protect: a.protect },
  );

  const url = redisUrl({
    tls: true,
    host: group.primaryEndpointAddress,
    port: group.port.apply((p) => p ?? REDIS_PORT),
    password: token.result,
  });
  const urlRef = createUrlSecret(parent, name, a.namespace, k8sLabels, url);
  const passwordRef = createAuthSecret(parent, name, a.namespace, k8sLabels, token.result);
  return {
    endpoint: group.primaryEndpointAddress,
    port: group.port.apply((p) => p ?? REDIS_PORT),
    redisUrl: urlRef,
    password: passwordRef,
    env: appEnv(urlRef, passwordRef),
    replicationGroupId: group.replicationGroupId,
  };
}
