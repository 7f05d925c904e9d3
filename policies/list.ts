/**
 * The pack's policies, in report order. Adding a policy = one file under rules/<area>/ plus one
 * line here. Nothing registers itself on import: index.ts builds the PolicyPack from this list and
 * evaluate.ts runs the same list offline.
 */
import type { EnforcementLevel, Policies } from "@pulumi/policy";
import { alertingPagingReceiver } from "./rules/alerting/paging-receiver";
import { alertingRules } from "./rules/alerting/rules";
import { backupMonthly } from "./rules/backup/monthly";
import { backupRestoreDrill } from "./rules/backup/restore-drill";
import { backupVaultKms } from "./rules/backup/vault-kms";
import { cnpgBackup } from "./rules/cnpg/backup";
import { cnpgBarmanPlugin } from "./rules/cnpg/barman-plugin";
import { cnpgInstances } from "./rules/cnpg/instances";
import { cnpgScheduledBackup } from "./rules/cnpg/scheduled-backup";
import { elasticacheAtRestEncryption } from "./rules/elasticache/at-rest-encryption";
import { elasticacheAuthToken } from "./rules/elasticache/auth-token";
import { elasticacheFailover } from "./rules/elasticache/failover";
import { elasticacheTransitEncryption } from "./rules/elasticache/transit-encryption";
import { gatewayHttpRedirectOnly } from "./rules/gateway/http-redirect-only";
import { gatewayTls } from "./rules/gateway/tls";
import { kmsCustomerManagedKey } from "./rules/kms/customer-managed-key";
import { k8sDropCapabilities } from "./rules/kubernetes/drop-capabilities";
import { k8sEgressDefaultDeny } from "./rules/kubernetes/egress-default-deny";
import { k8sEphemeralStorage } from "./rules/kubernetes/ephemeral-storage";
import { k8sImageDigest } from "./rules/kubernetes/image-digest";
import { k8sImageRegistry } from "./rules/kubernetes/image-registry";
import { k8sImageTag } from "./rules/kubernetes/image-tag";
import { k8sMinReplicas } from "./rules/kubernetes/min-replicas";
import { k8sNetworkPolicy } from "./rules/kubernetes/network-policy";
import { k8sNoLoadBalancer } from "./rules/kubernetes/no-load-balancer";
import { k8sNoPrivilegeEscalation } from "./rules/kubernetes/no-privilege-escalation";
import { k8sPdb } from "./rules/kubernetes/pdb";
import { k8sProbes } from "./rules/kubernetes/probes";
import { k8sRbacNoSecretRead } from "./rules/kubernetes/rbac-no-secret-read";
import { k8sReadOnlyRootFs } from "./rules/kubernetes/read-only-root-fs";
import { k8sResources } from "./rules/kubernetes/resources";
import { k8sRunAsNonRoot } from "./rules/kubernetes/run-as-non-root";
import { k8sServiceAccountToken } from "./rules/kubernetes/service-account-token";
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
import { bluegreenActiveImage } from "./rules/release/active-image";
import { bluegreenBothSlots } from "./rules/release/both-slots";
import { statefulProtected } from "./rules/release/stateful-protected";
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
  kmsCustomerManagedKey,
  // Kubernetes workloads
  k8sResources,
  k8sProbes,
  k8sRunAsNonRoot,
  k8sNoPrivilegeEscalation,
  k8sReadOnlyRootFs,
  k8sImageTag,
  k8sImageDigest,
  k8sImageRegistry,
  k8sDropCapabilities,
  k8sPdb,
  k8sRbacNoSecretRead,
  k8sMinReplicas,
  k8sNoLoadBalancer,
  k8sNetworkPolicy,
  k8sEgressDefaultDeny,
  k8sServiceAccountToken,
  k8sEphemeralStorage,
  // Gateway API
  gatewayTls,
  gatewayHttpRedirectOnly,
  // CloudNativePG
  cnpgInstances,
  cnpgBackup,
  cnpgScheduledBackup,
  cnpgBarmanPlugin,
  // Backups (AWS Backup and Barman Cloud)
  backupVaultKms,
  backupMonthly,
  backupRestoreDrill,
  // Blue-green releases and stateful safety
  bluegreenBothSlots,
  bluegreenActiveImage,
  statefulProtected,
  // Alerting
  alertingRules,
  alertingPagingReceiver,
];

export const allPolicies: Policies = [...gantryPolicies];
