/**
 * The managed tier's IAM policy per role, as plain policy documents (pure; the component turns
 * them into aws.iam.Policy). Scoped to the stack's account: every ARN is built from the RDS
 * primary's ARN, which names the partition, region and account.
 */
import type { AccessRole } from "./roles";

export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: "Allow" | "Deny";
  readonly Action: readonly string[];
  readonly Resource: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly PolicyStatement[];
}

/** What the documents are built from (resolved values, not Outputs). */
export interface IamContext {
  /** ARN of the RDS primary, e.g. arn:aws:rds:eu-west-1:123456789012:db:db-primary. */
  readonly dbInstanceArn: string;
  /** The primary's DbiResourceId (`db-ABC…`): what `rds-db:connect` ARNs name. */
  readonly dbResourceId: string;
  /** Database role the analyst connects as with an IAM token. */
  readonly analystDbUser: string;
  /** `gantry:environment` tag value of this stack's ElastiCache groups. */
  readonly environment: string;
}

/** Services whose read-only actions analysts and operators get. */
const READ_ONLY_ACTIONS = [
  "rds:Describe*",
  "rds:ListTagsForResource",
  "elasticache:Describe*",
  "elasticache:ListTagsForResource",
  "backup:Describe*",
  // Not backup:List*: it includes ListIndexedRecoveryPointsForSearch, a permissions-management action.
  "backup:ListBackupJobs",
  "backup:ListBackupPlans",
  "backup:ListBackupVaults",
  "backup:ListCopyJobs",
  "backup:ListProtectedResources",
  "backup:ListRecoveryPointsByBackupVault",
  "backup:ListRecoveryPointsByResource",
  "backup:ListRestoreJobs",
  "backup:GetBackupPlan",
  "cloudwatch:Describe*",
  "cloudwatch:GetMetricData",
  "cloudwatch:GetMetricStatistics",
  "cloudwatch:ListMetrics",
  "pi:DescribeDimensionKeys",
  "pi:GetResourceMetrics",
];

/** Services of the data tier, alerting and backups: the administrator's whole IAM scope. */
const ADMIN_SERVICES = ["rds", "rds-db", "elasticache", "backup", "backup-storage", "cloudwatch", "logs", "sns", "pi"];

/** Destructive actions no operator may take, whatever else is attached to the principal. */
const DESTRUCTIVE = [
  "rds:Delete*",
  "rds:ModifyDBInstance",
  "elasticache:Delete*",
  "elasticache:ModifyReplicationGroup",
  "backup:Delete*",
  "backup:UpdateRecoveryPointLifecycle",
];

/** `arn:<partition>:<service>:<region>:<account>:` from any ARN in the same account and region. */
function arnPrefix(arn: string, service: string): { base: string; partition: string; region: string; account: string } {
  const [, partition, , region, account] = arn.split(":");
  if (!partition || !region || !account) throw new Error(`not an ARN with region and account: ${arn}`);
  return { base: `arn:${partition}:${service}:${region}:${account}:`, partition, region, account };
}

/** `arn:aws:rds-db:<region>:<account>:dbuser:<DbiResourceId>/<user>`: one IAM-authenticated DB user. */
export function rdsDbUserArn(ctx: IamContext, user: string): string {
  return `${arnPrefix(ctx.dbInstanceArn, "rds-db").base}dbuser:${ctx.dbResourceId}/${user}`;
}

/**
 * The policy document for `role`. Administrators may do everything to the data tier's services
 * (deletion protection and `protect` still guard production's databases); the account's own
 * administrator role is not Gantry's to grant.
 */
export function iamPolicyDocument(role: AccessRole, ctx: IamContext): PolicyDocument {
  const rds = arnPrefix(ctx.dbInstanceArn, "rds").base;
  const cache = arnPrefix(ctx.dbInstanceArn, "elasticache").base;
  const backup = arnPrefix(ctx.dbInstanceArn, "backup").base;
  const read: PolicyStatement = { Sid: "ReadOnly", Effect: "Allow", Action: READ_ONLY_ACTIONS, Resource: "*" };
  if (role === "administrator") {
    return {
      Version: "2012-10-17",
      Statement: [{ Sid: "DataTier", Effect: "Allow", Action: ADMIN_SERVICES.map((s) => `${s}:*`), Resource: "*" }],
    };
  }
  if (role === "analyst") {
    return {
      Version: "2012-10-17",
      Statement: [
        read,
        { Sid: "ConnectReadOnly", Effect: "Allow", Action: ["rds-db:connect"], Resource: rdsDbUserArn(ctx, ctx.analystDbUser) },
      ],
    };
  }
  const { partition, account } = arnPrefix(ctx.dbInstanceArn, "iam");
  return {
    Version: "2012-10-17",
    Statement: [
      read,
      // Reboot with ForceFailover is how a Multi-AZ instance fails over; clusters have FailoverDBCluster.
      {
        Sid: "RebootAndFailoverRds",
        Effect: "Allow",
        Action: ["rds:RebootDBInstance", "rds:FailoverDBCluster"],
        Resource: [`${rds}db:*`, `${rds}cluster:*`],
      },
      {
        Sid: "FailoverElastiCache",
        Effect: "Allow",
        Action: ["elasticache:TestFailover", "elasticache:RebootCacheCluster"],
        Resource: [`${cache}replicationgroup:*`, `${cache}cluster:*`],
        // Only this environment's groups: staging operators cannot fail over production.
        Condition: { StringEquals: { "aws:ResourceTag/gantry:environment": ctx.environment } },
      },
      {
        Sid: "StartBackupsAndRestores",
        Effect: "Allow",
        Action: ["backup:StartBackupJob", "backup:StartRestoreJob"],
        Resource: [`${backup}backup-vault:*`, `${backup}recovery-point:*`, `${rds}snapshot:*`, `${rds}cluster-snapshot:*`],
      },
      {
        // Backup and restore jobs run as AWS Backup's service role, which the caller passes.
        Sid: "PassRoleToBackup",
        Effect: "Allow",
        Action: ["iam:PassRole"],
        Resource: `arn:${partition}:iam::${account}:role/*`,
        Condition: { StringEquals: { "iam:PassedToService": "backup.amazonaws.com" } },
      },
      { Sid: "NeverDestroy", Effect: "Deny", Action: DESTRUCTIVE, Resource: "*" },
    ],
  };
}

/** The role name of an IAM role ARN (what aws.iam.RolePolicyAttachment takes): its last path segment. */
export function roleNameOf(arn: string): string {
  return arn.slice(arn.lastIndexOf("/") + 1);
}

/** An IAM role ARN in the `aws` partition, optionally with a path. */
export const IAM_ROLE_ARN = /^arn:aws:iam::\d{12}:role\/([\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;
