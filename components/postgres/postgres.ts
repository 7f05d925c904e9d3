/** The Postgres component: one interface over RDS (managed) and CloudNativePG (in-cluster). */
import * as pulumi from "@pulumi/pulumi";
import { baseLabels, type SecretKeyRef } from "../common/types";
import type { PostgresArgs } from "./args";
import { resolvePostgresArgs, validatePostgresArgs } from "./defaults";
import { createInClusterPostgres } from "./in-cluster";
import { createManagedPostgres } from "./managed";
import type { PostgresEndpoints } from "./outputs";

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
  /** ARN of the RDS primary (managed): what AWS Backup selects. */
  public readonly instanceArn?: pulumi.Output<string>;
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

    this.primaryEndpoint = out.primaryEndpoint;
    this.readerEndpoint = out.readerEndpoint;
    this.port = out.port;
    this.databaseName = out.databaseName;
    this.databaseUrl = out.databaseUrl;
    this.instanceArn = out.instanceArn;
    this.instanceResourceId = out.instanceResourceId;
    this.registerOutputs({
      primaryEndpoint: this.primaryEndpoint,
      readerEndpoint: this.readerEndpoint,
      port: this.port,
      databaseName: this.databaseName,
      databaseUrl: this.databaseUrl,
    });
  }
}
