// CloudWatch alarms of the managed tier under mocks: which metrics each instance and node gets,
// thresholds, dimensions, every alarm acting on the one KMS-encrypted topic, subscriptions.
import { beforeAll, describe, expect, it } from "vitest";
import { type Capture, ofType, one, plain, startCapture } from "../helpers/pulumi";
import type { CloudWatchAlarmsArgs } from "../../components/cloudwatch";

let cap: Capture;
const ARGS: CloudWatchAlarmsArgs = {
  environment: "production",
  rds: [
    {
      name: "primary",
      role: "primary",
      identifier: "db-primary",
      instanceClass: "db.r7g.large",
      storageGb: 100,
      maxConnectionsParameter: "400",
    },
    {
      name: "replica-0",
      role: "replica",
      identifier: "db-replica-0",
      instanceClass: "db.r7g.large",
      storageGb: 100,
      maxConnectionsParameter: "400",
    },
  ],
  elasticache: { replicationGroupId: "cache-group", nodes: 2 },
  backupFailures: true,
  backupVault: { name: "backups-vault", maxAgeHours: 26 },
  thresholds: {
    replicationLagSeconds: 30,
    rds: {
      cpuPercent: 80,
      freeStoragePercent: 10,
      freeableMemoryPercent: 10,
      connectionsPercent: 80,
      burstBalancePercent: 20,
      cpuCreditBalance: 20,
    },
    elasticache: { cpuPercent: 90, engineCpuPercent: 90, memoryPercent: 80, evictions: 0 },
  },
  subscriptions: [
    { name: "oncall-email", protocol: "email", endpoint: "oncall@example.com" },
    { name: "pagerduty", protocol: "https", endpoint: "https://events.pagerduty.com/integration/KEY/enqueue" },
  ],
};

beforeAll(async () => {
  cap = await startCapture({ stack: "cloudwatch" });
  const { CloudWatchAlarms } = await import("../../components/cloudwatch");
  new CloudWatchAlarms("alarms", ARGS);
  await cap.settle();
});

const alarms = () => ofType(cap, "aws:cloudwatch/metricAlarm:MetricAlarm").map(plain);
const alarm = (name: string) => plain(one(cap, "aws:cloudwatch/metricAlarm:MetricAlarm", `alarms-${name}`));

describe("CloudWatchAlarms", () => {
  it("watches CPU, storage, memory and connections on every RDS instance, replica lag on the replica only", () => {
    const metrics = (id: string) =>
      alarms()
        .filter((a) => a.dimensions.DBInstanceIdentifier === id)
        .map((a) => a.metricName)
        .sort();
    expect(metrics("db-primary")).toEqual(["CPUUtilization", "DatabaseConnections", "FreeStorageSpace", "FreeableMemory"]);
    expect(metrics("db-replica-0")).toEqual([
      "CPUUtilization",
      "DatabaseConnections",
      "FreeStorageSpace",
      "FreeableMemory",
      "ReplicaLag",
    ]);
  });

  it("derives byte and connection thresholds from the class, storage and max_connections", () => {
    // db.r7g.large: 2 vCPUs x 8 GiB; 10 % of 16 GiB; 10 % of 100 GiB; 80 % of 400 connections.
    expect(alarm("db-primary-freeable-memory")).toMatchObject({ threshold: 1717986918, comparisonOperator: "LessThanThreshold" });
    expect(alarm("db-primary-free-storage")).toMatchObject({ threshold: 10737418240, statistic: "Minimum" });
    expect(alarm("db-primary-connections")).toMatchObject({ threshold: 320, statistic: "Maximum" });
    expect(alarm("db-primary-cpu")).toMatchObject({ threshold: 80, period: 300, evaluationPeriods: 3 });
    expect(alarm("db-replica-0-replica-lag")).toMatchObject({ threshold: 30, treatMissingData: "breaching", period: 60 });
  });

  it("watches each ElastiCache member cluster by its CacheClusterId, evictions from the first one", () => {
    const byNode = (id: string) =>
      alarms()
        .filter((a) => a.dimensions.CacheClusterId === id)
        .map((a) => a.metricName)
        .sort();
    const all = ["CPUUtilization", "DatabaseMemoryUsagePercentage", "EngineCPUUtilization", "Evictions", "ReplicationLag"];
    expect(byNode("cache-group-001")).toEqual(all);
    expect(byNode("cache-group-002")).toEqual(all);
    expect(alarm("cache-0-evictions")).toMatchObject({
      statistic: "Sum",
      threshold: 0,
      comparisonOperator: "GreaterThanThreshold",
    });
    expect(alarm("cache-1-replication-lag")).toMatchObject({ treatMissingData: "notBreaching", threshold: 30 });
  });

  it("sends every alarm and its recovery to the one topic, encrypted with our own rotating KMS key", () => {
    const topic = plain(one(cap, "aws:sns/topic:Topic"));
    const key = plain(one(cap, "aws:kms/key:Key"));
    expect(key.enableKeyRotation).toBe(true);
    expect(topic.kmsMasterKeyId).toBe("arn:aws:mock:eu-west-1:123456789012:alarms-key");
    const topicArn = "arn:aws:mock:eu-west-1:123456789012:alarms-topic";
    expect(alarms()).toHaveLength(20);
    for (const a of alarms()) {
      expect(a.alarmActions).toEqual([topicArn]);
      expect(a.okActions).toEqual([topicArn]);
    }
  });

  it("lets CloudWatch and EventBridge use the key and publish, the latter only from our rule", () => {
    const keyPolicy = JSON.parse(plain(one(cap, "aws:kms/key:Key")).policy);
    const publishers = keyPolicy.Statement.find((s: { Sid: string }) => s.Sid === "PublishersEncrypt");
    expect(publishers.Principal.Service).toEqual(["cloudwatch.amazonaws.com", "events.amazonaws.com"]);
    expect(publishers.Action).toContain("kms:GenerateDataKey*");
    const policy = JSON.parse(plain(one(cap, "aws:sns/topicPolicy:TopicPolicy")).policy);
    const events = policy.Statement.find((s: { Sid: string }) => s.Sid === "BackupFailuresPublish");
    expect(events.Condition.ArnEquals["aws:SourceArn"]).toBe("arn:aws:mock:eu-west-1:123456789012:alarms-backup-failures");
    const cw = policy.Statement.find((s: { Sid: string }) => s.Sid === "CloudWatchAlarmsPublish");
    expect(cw.Condition.StringEquals["aws:SourceAccount"]).toBe("123456789012");
  });

  it("forwards failed, aborted, expired and partial AWS Backup jobs to the topic", () => {
    const rule = plain(one(cap, "aws:cloudwatch/eventRule:EventRule"));
    expect(JSON.parse(rule.eventPattern)).toMatchObject({
      source: ["aws.backup"],
      detail: { state: ["FAILED", "ABORTED", "EXPIRED", "PARTIAL"] },
    });
    expect(plain(one(cap, "aws:cloudwatch/eventTarget:EventTarget")).arn).toBe(
      "arn:aws:mock:eu-west-1:123456789012:alarms-topic",
    );
  });

  it("alarms when no AWS Backup job completed into the vault for 26 hours, missing data included", () => {
    expect(alarm("backups-fresh")).toMatchObject({
      namespace: "AWS/Backup",
      metricName: "NumberOfBackupJobsCompleted",
      dimensions: { BackupVaultName: "backups-vault" },
      statistic: "Sum",
      comparisonOperator: "LessThanThreshold",
      threshold: 1,
      period: 3600,
      evaluationPeriods: 26,
      datapointsToAlarm: 26,
      treatMissingData: "breaching",
    });
  });

  it("subscribes each configured endpoint by name, the endpoint a secret", () => {
    const subs = ofType(cap, "aws:sns/topicSubscription:TopicSubscription");
    expect(subs.map((s) => s.name).sort()).toEqual(["alarms-sub-oncall-email", "alarms-sub-pagerduty"]);
    for (const s of subs) expect(JSON.stringify(s.inputs.endpoint)).toContain("4dabf18193072939515e22adb298388d");
    expect(plain(subs.find((s) => s.name === "alarms-sub-pagerduty")!).protocol).toBe("https");
  });
});
