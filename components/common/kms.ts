/**
 * A customer-managed KMS key for a data tier (RDS storage and Performance Insights, ElastiCache at
 * rest, CloudWatch log groups, SNS): the account administers it, and each AWS service may use it
 * only on this account's behalf (kms:ViaService + kms:CallerAccount for services acting for a
 * caller; aws:SourceAccount / SourceArn for services acting on their own, like CloudWatch Logs).
 * Same pattern as the AWS Backup vault key (components/backups/managed.ts).
 */
import * as pulumi from "@pulumi/pulumi";
import { loadAws } from "./aws";

/** AWS-side hardening a managed data store applies (keys and log retention come from infra/). */
export interface AwsHardening {
  /** Customer-managed key for storage, Performance Insights and log groups. @default AWS-managed keys */
  readonly kmsKeyArn?: pulumi.Input<string>;
  /** Retention of the store's CloudWatch log groups, in days. */
  readonly logRetentionDays: number;
}

/** Services that encrypt data at rest with the key on a caller's behalf. */
export const VIA_SERVICES = ["rds", "elasticache", "sns"] as const;
export type ViaService = (typeof VIA_SERVICES)[number];

/** Actions a service needs to encrypt and decrypt with the key (grants for RDS/ElastiCache). */
const USE_ACTIONS = [
  "kms:Encrypt",
  "kms:Decrypt",
  "kms:ReEncrypt*",
  "kms:GenerateDataKey*",
  "kms:CreateGrant",
  "kms:DescribeKey",
];

/** The key policy: root administers; services use it only for this account; logs only for our log groups. */
export function dataKeyPolicy(accountId: string, region: string, services: readonly ViaService[] = VIA_SERVICES) {
  const statements: object[] = [
    {
      Sid: "AccountAdministers",
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${accountId}:root` },
      Action: "kms:*",
      Resource: "*",
    },
    {
      Sid: "ServicesUseForThisAccount",
      Effect: "Allow",
      Principal: { AWS: "*" },
      Action: USE_ACTIONS,
      Resource: "*",
      Condition: {
        StringEquals: {
          "kms:CallerAccount": accountId,
          "kms:ViaService": services.map((s) => `${s}.${region}.amazonaws.com`),
        },
      },
    },
    {
      Sid: "CloudWatchLogsForOurLogGroups",
      Effect: "Allow",
      Principal: { Service: `logs.${region}.amazonaws.com` },
      Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
      Resource: "*",
      Condition: {
        ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:${region}:${accountId}:log-group:*` },
      },
    },
  ];
  if (services.includes("sns")) {
    // CloudWatch alarms publish to an encrypted topic as themselves, not via a caller.
    statements.push({
      Sid: "CloudWatchAlarmsPublish",
      Effect: "Allow",
      Principal: { Service: "cloudwatch.amazonaws.com" },
      Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
      Resource: "*",
      Condition: {
        StringEquals: { "aws:SourceAccount": accountId },
        ArnLike: { "aws:SourceArn": `arn:aws:cloudwatch:${region}:${accountId}:alarm:*` },
      },
    });
  }
  return { Version: "2012-10-17", Statement: statements };
}

/** Arguments of {@link createDataKey}. */
export interface DataKeyArgs {
  readonly description: string;
  readonly accountId: pulumi.Input<string>;
  readonly region: string;
  readonly services?: readonly ViaService[];
  readonly tags: Record<string, string>;
  /** Protect the key: deleting it makes every backup and snapshot it encrypts unreadable. */
  readonly protect: boolean;
}

/** A rotating customer-managed key with {@link dataKeyPolicy} and an alias `alias/gantry/<name>`. */
export function createDataKey(parent: pulumi.Resource, name: string, a: DataKeyArgs) {
  const aws = loadAws();
  const key = new aws.kms.Key(
    `${name}-key`,
    {
      description: a.description,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: pulumi.output(a.accountId).apply((id) => JSON.stringify(dataKeyPolicy(id, a.region, a.services))),
      tags: a.tags,
    },
    { parent, protect: a.protect },
  );
  new aws.kms.Alias(`${name}-key-alias`, { name: `alias/gantry/${name}`, targetKeyId: key.keyId }, { parent });
  return key;
}

/**
 * The trust policy of a role an AWS service assumes, limited to this account and (optionally)
 * the service's resources in it: without the conditions any account's use of the service could
 * assume our role (the confused-deputy problem).
 */
export function serviceTrustPolicy(service: string, accountId: string, sourceArn?: string) {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: service },
        Action: "sts:AssumeRole",
        Condition: {
          StringEquals: { "aws:SourceAccount": accountId },
          ...(sourceArn ? { ArnLike: { "aws:SourceArn": sourceArn } } : {}),
        },
      },
    ],
  };
}

/** Arguments of {@link DataKey}. */
export type DataKeyComponentArgs = Omit<DataKeyArgs, "accountId" | "region"> & { readonly region?: string };

/** The stack's data key as a component (one per stack, shared by Postgres, Redis and log groups). */
export class DataKey extends pulumi.ComponentResource {
  readonly arn: pulumi.Output<string>;

  constructor(name: string, args: DataKeyComponentArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gantry:security:DataKey", name, {}, opts);
    const aws = loadAws();
    const region = args.region ?? aws.config.region;
    if (!region)
      throw new pulumi.ResourceError("the data key's policy names the region: set `aws:region` in the stack config", this);
    const accountId = aws.getCallerIdentityOutput({}, { parent: this }).accountId;
    this.arn = createDataKey(this, name, { ...args, accountId, region }).arn;
    this.registerOutputs({ arn: this.arn });
  }
}
