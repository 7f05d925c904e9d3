/** Arguments of the Redis component. */
import type { DataTier, Environment, Resources } from "../common/types";
import type { AwsHardening } from "../common/kms";
import type { ManagedNetwork } from "../common/network";

/** A password that already exists in a Kubernetes Secret (the `local` stack: no @pulumi/random). */
export interface ExistingSecretCredentials {
  readonly existingSecret: { readonly name: string; readonly key: string };
}

/** How the Redis password / auth token is produced. */
export type RedisCredentials = "generated" | ExistingSecretCredentials;

/** Arguments of {@link Redis}. */
export interface RedisArgs {
  /** Environment; production requires failover with at least one replica, and protection. */
  readonly environment: Environment;
  /** Where Redis runs: ElastiCache ("managed") or a StatefulSet ("in-cluster"). */
  readonly tier: DataTier;
  /** Kubernetes namespace for the connection Secrets and the in-cluster objects. */
  readonly namespace: string;
  /** Version line, e.g. "7.1"; exact engine version and image are pinned in versions.ts. */
  readonly version: string;
  /** Replica nodes beyond the primary. */
  readonly replicas: number;
  /** Automatic failover (ElastiCache) / Redis Sentinel (in-cluster). @default replicas >= 1 */
  readonly failover?: boolean;
  /** ElastiCache node type (managed). @default "cache.t4g.small" */
  readonly nodeType?: string;
  /** Days of daily snapshots kept (managed). @default 7 in production, 1 otherwise */
  readonly snapshotRetentionDays?: number;
  /** Size of each pod's AOF volume in GiB (in-cluster). */
  readonly storageGb: number;
  /** StorageClass for the volumes (in-cluster). @default the cluster's default StorageClass */
  readonly storageClass?: string;
  /** CPU/memory of each Redis pod (in-cluster). @default 100m/256Mi requests, 512Mi memory limit */
  readonly resources?: Resources;
  /** "generated" (@pulumi/random) or an existing Secret key (in-cluster only). @default "generated" */
  readonly credentials?: RedisCredentials;
  /** VPC, subnets and allowed sources (managed; required there). @default none */
  readonly network?: ManagedNetwork;
  /** KMS key and log retention (managed). @default AWS-managed keys, 7-day logs */
  readonly aws?: AwsHardening;
  /** Protect the stateful resources from `pulumi destroy`. @default environment === "production" */
  readonly protect?: boolean;
  /** Extra labels (Kubernetes) / tags (AWS) on every child. @default {} */
  readonly labels?: Readonly<Record<string, string>>;
}
