/** Arguments of the managed tier's CloudWatch alarms. */
import type * as pulumi from "@pulumi/pulumi";
import type { Environment } from "../common/types";

/** One RDS instance to watch. */
export interface RdsInstance {
  /** Child-name part: `primary`, `replica-0`, … */
  readonly name: string;
  readonly role: "primary" | "replica";
  /** DBInstanceIdentifier (the metric dimension). */
  readonly identifier: pulumi.Input<string>;
  readonly instanceClass: string;
  readonly storageGb: number;
  /** @default "gp3" */
  readonly storageType?: "gp2" | "gp3" | "io1" | "io2";
  /** `max_connections` from the parameter group, when set. */
  readonly maxConnectionsParameter?: string;
}

/** An SNS subscription; the endpoint is passed on as a Pulumi secret. */
export interface Subscription {
  readonly name: string;
  readonly protocol: string;
  readonly endpoint: pulumi.Input<string>;
}

export interface ResolvedThresholds {
  readonly replicationLagSeconds: number;
  readonly rds: {
    readonly cpuPercent: number;
    readonly freeStoragePercent: number;
    readonly freeableMemoryPercent: number;
    readonly connectionsPercent: number;
    readonly burstBalancePercent: number;
    readonly cpuCreditBalance: number;
  };
  readonly elasticache: {
    readonly cpuPercent: number;
    readonly engineCpuPercent: number;
    readonly memoryPercent: number;
    readonly evictions: number;
  };
}

export interface CloudWatchAlarmsArgs {
  readonly environment: Environment;
  /** RDS instances (primary first); empty when Postgres is not managed. */
  readonly rds: readonly RdsInstance[];
  /** The ElastiCache replication group, when Redis is managed. */
  readonly elasticache?: { readonly replicationGroupId: pulumi.Input<string>; readonly nodes: number };
  /** Forward AWS Backup job failures (EventBridge) to the topic. @default false */
  readonly backupFailures?: boolean;
  /** The AWS Backup vault: alarm when no job completed into it for `maxAgeHours`. */
  readonly backupVault?: { readonly name: pulumi.Input<string>; readonly maxAgeHours: number };
  readonly thresholds: ResolvedThresholds;
  /** @default [] */
  readonly subscriptions?: readonly Subscription[];
  /** Extra tags on every resource. @default {} */
  readonly tags?: Record<string, string>;
}
