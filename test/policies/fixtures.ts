/** Valid fixtures shared by policy tests: each test breaks exactly one field of a copy. */

/** An RDS primary that satisfies every RDS policy. */
export const rdsPrimary = {
  engine: "postgres",
  engineVersion: "17.4",
  instanceClass: "db.m7g.large",
  storageEncrypted: true,
  publiclyAccessible: false,
  deletionProtection: true,
  backupRetentionPeriod: 7,
  multiAz: true,
  skipFinalSnapshot: false,
  finalSnapshotIdentifier: "db-final",
  deleteAutomatedBackups: false,
  performanceInsightsEnabled: true,
};

/** A read replica of {@link rdsPrimary} (by identifier). */
export const rdsReplica = {
  engine: "postgres",
  instanceClass: "db.m7g.large",
  replicateSourceDb: "db-primary",
  publiclyAccessible: false,
  deletionProtection: true,
  skipFinalSnapshot: true,
  performanceInsightsEnabled: true,
};

/** An ElastiCache replication group that satisfies every ElastiCache policy. */
export const replicationGroup = {
  engine: "valkey",
  description: "cache",
  transitEncryptionEnabled: true,
  atRestEncryptionEnabled: true,
  authToken: "[secret]",
  automaticFailoverEnabled: true,
  multiAzEnabled: true,
  numCacheClusters: 2,
};
