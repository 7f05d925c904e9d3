/**
 * The pack's policies, in report order. Adding a policy = one file under rules/<area>/ plus one
 * line here. Nothing registers itself on import: index.ts builds the PolicyPack from this list and
 * evaluate.ts runs the same list offline.
 */
import type { EnforcementLevel, Policies } from "@pulumi/policy";
import { elasticacheAtRestEncryption } from "./rules/elasticache/at-rest-encryption";
import { elasticacheAuthToken } from "./rules/elasticache/auth-token";
import { elasticacheFailover } from "./rules/elasticache/failover";
import { elasticacheTransitEncryption } from "./rules/elasticache/transit-encryption";
import { rdsBackupRetention } from "./rules/rds/backup-retention";
import { rdsDeletionProtection } from "./rules/rds/deletion-protection";
import { rdsFinalSnapshot } from "./rules/rds/final-snapshot";
import { rdsKeepAutomatedBackups } from "./rules/rds/keep-automated-backups";
import { rdsMultiAz } from "./rules/rds/multi-az";
import { rdsNotPublic } from "./rules/rds/not-public";
import { rdsPerformanceInsights } from "./rules/rds/performance-insights";
import { rdsProtected } from "./rules/rds/protected";
import { rdsReadReplica } from "./rules/rds/read-replica";
import { rdsStorageEncrypted } from "./rules/rds/storage-encrypted";
import { s3Encryption } from "./rules/s3/encryption";
import { s3PublicAccessBlock } from "./rules/s3/public-access-block";
import { s3TlsOnly } from "./rules/s3/tls-only";
import { s3Versioning } from "./rules/s3/versioning";
import { snsKmsEncryption } from "./rules/sns/kms-encryption";
import type { GantryPolicy } from "./lib/policy";

/** Level for a policy that declares none and has no config entry (every rule declares one). */
export const PACK_ENFORCEMENT_LEVEL: EnforcementLevel = "mandatory";

export const gantryPolicies: readonly GantryPolicy[] = [
  // RDS
  rdsStorageEncrypted,
  rdsNotPublic,
  rdsDeletionProtection,
  rdsProtected,
  rdsBackupRetention,
  rdsMultiAz,
  rdsReadReplica,
  rdsFinalSnapshot,
  rdsKeepAutomatedBackups,
  rdsPerformanceInsights,
  // ElastiCache
  elasticacheTransitEncryption,
  elasticacheAtRestEncryption,
  elasticacheAuthToken,
  elasticacheFailover,
  // S3 and SNS
  s3PublicAccessBlock,
  s3Versioning,
  s3Encryption,
  s3TlsOnly,
  snsKmsEncryption,
];

export const allPolicies: Policies = [...gantryPolicies];
