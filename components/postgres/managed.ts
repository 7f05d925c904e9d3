/** The managed (AWS RDS) flavour of Postgres. */
import { loadAws } from "../common/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import type { ResolvedPostgresArgs } from "./defaults";
import { finalSnapshotIdentifier, POSTGRES_PORT, postgresUrl } from "./naming";
import type { FlavourOutputs } from "./outputs";
import { createManagedRestore } from "./managed-restore";
import { createRdsLogGroups, RDS_LOG_EXPORTS, type RdsLogContext } from "./rds-logs";
import { currentDatabasePlan, RETIRING_TAG } from "./retire";
import { serviceTrustPolicy } from "../common/kms";
import { createDataSecurityGroup } from "../common/security-group";
import { createUrlSecret } from "./url-secret";
import { POSTGRES_VERSIONS, type PostgresVersion, RDS_CA_CERT_IDENTIFIER } from "./versions";

export { RDS_LOG_EXPORTS, rdsLogGroupName } from "./rds-logs";

// Windows in UTC that do not overlap (RDS rejects overlapping backup and maintenance windows).
const BACKUP_WINDOW = "03:00-04:00";
const MAINTENANCE_WINDOW = "sun:04:30-sun:05:30";

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

  const logs: RdsLogContext = { parent, retentionDays: a.aws.logRetentionDays, kmsKeyId, tags };
  // The current database: declared until `retireCurrent: delete` (retire.ts decides its protection).
  const fate = currentDatabasePlan(a);
  const current = fate.declared ? createCurrent() : undefined;

  function createCurrent() {
    const own = {
      ...common,
      deletionProtection: fate.deletionProtection,
      tags: fate.retiring ? { ...tags, [RETIRING_TAG]: "true" } : tags,
    };
    const opts: pulumi.CustomResourceOptions = { parent, protect: fate.protect };
    const primary = new aws.rds.Instance(
      `${name}-primary`,
      {
        ...own,
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
        deleteAutomatedBackups: fate.deleteAutomatedBackups,
      },
      opts,
    );
    // Replicas are named by position: replica-0 is the reader endpoint, so position is meaningful,
    // and scaling down removes the highest index only.
    const replicas = Array.from(
      { length: a.replicas },
      (_, i) =>
        new aws.rds.Instance(
          `${name}-replica-${i}`,
          {
            ...own,
            replicateSourceDb: primary.identifier,
            // A replica holds no data the primary lacks, and RDS refuses a final snapshot of one.
            skipFinalSnapshot: true,
            multiAz: false,
          },
          opts,
        ),
    );
    // A retired instance's logs may be the incident's evidence: they stay in CloudWatch (until
    // their retention empties them) when the instance goes.
    createRdsLogGroups(name, [primary, ...replicas], { ...logs, retainOnDelete: fate.retiring });
    const url = postgresUrl({
      username: a.username,
      password: password.result,
      host: primary.address,
      port: primary.port,
      database: a.databaseName,
    });
    return { primary, replicas, databaseUrl: createUrlSecret(parent, name, a.namespace, k8sLabels, url) };
  }

  // Point-in-time copy next to the primary, with the primary's subnet group, security group,
  // parameter group, encryption and Multi-AZ; protected like it (it may become the serving one).
  const restored = a.restore
    ? createManagedRestore({
        parent,
        name,
        a,
        common,
        subnetGroup: subnets.name,
        password: password.result,
        backupWindow: BACKUP_WINDOW,
        source: current?.primary,
        logs,
        k8sLabels,
        tags,
      })
    : undefined;
  if (!current) {
    // Validated: `delete` needs the restored copy serving, so it takes the current one's place.
    const r = restored!;
    return {
      restored: r,
      instanceArn: r.instanceArn,
      rdsInstances: r.rdsInstances,
      instanceResourceId: r.instanceResourceId,
      primaryEndpoint: pulumi.output(r.endpoint),
      readerEndpoint: pulumi.output(r.readerEndpoint),
      port: pulumi.output(POSTGRES_PORT),
      databaseName: pulumi.output(a.databaseName),
    };
  }
  const { primary, replicas } = current;
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
    databaseUrl: current.databaseUrl,
  };
}
