/**
 * The managed tier's alerting: CloudWatch alarms on every RDS instance and ElastiCache node and
 * AWS Backup job failures (EventBridge), all into one SNS topic encrypted with our own KMS key.
 */
import * as pulumi from "@pulumi/pulumi";
import { loadAws } from "../common/aws";
import {
  type AlarmSpec,
  BACKUP_FAILURE_PATTERN,
  backupFreshnessAlarm,
  elasticacheAlarms,
  memberClusterId,
  rdsAlarms,
} from "./alarms";
import type { CloudWatchAlarmsArgs } from "./args";
import { alertKeyPolicy, alertTopicPolicy } from "./policies";

export type { CloudWatchAlarmsArgs, RdsInstance, ResolvedThresholds, Subscription } from "./args";
export { rdsAlarms, elasticacheAlarms, memberClusterId, backupFreshnessAlarm, BACKUP_FAILURE_PATTERN } from "./alarms";
export { alertKeyPolicy, alertTopicPolicy } from "./policies";

export class CloudWatchAlarms extends pulumi.ComponentResource {
  /** ARN of the alert topic (subscribe more endpoints to it out of band if needed). */
  readonly topicArn: pulumi.Output<string>;
  /** Number of metric alarms created. */
  readonly alarmCount: number;

  constructor(name: string, args: CloudWatchAlarmsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gantry:alerting:CloudWatchAlarms", name, {}, opts);
    const aws = loadAws();
    const parent = { parent: this };
    const tags = { ...args.tags, "gantry:component": name, "gantry:environment": args.environment };
    const accountId = aws.getCallerIdentityOutput({}, parent).accountId;

    const key = new aws.kms.Key(
      `${name}-key`,
      {
        description: `Gantry ${args.environment} alert topic`,
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        policy: accountId.apply((id) => JSON.stringify(alertKeyPolicy(id))),
        tags,
      },
      parent,
    );
    new aws.kms.Alias(`${name}-key-alias`, { name: `alias/gantry-${args.environment}-alerts`, targetKeyId: key.keyId }, parent);
    const topic = new aws.sns.Topic(`${name}-topic`, { kmsMasterKeyId: key.arn, tags }, parent);

    const rule = args.backupFailures
      ? new aws.cloudwatch.EventRule(
          `${name}-backup-failures`,
          {
            description: "AWS Backup backup, copy or restore job failed",
            eventPattern: JSON.stringify(BACKUP_FAILURE_PATTERN),
            tags,
          },
          parent,
        )
      : undefined;
    const policy = new aws.sns.TopicPolicy(
      `${name}-topic-policy`,
      {
        arn: topic.arn,
        policy: pulumi
          .all([topic.arn, accountId, rule?.arn])
          .apply(([arn, id, ruleArn]) => JSON.stringify(alertTopicPolicy(arn, id, ruleArn))),
      },
      parent,
    );
    if (rule) {
      // After the policy: EventBridge may publish only once the topic allows it.
      new aws.cloudwatch.EventTarget(
        `${name}-backup-failures-sns`,
        { rule: rule.name, arn: topic.arn },
        { parent: this, dependsOn: [policy] },
      );
    }

    for (const s of args.subscriptions ?? []) {
      new aws.sns.TopicSubscription(
        `${name}-sub-${s.name}`,
        // Endpoints are secret: webhook URLs carry tokens, addresses and numbers are personal data.
        { topic: topic.arn, protocol: s.protocol, endpoint: pulumi.secret(s.endpoint) },
        parent,
      );
    }

    let count = 0;
    const alarm = (resource: string, dimensions: Record<string, pulumi.Input<string>>, spec: AlarmSpec) => {
      count++;
      new aws.cloudwatch.MetricAlarm(
        `${name}-${resource}-${spec.key}`,
        {
          alarmDescription: `${args.environment} ${resource}: ${spec.description}`,
          namespace: spec.namespace,
          metricName: spec.metricName,
          dimensions,
          statistic: spec.statistic,
          comparisonOperator: spec.comparisonOperator,
          threshold: spec.threshold,
          period: spec.period,
          evaluationPeriods: spec.evaluationPeriods,
          datapointsToAlarm: spec.datapointsToAlarm,
          treatMissingData: spec.treatMissingData,
          // OK too: the channel hears when it is over, not just when it started.
          alarmActions: [topic.arn],
          okActions: [topic.arn],
          tags,
        },
        { parent: this, dependsOn: [policy] },
      );
    };
    for (const i of args.rds) {
      for (const spec of rdsAlarms(i, args.thresholds)) alarm(`db-${i.name}`, { DBInstanceIdentifier: i.identifier }, spec);
    }
    if (args.elasticache) {
      const { replicationGroupId, nodes } = args.elasticache;
      for (let n = 0; n < nodes; n++) {
        const clusterId = pulumi.output(replicationGroupId).apply((id) => memberClusterId(id, n));
        for (const spec of elasticacheAlarms(nodes > 1, args.thresholds))
          alarm(`cache-${n}`, { CacheClusterId: clusterId }, spec);
      }
    }
    if (args.backupVault) {
      alarm("backups", { BackupVaultName: args.backupVault.name }, backupFreshnessAlarm(args.backupVault.maxAgeHours));
    }
    this.alarmCount = count;
    this.topicArn = topic.arn;
    this.registerOutputs({ topicArn: this.topicArn, alarmCount: count });
  }
}
