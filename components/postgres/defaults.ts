/**
 * Defaults and validation for {@link PostgresArgs}: pure functions, tested without mocks.
 * The component resolves, then validates, then creates its first child.
 */
import { DATA_TIERS, ENVIRONMENTS, type Resources } from "../common/types";
import type { PostgresArgs, PostgresCredentials } from "./args";
import { type Problem, validateNetwork } from "../common/network";
import { isPostgresVersion } from "./versions";
import { CNPG_OPERATOR_NAMESPACE } from "./versions";

/** PostgresArgs with every default applied. */
export interface ResolvedPostgresArgs extends Required<
  Omit<PostgresArgs, "network" | "storageClass" | "maxStorageGb" | "walArchive" | "restore" | "roles" | "aws" | "retireCurrent">
> {
  readonly retireCurrent?: PostgresArgs["retireCurrent"];
  readonly network: PostgresArgs["network"];
  readonly restore?: PostgresArgs["restore"];
  readonly roles?: PostgresArgs["roles"];
  readonly walArchive?: PostgresArgs["walArchive"];
  readonly aws: NonNullable<PostgresArgs["aws"]>;
  readonly storageClass: string | undefined;
  readonly maxStorageGb: number | undefined;
  readonly credentials: PostgresCredentials;
}

/** Pod resources when none are given: enough for a small OLTP database. */
export const DEFAULT_POSTGRES_RESOURCES: Resources = {
  requests: { cpu: "500m", memory: "1Gi" },
  limits: { memory: "2Gi" },
};

/** Applies every default. Uses `??` so an explicit 0 or false is kept. */
export function resolvePostgresArgs(args: PostgresArgs): ResolvedPostgresArgs {
  const production = args.environment === "production";
  const monitoring = args.monitoring ?? true;
  return {
    ...args,
    parameters: args.parameters ?? {},
    backupRetentionDays: args.backupRetentionDays ?? (production ? 14 : 7),
    instanceClass: args.instanceClass ?? "db.t4g.medium",
    multiAz: args.multiAz ?? production,
    deletionProtection: args.deletionProtection ?? production,
    // Synchronous commit needs a standby to acknowledge; without replicas it would block writes.
    synchronousReplication: args.synchronousReplication ?? (production && args.replicas >= 1),
    resources: args.resources ?? DEFAULT_POSTGRES_RESOURCES,
    monitoring,
    monitoringIntervalSeconds: args.monitoringIntervalSeconds ?? (monitoring ? 60 : 0),
    credentials: args.credentials ?? "generated",
    network: args.network,
    aws: args.aws ?? { logRetentionDays: 7 },
    storageClass: args.storageClass,
    maxStorageGb: args.maxStorageGb,
    operatorNamespace: args.operatorNamespace ?? CNPG_OPERATOR_NAMESPACE,
    metricsNamespace: args.metricsNamespace ?? "monitoring",
    protect: args.protect ?? production,
    serveFrom: args.serveFrom ?? "current",
    labels: args.labels ?? {},
  };
}

const DNS_LABEL = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;
const PG_IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;
// Reserved by Postgres itself (superuser) or by RDS (its admin account).
const RESERVED_USERS = new Set(["postgres", "rdsadmin", "rds_superuser", "streaming_replica"]);
const MONITORING_INTERVALS = [0, 1, 5, 10, 15, 30, 60];

/**
 * Every problem with resolved args, each naming the argument and the fix. `name` is the
 * component name: it becomes the CNPG Cluster and Secret names, so it must be a DNS label.
 */
export function validatePostgresArgs(a: ResolvedPostgresArgs, name = "postgres"): Problem[] {
  const p: Problem[] = [];
  const add = (path: string, message: string) => p.push({ path, message });
  const production = a.environment === "production";
  const managed = a.tier === "managed";

  if (!DNS_LABEL.test(name) || name.length > 50) {
    add(
      "name",
      `component name "${name}" must be a lowercase DNS label of at most 50 characters (it names the Cluster, Secrets and Services).`,
    );
  }
  if (!ENVIRONMENTS.includes(a.environment)) {
    add("environment", `\`environment\` "${a.environment}" is unknown: use one of ${ENVIRONMENTS.join(", ")}.`);
  }
  if (!DATA_TIERS.includes(a.tier)) add("tier", `\`tier\` "${a.tier}" is unknown: use one of ${DATA_TIERS.join(", ")}.`);
  if (!DNS_LABEL.test(a.namespace)) add("namespace", `\`namespace\` "${a.namespace}" must be a lowercase DNS label, e.g. "app".`);
  if (!isPostgresVersion(a.version))
    add("version", `\`version\` "${a.version}" is not pinned: use "16" or "17" (see components/postgres/versions.ts).`);

  if (!Number.isInteger(a.replicas) || a.replicas < 0 || a.replicas > 5) {
    add("replicas", `\`replicas\` must be an integer from 0 to 5 (got ${a.replicas}).`);
  } else if (production && a.replicas < 1) {
    add("replicas", "`replicas` must be >= 1 in production (a replica is what failover promotes and what serves reads).");
  }
  if (!PG_IDENTIFIER.test(a.databaseName)) {
    add(
      "databaseName",
      `\`databaseName\` "${a.databaseName}" must be a lowercase identifier (letters, digits, _), at most 63 characters.`,
    );
  }
  if (!PG_IDENTIFIER.test(a.username)) {
    add("username", `\`username\` "${a.username}" must be a lowercase identifier (letters, digits, _), at most 63 characters.`);
  } else if (RESERVED_USERS.has(a.username)) {
    add("username", `\`username\` "${a.username}" is reserved: use an application user such as "app".`);
  }

  const minStorage = managed ? 20 : 1; // RDS gp3 starts at 20 GiB
  if (!Number.isInteger(a.storageGb) || a.storageGb < minStorage) {
    add("storageGb", `\`storageGb\` must be an integer >= ${minStorage} for the ${a.tier} tier (got ${a.storageGb}).`);
  }
  if (a.maxStorageGb !== undefined) {
    if (!managed)
      add(
        "maxStorageGb",
        "`maxStorageGb` applies to the managed tier only: remove it, or resize `storageGb` (CNPG resizes volumes in place).",
      );
    else if (!(a.maxStorageGb > a.storageGb))
      add(
        "maxStorageGb",
        `\`maxStorageGb\` (${a.maxStorageGb}) must be greater than \`storageGb\` (${a.storageGb}), or be left out to disable autoscaling.`,
      );
  }
  if (!Number.isInteger(a.backupRetentionDays) || a.backupRetentionDays < 1 || a.backupRetentionDays > 35) {
    add(
      "backupRetentionDays",
      `\`backupRetentionDays\` must be an integer from 1 to 35 (0 would disable point-in-time recovery); got ${a.backupRetentionDays}.`,
    );
  } else if (production && a.backupRetentionDays < 7) {
    add("backupRetentionDays", "`backupRetentionDays` must be >= 7 in production: keep a week of point-in-time recovery.");
  }
  for (const [key, value] of Object.entries(a.parameters)) {
    if (!/^[a-z_.]+$/.test(key))
      add("parameters", `\`parameters\` key "${key}" is not a Postgres parameter name (lowercase, dots, underscores).`);
    if (key === "rds.force_ssl" && value !== "1")
      add("parameters", "`parameters.rds.force_ssl` must stay 1: connections are TLS-only.");
  }

  if (a.serveFrom === "restored" && !a.restore)
    add("serveFrom", '`serveFrom` "restored" needs `restore` (a target time): there is no restored database to serve from.');
  if (a.retireCurrent !== undefined && (!a.restore || a.serveFrom !== "restored"))
    add(
      "retireCurrent",
      `\`retireCurrent\` "${a.retireCurrent}" retires the current database: it needs \`restore\` and \`serveFrom\` "restored" (cut over first).`,
    );
  if (a.restore && !managed && !a.walArchive)
    add("restore", "`restore` in-cluster needs `walArchive`: the restore replays the Barman Cloud object store's backups.");
  if (production && !a.protect)
    add("protect", "`protect` cannot be false in production: production data must not be destroyable by `pulumi destroy`.");
  if (managed) {
    if (a.network === undefined) {
      add("network", "`network` is required for the managed tier: pass vpcId, subnetIds and the allowed security groups/CIDRs.");
    } else {
      p.push(...validateNetwork(a.network));
    }
    if (a.credentials === "operator") {
      add("credentials", '`credentials` "operator" needs the CloudNativePG operator: use "generated" for the managed tier.');
    }
    if (!a.instanceClass.startsWith("db.")) {
      add("instanceClass", `\`instanceClass\` "${a.instanceClass}" must be an RDS class such as "db.t4g.medium".`);
    } else if (a.monitoring && /\.(micro|small)$/.test(a.instanceClass)) {
      // RDS rejects Performance Insights on micro/small classes at create time.
      add(
        "instanceClass",
        `\`instanceClass\` "${a.instanceClass}" does not support Performance Insights: use db.t4g.medium or larger, or set \`monitoring\` false.`,
      );
    }
    if (production && !a.multiAz)
      add("multiAz", "`multiAz` cannot be false in production: the primary needs a standby in another AZ.");
    if (production && !a.deletionProtection) add("deletionProtection", "`deletionProtection` cannot be false in production.");
    if (!MONITORING_INTERVALS.includes(a.monitoringIntervalSeconds)) {
      add("monitoringIntervalSeconds", `\`monitoringIntervalSeconds\` must be one of ${MONITORING_INTERVALS.join(", ")}.`);
    }
  } else {
    if (a.synchronousReplication && a.replicas < 1) {
      add("synchronousReplication", "`synchronousReplication` needs `replicas` >= 1: with no standby every commit would block.");
    }
    if (!DNS_LABEL.test(a.operatorNamespace))
      add("operatorNamespace", "`operatorNamespace` must be a DNS label (the CNPG operator's namespace).");
    if (!DNS_LABEL.test(a.metricsNamespace))
      add("metricsNamespace", "`metricsNamespace` must be a DNS label (Prometheus's namespace).");
  }
  return p;
}
