/** The Postgres component: one interface over RDS (managed) and CloudNativePG (in-cluster). */
import * as pulumi from "@pulumi/pulumi";
import { baseLabels, type SecretKeyRef } from "../common/types";
import type { PostgresArgs } from "./args";
import { resolvePostgresArgs, validatePostgresArgs } from "./defaults";
import { createInClusterPostgres } from "./in-cluster";
import { createManagedPostgres } from "./managed";
import type { PostgresEndpoints, RdsInstanceRef } from "./outputs";
import { createInClusterRestore } from "./restore";
import { liveDatabases, type LiveDatabases } from "./retire";

/**
 * Postgres with replication, backups and a connection Secret. Production gets protection,
 * Multi-AZ (managed) or synchronous replication (in-cluster), and at least one replica.
 */
export class Postgres extends pulumi.ComponentResource implements PostgresEndpoints {
  /** Host of the read-write primary. */
  public readonly primaryEndpoint: pulumi.Output<string>;
  /** Host for read-only traffic. */
  public readonly readerEndpoint: pulumi.Output<string>;
  /** Port of both endpoints. */
  public readonly port: pulumi.Output<number>;
  /** The application database. */
  public readonly databaseName: pulumi.Output<string>;
  /** Secret key holding DATABASE_URL; use with `valueFrom.secretKeyRef`. */
  public readonly databaseUrl: SecretKeyRef;
  /**
   * ARN of the serving RDS instance (managed): what AWS Backup selects and restore-tests. The
   * primary, or the restored copy once `serveFrom` is `restored` (backups follow the data).
   */
  public readonly instanceArn?: pulumi.Output<string>;
  /** Host of the point-in-time copy (`restore` set), else undefined. */
  public readonly restoredEndpoint?: pulumi.Output<string>;
  /** The database `databaseUrl` points at. */
  public readonly servingFrom: "current" | "restored";
  /**
   * RDS instances of the serving database, primary first (managed): what CloudWatch alarms and
   * the dashboard watch. Named by role, so following the copy updates alarms rather than renaming them.
   */
  public readonly rdsInstances?: readonly RdsInstanceRef[];
  /** Which databases exist and which one serves (CNPG Cluster / RDS component names). */
  public readonly databases: LiveDatabases;
  /**
   * Name of the serving database, where its newest backup is looked up (`gantry switch`'s
   * checklist): the RDS DBInstanceIdentifier (managed), or the CNPG Cluster name, which is also
   * its Barman Cloud server name (in-cluster).
   */
  public readonly serving: pulumi.Output<string>;
  /** DbiResourceId of the RDS primary (managed): IAM database authentication names it. */
  public readonly instanceResourceId?: pulumi.Output<string>;

  constructor(name: string, args: PostgresArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gantry:data:Postgres", name, {}, opts);
    const resolved = resolvePostgresArgs(args);
    const problems = validatePostgresArgs(resolved, name);
    if (problems.length > 0) {
      const list = problems.map((p) => `  - ${p.path}: ${p.message}`).join("\n");
      throw new pulumi.ResourceError(`Postgres "${name}" has invalid arguments:\n${list}`, this);
    }
    const labels = { ...resolved.labels, ...baseLabels("postgres", name) };
    const out =
      resolved.tier === "managed"
        ? createManagedPostgres(this, name, resolved, labels)
        : createInClusterPostgres(this, name, resolved, labels);

    const restored =
      resolved.restore && resolved.tier === "in-cluster"
        ? createInClusterRestore(this, name, resolved, labels, out.appCredentials)
        : out.restored;
    this.databases = liveDatabases(name, resolved);
    this.servingFrom = resolved.serveFrom;
    const serving = restored && resolved.serveFrom === "restored" ? restored : undefined;
    // Once the current database is retired, the copy is the primary and reader too.
    const retired = this.databases.current === undefined && serving !== undefined;
    this.primaryEndpoint = retired ? pulumi.output(serving.endpoint) : out.primaryEndpoint;
    this.readerEndpoint = retired ? pulumi.output(serving.readerEndpoint) : out.readerEndpoint;
    this.port = out.port;
    this.databaseName = out.databaseName;
    // serveFrom moves every DATABASE_URL reader (app, worker, migration Job) at once. Validated:
    // without a serving copy the current database is declared, so its URL exists.
    this.databaseUrl = serving ? serving.databaseUrl : out.databaseUrl!;
    this.restoredEndpoint = restored ? pulumi.output(restored.endpoint) : undefined;
    // What backs up, restore-tests, logs in to and watches the data follows it: AWS Backup, the
    // analyst's IAM database login, CloudWatch alarms and the dashboard.
    this.instanceArn = serving && out.restored?.instanceArn ? out.restored.instanceArn : out.instanceArn;
    this.instanceResourceId =
      serving && out.restored?.instanceResourceId ? out.restored.instanceResourceId : out.instanceResourceId;
    this.rdsInstances = serving && out.restored?.rdsInstances ? out.restored.rdsInstances : out.rdsInstances;
    this.serving = resolved.tier === "managed" ? this.rdsInstances![0]!.identifier : pulumi.output(this.databases.serving);
    this.registerOutputs({
      primaryEndpoint: this.primaryEndpoint,
      readerEndpoint: this.readerEndpoint,
      port: this.port,
      databaseName: this.databaseName,
      databaseUrl: this.databaseUrl,
      restoredEndpoint: this.restoredEndpoint,
      serving: this.serving,
    });
  }
}
