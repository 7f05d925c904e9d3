/** Arguments of the Postgres component. */
import type { DataTier, Environment, Resources } from "../common/types";
import type { AwsHardening } from "../common/kms";
import type { ManagedNetwork } from "../common/network";
import type { DatabaseRole } from "./roles";

/** How the application user's password is produced. */
export const POSTGRES_CREDENTIALS = ["generated", "operator"] as const;
export type PostgresCredentials = (typeof POSTGRES_CREDENTIALS)[number];

/** Arguments of {@link Postgres}. */
export interface PostgresArgs {
  /** Environment; production turns on protection, Multi-AZ and synchronous replication. */
  readonly environment: Environment;
  /** Where Postgres runs: RDS ("managed") or a CloudNativePG Cluster ("in-cluster"). */
  readonly tier: DataTier;
  /** Kubernetes namespace for the connection Secret and the in-cluster objects. */
  readonly namespace: string;
  /** Major version, e.g. "17"; the exact engine version is pinned in versions.ts. */
  readonly version: string;
  /** Read/streaming replicas beyond the primary; production needs at least 1. */
  readonly replicas: number;
  /** Database the application uses. */
  readonly databaseName: string;
  /** Owner of that database; the application connects as this user. */
  readonly username: string;
  /** Allocated storage in GiB (initial size when maxStorageGb enables autoscaling). */
  readonly storageGb: number;
  /** Storage autoscaling ceiling in GiB (managed). @default no autoscaling */
  readonly maxStorageGb?: number;
  /** StorageClass for the volumes (in-cluster). @default the cluster's default StorageClass */
  readonly storageClass?: string;
  /** Postgres parameters (postgresql.conf) applied in both tiers. @default {} */
  readonly parameters?: Readonly<Record<string, string>>;
  /** Days of backups kept for point-in-time recovery. @default 14 in production, 7 otherwise */
  readonly backupRetentionDays?: number;
  /** RDS instance class (managed). @default "db.t4g.medium" */
  readonly instanceClass?: string;
  /** Multi-AZ standby for the primary (managed). @default environment === "production" */
  readonly multiAz?: boolean;
  /** RDS deletion protection (managed). @default environment === "production" */
  readonly deletionProtection?: boolean;
  /** Synchronous replication to one standby (in-cluster). @default production with replicas >= 1 */
  readonly synchronousReplication?: boolean;
  /** CPU/memory of each Postgres pod (in-cluster). @default 500m/1Gi requests, 2Gi memory limit */
  readonly resources?: Resources;
  /** PodMonitor (in-cluster) / Performance Insights + Enhanced Monitoring (managed). @default true */
  readonly monitoring?: boolean;
  /** Enhanced Monitoring interval in seconds, 0 to disable (managed). @default 60 when monitoring, else 0 */
  readonly monitoringIntervalSeconds?: number;
  /** "generated" (@pulumi/random) or "operator" (CNPG makes `<cluster>-app`; in-cluster only). @default "generated" */
  readonly credentials?: "generated" | "operator";
  /** VPC, subnets and allowed sources (managed; required there). @default none */
  readonly network?: ManagedNetwork;
  /** KMS key and log retention (managed). @default AWS-managed keys, 7-day logs */
  readonly aws?: AwsHardening;
  /** Namespace of the CloudNativePG operator, admitted to the status port (in-cluster). @default "cnpg-system" */
  readonly operatorNamespace?: string;
  /** Namespace of Prometheus, admitted to the metrics port when monitoring (in-cluster). @default "monitoring" */
  readonly metricsNamespace?: string;
  /** Protect the stateful resources from `pulumi destroy`. @default environment === "production" */
  readonly protect?: boolean;
  /** Extra labels (Kubernetes) / tags (AWS) on every child. @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /** In-cluster: the Barman Cloud plugin entry of `spec.plugins`, the WAL switch interval (RPO) and the store's IAM role. */
  readonly walArchive?: {
    readonly plugin: Readonly<Record<string, unknown>>;
    readonly archiveTimeoutSeconds: number;
    /** IAM role the instance pods assume for the object store (IRSA, on the Cluster's ServiceAccount). @default none */
    readonly roleArn?: string;
  };
  /**
   * Point-in-time restore into a second database next to the current one (`<name>-restored`):
   * the current one is left as it is. `source` is `primary` (this component's database) or
   * another RDS instance identifier / Barman Cloud server name. @default no restore
   */
  readonly restore?: { readonly targetTime: string; readonly source: string };
  /** Which database `databaseUrl` points at; `restored` needs `restore`. @default "current" */
  readonly serveFrom?: "current" | "restored";
  /**
   * Retire the current database after a cut-over (needs `restore` and `serveFrom: restored`):
   * `unprotect` makes it deletable with updates only, `delete` then stops declaring it (see
   * retire.ts). @default keep it
   */
  readonly retireCurrent?: "unprotect" | "delete";
  /** In-cluster: extra login roles (CNPG managed roles), e.g. the access roles' analyst. @default none */
  readonly roles?: readonly DatabaseRole[];
}
