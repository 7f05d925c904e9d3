/** The managed (AWS RDS) flavour of Postgres. */
import { loadAws } from "../common/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import type { ResolvedPostgresArgs } from "./defaults";
import { finalSnapshotIdentifier, POSTGRES_PORT, postgresUrl } from "./naming";
import type { FlavourOutputs } from "./outputs";
import { rdsRestoreArgs, rdsRestoreSource, restoredName } from "./restore";
import { serviceTrustPolicy } from "../common/kms";
import { createDataSecurityGroup } from "../common/security-group";
import { createUrlSecret } from "./url-secret";
import { POSTGRES_VERSIONS, type PostgresVersion, RDS_CA_CERT_IDENTIFIER } from "./versions";

// Windows in UTC that do not overlap (RDS rejects overlapping backup and maintenance windows).
const BACKUP_WINDOW = "03:00-04:00";
const MAINTENANCE_WINDOW = "sun:04:30-sun:05:30";

/**
 * Logs RDS exports to CloudWatch: the server log (slow queries via log_min_duration_statement,
 * errors, connections) and the major-version upgrade log; otherwise they stay on the instance
 * and rotate away.
 */
export const RDS_LOG_EXPORTS = ["postgresql", "upgrade"] as const;

/** The log group RDS writes an instance's export to (a fixed AWS naming scheme). */
export const rdsLogGroupName = (identifier: string, log: string) => `/aws/rds/instance/${identifier}/${log}`;

/** Creates RDS primary + read replicas and the DATABASE_URL Secret under `parent`. */
export function createManagedPostgres(
  parent: pulumi.ComponentResource,
  name: string,
  a: ResolvedPostgresArgs,
  k8sLabels: Record<string, string>,
): FlavourOutputs {
  const aws = loadAws();
  const network = a.network!; // validated: managed requires it
  const kmsKeyId = a.aws.kmsKeyArn;
  const accountId = aws.getCallerIdentityOutput({}, { parent }).accountId;
  const region = aws.config.region ?? "";
  const pinned = POSTGRES_VERSIONS[a.version as PostgresVersion];
  const tags = { ...a.labels, "gantry:component": name, "gantry:environment": a.environment };
  const stateful: pulumi.CustomResourceOptions = { parent, protect: a.protect };

  const subnets = new aws.rds.SubnetGroup(`${name}-subnets`, { subnetIds: [...network.subnetIds], tags }, { parent });
  const sg = createDataSecurityGroup(parent, name, network, POSTGRES_PORT, `Postgres ${name}`, tags);
  const params = new aws.rds.ParameterGroup(
    `${name}-params`,
    {
      family: pinned.rdsFamily,
      description: `Postgres ${name} (${a.environment})`,
      // User parameters first so the TLS requirement always wins (validation rejects overriding it).
      parameters: Object.entries({ ...a.parameters, "rds.force_ssl": "1" })
        .sort(([x], [y]) => x.localeCompare(y))
        .map(([pname, value]) => ({ name: pname, value, applyMethod: "pending-reboot" })),
      tags,
    },
    { parent },
  );

  // Alphanumeric only: it goes into a URL, and RDS rejects / @ " and spaces.
  const password = new random.RandomPassword(`${name}-password`, { length: 32, special: false }, { parent });

  // Enhanced Monitoring needs a role RDS can assume; Performance Insights does not.
  let monitoringRoleArn: pulumi.Output<string> | undefined;
  if (a.monitoringIntervalSeconds > 0) {
    const role = new aws.iam.Role(
      `${name}-monitoring`,
      {
        // Only RDS acting for this account's instances may assume it (confused-deputy guard).
        assumeRolePolicy: accountId.apply((id) =>
          JSON.stringify(serviceTrustPolicy("monitoring.rds.amazonaws.com", id, `arn:aws:rds:${region}:${id}:db:*`)),
        ),
        tags,
      },
      { parent },
    );
    new aws.iam.RolePolicyAttachment(
      `${name}-monitoring-policy`,
      { role: role.name, policyArn: "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole" },
      { parent },
    );
    monitoringRoleArn = role.arn;
  }
  const monitoringArgs = {
    performanceInsightsEnabled: a.monitoring,
    performanceInsightsRetentionPeriod: a.monitoring ? 7 : undefined,
    performanceInsightsKmsKeyId: a.monitoring ? kmsKeyId : undefined,
    monitoringInterval: a.monitoringIntervalSeconds,
    monitoringRoleArn,
  };
  const common = {
    instanceClass: a.instanceClass,
    storageEncrypted: true,
    kmsKeyId,
    enabledCloudwatchLogsExports: [...RDS_LOG_EXPORTS],
    publiclyAccessible: false,
    vpcSecurityGroupIds: [sg.id],
    parameterGroupName: params.name,
    port: POSTGRES_PORT,
    autoMinorVersionUpgrade: true,
    // Changes wait for the maintenance window: a stack update must never restart production.
    applyImmediately: false,
    caCertIdentifier: RDS_CA_CERT_IDENTIFIER,
    copyTagsToSnapshot: true,
    iamDatabaseAuthenticationEnabled: true,
    deletionProtection: a.deletionProtection,
    maintenanceWindow: MAINTENANCE_WINDOW,
    ...monitoringArgs,
    tags,
  };

  const primary = new aws.rds.Instance(
    `${name}-primary`,
    {
      ...common,
      engine: "postgres",
      engineVersion: pinned.rdsEngineVersion,
      dbName: a.databaseName,
      username: a.username,
      // Not manageMasterUserPassword: apps need a full URL in a Kubernetes Secret, so the
      // password stays ours, a Pulumi secret from random to the Secret.
      password: password.result,
      dbSubnetGroupName: subnets.name,
      allocatedStorage: a.storageGb,
      maxAllocatedStorage: a.maxStorageGb,
      storageType: "gp3",
      multiAz: a.multiAz,
      backupRetentionPeriod: a.backupRetentionDays,
      backupWindow: BACKUP_WINDOW,
      skipFinalSnapshot: false,
      finalSnapshotIdentifier: finalSnapshotIdentifier(name),
      // RDS deletes automated backups (the PITR history) with the instance unless told not to.
      deleteAutomatedBackups: a.environment !== "production",
    },
    stateful,
  );

  // Replicas are named by position: replica-0 is the reader endpoint, so position is meaningful,
  // and scaling down removes the highest index only.
  const replicas = Array.from(
    { length: a.replicas },
    (_, i) =>
      new aws.rds.Instance(
        `${name}-replica-${i}`,
        {
          ...common,
          replicateSourceDb: primary.identifier,
          // A replica holds no data the primary lacks, and RDS refuses a final snapshot of one.
          skipFinalSnapshot: true,
          multiAz: false,
        },
        stateful,
      ),
  );

  // RDS names the groups after the instance; created as soon as the identifier is known, before
  // the first export batch, so retention and the key apply from the first line (an existing group
  // RDS made earlier is adopted with `pulumi import`).
  for (const instance of [primary, ...replicas]) {
    const role = instance === primary ? "primary" : `replica-${replicas.indexOf(instance)}`;
    for (const log of RDS_LOG_EXPORTS) {
      new aws.cloudwatch.LogGroup(
        `${name}-${role}-${log}-logs`,
        {
          name: instance.identifier.apply((id) => rdsLogGroupName(id, log)),
          retentionInDays: a.aws.logRetentionDays,
          kmsKeyId,
          tags,
        },
        { parent },
      );
    }
  }

  const url = postgresUrl({
    username: a.username,
    password: password.result,
    host: primary.address,
    port: primary.port,
    database: a.databaseName,
  });

  // Point-in-time copy next to the primary, with the primary's subnet group, security group,
  // parameter group, encryption and Multi-AZ; protected like it (it may become the serving one).
  let restored: FlavourOutputs["restored"];
  if (a.restore) {
    const rname = restoredName(name);
    const base = rdsRestoreArgs(a, name);
    const copy = new aws.rds.Instance(
      rname,
      {
        ...common,
        ...base,
        restoreToPointInTime: {
          ...base.restoreToPointInTime,
          sourceDbInstanceIdentifier: rdsRestoreSource(a.restore.source, primary.identifier),
        },
        dbSubnetGroupName: subnets.name,
        password: password.result,
        backupWindow: BACKUP_WINDOW,
        tags: {
          ...tags,
          "gantry:component": rname,
          "gantry:restore-target": a.restore.targetTime,
          "gantry:restore-source": a.restore.source,
        },
      },
      { ...stateful, dependsOn: [primary] },
    );
    // Same replica count as the primary: once it serves it needs the same failover and reads.
    const copyReplicas = Array.from(
      { length: a.replicas },
      (_, i) =>
        new aws.rds.Instance(
          `${rname}-replica-${i}`,
          { ...common, replicateSourceDb: copy.identifier, skipFinalSnapshot: true, multiAz: false },
          stateful,
        ),
    );
    const restoredUrl = postgresUrl({
      username: a.username,
      password: password.result,
      host: copy.address,
      port: copy.port,
      database: a.databaseName,
    });
    restored = {
      instanceArn: copy.arn,
      identifier: copy.identifier,
      instanceResourceId: copy.resourceId,
      endpoint: copy.address,
      readerEndpoint: copyReplicas[0]?.address ?? copy.address,
      databaseUrl: createUrlSecret(parent, rname, a.namespace, k8sLabels, restoredUrl),
    };
  }
  return {
    restored,
    instanceArn: primary.arn,
    rdsInstances: [
      { name: "primary", role: "primary", identifier: primary.identifier },
      ...replicas.map((r, i) => ({ name: `replica-${i}`, role: "replica" as const, identifier: r.identifier })),
    ],
    instanceResourceId: primary.resourceId,
    primaryEndpoint: primary.address,
    readerEndpoint: replicas[0]?.address ?? primary.address,
    port: primary.port,
    databaseName: pulumi.output(a.databaseName),
    databaseUrl: createUrlSecret(parent, name, a.namespace, k8sLabels, url),
  };
}
