/** Arguments of the Backups component. Resource-free. */
import type * as pulumi from "@pulumi/pulumi";
import type { DataTier, Environment } from "../common/types";

/** AWS Backup Vault Lock: none, governance (removable by privileged IAM users), compliance (immutable). */
export const VAULT_LOCK_MODES = ["off", "governance", "compliance"] as const;
export type VaultLockMode = (typeof VAULT_LOCK_MODES)[number];

/** S3-compatible object store for the in-cluster tier (WAL archive, base backups, Redis RDB copies). */
export interface ObjectStoreArgs {
  /** Bucket name. */
  readonly bucket: string;
  /** Prefix inside the bucket. @default the namespace */
  readonly path?: string;
  /** Endpoint for non-AWS S3 (MinIO, Ceph…). @default AWS S3 */
  readonly endpoint?: string;
  /** Region of the bucket. @default unset (the SDK's default) */
  readonly region?: string;
  /** Existing Secret with ACCESS_KEY_ID / ACCESS_SECRET_KEY. @default the pod's IAM role (IRSA) */
  readonly credentialsSecret?: string;
  /**
   * IAM role of the pods that read and write the bucket without `credentialsSecret`: annotated
   * on the drill's and the Redis copy's ServiceAccounts (`eks.amazonaws.com/role-arn`).
   * @default none (the ServiceAccounts get no role; annotate them yourself or use credentialsSecret)
   */
  readonly roleArn?: string;
}

/** Restore drill settings. */
export interface DrillArgs {
  /** Run restore drills. @default environment === "production" */
  readonly enabled?: boolean;
  /** Five-field cron (UTC) of the drill. @default "0 5 * * 0" (Sunday 05:00) */
  readonly schedule?: string;
  /** Extra SQL that must return true on the restored copy (every table is read anyway). @default [] */
  readonly validationSql?: readonly string[];
  /** Tables (`schema.table`) that must hold at least this many rows in the restored copy. @default {} */
  readonly minRows?: Readonly<Record<string, number>>;
  /** Hours a restored test copy is kept for validation before AWS deletes it (managed). @default 4 */
  readonly validationWindowHours?: number;
  /** The newest backup must be younger than this many days. @default 2 */
  readonly maxAgeDays?: number;
  /** Where the in-cluster drill pushes its metrics. @default "http://pushgateway.monitoring.svc:9091" */
  readonly pushgatewayUrl?: string;
}

/** Arguments of {@link Backups}. */
export interface BackupsArgs {
  /** Environment: production gets vault lock, a drill and the long retention defaults. */
  readonly environment: Environment;
  /** Data tier: AWS Backup (managed) or Barman Cloud to an object store (in-cluster). */
  readonly tier: DataTier;
  /** Kubernetes namespace of the in-cluster objects. */
  readonly namespace: string;
  /** UTC hour of the daily backup (weekly +1 h on Sundays, monthly +2 h on the 1st). @default 1 */
  readonly startHour?: number;
  /** Days a daily backup is kept. @default 7 production, 3 staging, 1 development */
  readonly dailyRetentionDays?: number;
  /** Weeks a weekly backup is kept, 0 for none. @default 4 production, 1 staging, 0 development */
  readonly weeklyRetentionWeeks?: number;
  /** Months a monthly backup is kept, 0 for none. @default 12 production, 0 otherwise */
  readonly monthlyRetentionMonths?: number;
  /** Vault lock (managed). @default "governance" in production, "off" otherwise */
  readonly vaultLock?: VaultLockMode;
  /** Copy every recovery point to a vault in another region (managed). @default none */
  readonly crossRegionCopy?: { readonly region: string; readonly retentionDays?: number };
  /** WAL switch interval, the in-cluster RPO bound. @default 300 */
  readonly archiveTimeoutSeconds?: number;
  /** PITR window of RDS automated backups in days (reported, owned by Postgres). @default 7 */
  readonly pitrDays?: number;
  /** The in-cluster object store (required in-cluster). */
  readonly objectStore?: ObjectStoreArgs;
  /** Restore drill. */
  readonly drill?: DrillArgs;
  /** In-cluster Redis RDB copy to the object store. @default daily 02:30, kept 7 days */
  readonly redisCopy?: { readonly schedule?: string; readonly retentionDays?: number };
  /** What is backed up: the RDS primary (managed) or the CNPG cluster (in-cluster). */
  readonly postgres: {
    /** CNPG Cluster name (in-cluster) / component name: names the ObjectStore and the schedules. */
    readonly name: string;
    /**
     * The CNPG Cluster that serves, which the ScheduledBackups back up and the drill restores
     * (its Barman server name): `<name>-restored` after a cut-over. @default name
     */
    readonly servingCluster?: string;
    /** ARN of the RDS primary (managed). */
    readonly instanceArn?: pulumi.Input<string>;
    /** Database the drill validates. */
    readonly databaseName: string;
    /** Volume size, for the drill's scratch space. */
    readonly storageGb: number;
    /** Major version, selects the drill image. */
    readonly version: string;
  };
  /** In-cluster Redis to copy RDB snapshots of (in-cluster tier only). */
  readonly redis?: {
    /** Component name: the folder of its copies (`<store>/redis/<name>/`). */
    readonly name: string;
    /** Host of the Redis client Service. */
    readonly host: pulumi.Input<string>;
    readonly port: number;
    /** Secret key holding the Redis password. */
    readonly passwordSecret: { readonly name: pulumi.Input<string>; readonly key: string };
    /** Redis volume size: an RDB never exceeds it, so it sizes the dump's scratch volume. */
    readonly storageGb: number;
  };
  /** Protect the vault and its key from `pulumi destroy`. @default environment === "production" */
  readonly protect?: boolean;
}
