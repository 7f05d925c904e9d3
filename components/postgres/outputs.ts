/** The outputs both Postgres flavours produce. */
import type * as pulumi from "@pulumi/pulumi";
import type { SecretKeyRef } from "../common/types";

/** What apps need to reach Postgres; identical for the managed and in-cluster tiers. */
export interface PostgresEndpoints {
  /** Host of the read-write primary. */
  readonly primaryEndpoint: pulumi.Output<string>;
  /** Host for read-only traffic (a replica, or the primary when there is none). */
  readonly readerEndpoint: pulumi.Output<string>;
  /** Port of both endpoints. */
  readonly port: pulumi.Output<number>;
  /** The application database. */
  readonly databaseName: pulumi.Output<string>;
  /** Secret key holding the full connection URL (with password). */
  readonly databaseUrl: SecretKeyRef;
  /** ARN of the RDS primary (managed only): what AWS Backup selects. */
  readonly instanceArn?: pulumi.Output<string>;
  /** DbiResourceId of the RDS primary (managed only): what IAM database-auth ARNs name. */
  readonly instanceResourceId?: pulumi.Output<string>;
  /** RDS DBInstanceIdentifiers, primary first (managed only): what CloudWatch alarms watch. */
  readonly rdsInstances?: readonly RdsInstanceRef[];
}

/** One RDS instance of the managed tier. */
export interface RdsInstanceRef {
  /** `primary`, `replica-0`, … */
  readonly name: string;
  readonly role: "primary" | "replica";
  readonly identifier: pulumi.Output<string>;
}

/**
 * What a flavour returns beyond the endpoints: the restored database and the app's credentials.
 * `databaseUrl` is the current database's, absent once it is retired (the copy's serves then).
 */
export interface FlavourOutputs extends Omit<PostgresEndpoints, "databaseUrl"> {
  readonly databaseUrl?: SecretKeyRef;
  /** The point-in-time copy (`restore` set), managed; in-cluster it is built from `appCredentials`. */
  readonly restored?: {
    readonly endpoint: pulumi.Input<string>;
    readonly readerEndpoint: pulumi.Input<string>;
    readonly databaseUrl: SecretKeyRef;
    /** ARN of the restored RDS instance (managed). */
    readonly instanceArn?: pulumi.Output<string>;
    /** DbiResourceId of the restored RDS instance (managed). */
    readonly instanceResourceId?: pulumi.Output<string>;
    /** The restored RDS instances, primary first, named by role like the current ones (managed). */
    readonly rdsInstances?: readonly RdsInstanceRef[];
  };
  /** Generated credentials of the app user (in-cluster): the restored cluster reuses them. */
  readonly appCredentials?: { readonly secretName: pulumi.Input<string>; readonly password: pulumi.Input<string> };
}
