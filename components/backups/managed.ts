/**
 * The managed flavour: an AWS Backup vault encrypted with our own KMS key (optionally locked and
 * copied to a vault in another region), a GFS plan for the RDS primary, and a restore testing
 * plan that restores the latest recovery point on a schedule and deletes it after validation.
 */
import * as pulumi from "@pulumi/pulumi";
import { loadAws } from "../common/aws";
import type { ResolvedBackupsArgs } from "./defaults";
import { awsCronFromK8s } from "./schedules";

/** AWS managed policies AWS Backup's role needs to back up and to restore (restore tests). */
const BACKUP_POLICIES = [
  "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
  "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
];

/** A key policy: the account administers the key; AWS Backup may use it only for AWS resources. */
export function vaultKeyPolicy(accountId: string) {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AccountAdministers",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${accountId}:root` },
        Action: "kms:*",
        Resource: "*",
      },
      {
        Sid: "BackupUsesViaGrants",
        Effect: "Allow",
        Principal: { AWS: "*" },
        Action: ["kms:CreateGrant", "kms:Decrypt", "kms:GenerateDataKey*", "kms:DescribeKey"],
        Resource: "*",
        Condition: {
          StringEquals: { "kms:CallerAccount": accountId, "kms:ViaService": "backup.amazonaws.com" },
        },
      },
    ],
  };
}

/** Trust policy of the role AWS Backup assumes, limited to our account (confused-deputy guard). */
export function backupTrustPolicy(accountId: string) {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: ["backup.amazonaws.com", "restore-testing.backup.amazonaws.com"] },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:SourceAccount": accountId } },
      },
    ],
  };
}

/** AWS restore testing plan names allow letters, digits and underscores only. */
export function restoreTestingName(name: string, environment: string): string {
  return `gantry_${environment}_${name}`.replace(/[^A-Za-z0-9_]/g, "_").slice(0, 50);
}

/** Creates the vault, plan, selection and restore test under `parent`. */
export function createManagedBackups(parent: pulumi.ComponentResource, name: string, a: ResolvedBackupsArgs) {
  const aws = loadAws();
  const tags = { "gantry:component": name, "gantry:environment": a.environment };
  const stateful = { parent, protect: a.protect };
  const accountId = aws.getCallerIdentityOutput({}, { parent }).accountId;

  const tierDays = a.tiers.map((t) => t.retentionDays);
  const vault = encryptedVault(parent, `${name}-vault`, a, tags, accountId, tierDays);

  // Off-site: a vault in another region, through a provider for that region.
  let copyVault: ReturnType<typeof encryptedVault> | undefined;
  if (a.crossRegionCopy) {
    const regional = new aws.Provider(`${name}-copy-region`, { region: a.crossRegionCopy.region as never }, { parent });
    const copyDays = a.crossRegionCopy.retentionDays;
    copyVault = encryptedVault(parent, `${name}-copy-vault`, a, tags, accountId, copyDays ? [copyDays] : tierDays, regional);
  }

  const role = new aws.iam.Role(
    `${name}-role`,
    { assumeRolePolicy: accountId.apply((id) => JSON.stringify(backupTrustPolicy(id))), tags },
    { parent },
  );
  BACKUP_POLICIES.forEach(
    (policyArn, i) => new aws.iam.RolePolicyAttachment(`${name}-role-policy-${i}`, { role: role.name, policyArn }, { parent }),
  );

  const plan = new aws.backup.Plan(
    `${name}-plan`,
    {
      rules: a.tiers.map((t) => ({
        ruleName: t.name,
        targetVaultName: vault.vault.name,
        schedule: t.awsCron,
        scheduleExpressionTimezone: "Etc/UTC",
        startWindow: 60,
        completionWindow: 360,
        lifecycle: { deleteAfter: t.retentionDays },
        recoveryPointTags: { ...tags, "gantry:tier": t.name },
        copyActions: copyVault
          ? [
              {
                destinationVaultArn: copyVault.vault.arn,
                lifecycle: { deleteAfter: a.crossRegionCopy!.retentionDays ?? t.retentionDays },
              },
            ]
          : [],
      })),
      tags,
    },
    stateful,
  );

  new aws.backup.Selection(
    `${name}-selection`,
    { planId: plan.id, iamRoleArn: role.arn, resources: [a.postgres.instanceArn!] },
    { parent },
  );

  let restoreTest: pulumi.Resource | undefined;
  if (a.drill.enabled) {
    const planName = restoreTestingName(name, a.environment);
    const testing = new aws.backup.RestoreTestingPlan(
      `${name}-restore-test`,
      {
        name: planName,
        scheduleExpression: awsCronFromK8s(a.drill.schedule),
        scheduleExpressionTimezone: "Etc/UTC",
        startWindowHours: 2,
        recoveryPointSelection: {
          algorithm: "LATEST_WITHIN_WINDOW",
          includeVaults: [vault.vault.arn],
          recoveryPointTypes: ["SNAPSHOT"],
          // A recovery point older than maxAgeDays is not a success: the test then finds none.
          selectionWindowDays: a.drill.maxAgeDays,
        },
        tags,
      },
      { parent },
    );
    restoreTest = new aws.backup.RestoreTestingSelection(
      `${name}-restore-test-rds`,
      {
        name: `${planName}_rds`.slice(0, 50),
        restoreTestingPlanName: testing.name,
        protectedResourceType: "RDS",
        iamRoleArn: role.arn,
        protectedResourceArns: [a.postgres.instanceArn!],
        // Hours the restored copy stays for validation before AWS Backup deletes it.
        validationWindowHours: a.drill.validationWindowHours,
      },
      { parent },
    );
  }
  return { vaultName: vault.vault.name, vaultArn: vault.vault.arn, planId: plan.id, restoreTest };
}

/** A vault with its own customer-managed key (and lock), in the provider's region. */
function encryptedVault(
  parent: pulumi.ComponentResource,
  name: string,
  a: ResolvedBackupsArgs,
  tags: Record<string, string>,
  accountId: pulumi.Output<string>,
  lockDays: number[],
  provider?: pulumi.ProviderResource,
) {
  const aws = loadAws();
  const opts = { parent, protect: a.protect, ...(provider ? { provider } : {}) };
  const key = new aws.kms.Key(
    `${name}-key`,
    {
      description: `AWS Backup vault ${name} (${a.environment})`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: accountId.apply((id) => JSON.stringify(vaultKeyPolicy(id))),
      tags,
    },
    opts,
  );
  // Recovery points in a vault cannot be deleted with it; forceDestroy stays off.
  const vault = new aws.backup.Vault(`${name}`, { kmsKeyArn: key.arn, forceDestroy: false, tags }, opts);
  if (a.vaultLock !== "off") {
    new aws.backup.VaultLockConfiguration(
      `${name}-lock`,
      {
        backupVaultName: vault.name,
        // Every lifecycle the plan gives must fall inside the lock's bounds, or AWS rejects the job.
        minRetentionDays: Math.min(...lockDays),
        maxRetentionDays: Math.max(...lockDays),
        // Compliance mode becomes immutable after this grace period; governance has none.
        ...(a.vaultLock === "compliance" ? { changeableForDays: 3 } : {}),
      },
      opts,
    );
  }
  return { key, vault };
}
