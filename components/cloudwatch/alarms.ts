/**
 * The alarm table: which CloudWatch metrics are watched for each RDS instance and ElastiCache
 * node, with what statistic, threshold and evaluation. Pure; the component attaches dimensions
 * and actions.
 */
import { gibToBytes, isBurstable, rdsMaxConnections, rdsMemoryGiB } from "./sizing";
import type { RdsInstance, ResolvedThresholds } from "./args";

export interface AlarmSpec {
  /** Child-name suffix, stable per instance and metric: `<instance>-<key>`. */
  readonly key: string;
  readonly namespace: "AWS/RDS" | "AWS/ElastiCache" | "AWS/Backup";
  readonly metricName: string;
  readonly statistic: "Average" | "Minimum" | "Maximum" | "Sum";
  readonly comparisonOperator: "GreaterThanThreshold" | "LessThanThreshold";
  readonly threshold: number;
  readonly period: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly treatMissingData: "missing" | "breaching" | "notBreaching";
  readonly description: string;
}

const FIVE_MIN = 300;
const sustained = { period: FIVE_MIN, evaluationPeriods: 3, datapointsToAlarm: 3 } as const;
const above = "GreaterThanThreshold" as const;
const below = "LessThanThreshold" as const;

/** Alarms of one RDS instance. */
export function rdsAlarms(i: RdsInstance, t: ResolvedThresholds): AlarmSpec[] {
  const r = t.rds;
  const memBytes = gibToBytes(rdsMemoryGiB(i.instanceClass) ?? 0);
  const maxConn = rdsMaxConnections(i.instanceClass, i.maxConnectionsParameter) ?? 0;
  const specs: AlarmSpec[] = [
    {
      key: "cpu",
      namespace: "AWS/RDS",
      metricName: "CPUUtilization",
      statistic: "Average",
      comparisonOperator: above,
      threshold: r.cpuPercent,
      ...sustained,
      treatMissingData: "missing",
      description: `CPU above ${r.cpuPercent} % for 15 minutes`,
    },
    {
      key: "free-storage",
      namespace: "AWS/RDS",
      metricName: "FreeStorageSpace",
      statistic: "Minimum",
      comparisonOperator: below,
      threshold: Math.round((gibToBytes(i.storageGb) * r.freeStoragePercent) / 100),
      period: FIVE_MIN,
      evaluationPeriods: 2,
      datapointsToAlarm: 2,
      treatMissingData: "missing",
      description: `free storage below ${r.freeStoragePercent} % of ${i.storageGb} GiB`,
    },
    {
      key: "freeable-memory",
      namespace: "AWS/RDS",
      metricName: "FreeableMemory",
      statistic: "Average",
      comparisonOperator: below,
      threshold: Math.round((memBytes * r.freeableMemoryPercent) / 100),
      ...sustained,
      treatMissingData: "missing",
      description: `freeable memory below ${r.freeableMemoryPercent} % of ${i.instanceClass}'s ${rdsMemoryGiB(i.instanceClass)} GiB`,
    },
    {
      key: "connections",
      namespace: "AWS/RDS",
      metricName: "DatabaseConnections",
      statistic: "Maximum",
      comparisonOperator: above,
      threshold: Math.floor((maxConn * r.connectionsPercent) / 100),
      ...sustained,
      treatMissingData: "missing",
      description: `connections above ${r.connectionsPercent} % of max_connections (${maxConn})`,
    },
  ];
  if (i.role === "replica") {
    specs.push({
      key: "replica-lag",
      namespace: "AWS/RDS",
      metricName: "ReplicaLag",
      statistic: "Maximum",
      comparisonOperator: above,
      threshold: t.replicationLagSeconds,
      period: 60,
      evaluationPeriods: 5,
      datapointsToAlarm: 5,
      // A replica whose replication stopped reports nothing: that is the worst lag.
      treatMissingData: "breaching",
      description: `replica lag above ${t.replicationLagSeconds} s for 5 minutes`,
    });
  }
  // BurstBalance exists only for gp2 (gp3 has a fixed baseline, no bucket).
  if (i.storageType === "gp2") {
    specs.push({
      key: "burst-balance",
      namespace: "AWS/RDS",
      metricName: "BurstBalance",
      statistic: "Minimum",
      comparisonOperator: below,
      threshold: r.burstBalancePercent,
      ...sustained,
      treatMissingData: "missing",
      description: `gp2 I/O burst balance below ${r.burstBalancePercent} %`,
    });
  }
  if (isBurstable(i.instanceClass)) {
    specs.push({
      key: "cpu-credits",
      namespace: "AWS/RDS",
      metricName: "CPUCreditBalance",
      statistic: "Minimum",
      comparisonOperator: below,
      threshold: r.cpuCreditBalance,
      ...sustained,
      treatMissingData: "missing",
      description: `CPU credit balance below ${r.cpuCreditBalance} (burstable class: throttled or billed beyond baseline)`,
    });
  }
  return specs;
}

/** Alarms of one ElastiCache node; `replicated` when the group has more than one node. */
export function elasticacheAlarms(replicated: boolean, t: ResolvedThresholds): AlarmSpec[] {
  const e = t.elasticache;
  const base = { namespace: "AWS/ElastiCache" as const, treatMissingData: "missing" as const };
  const specs: AlarmSpec[] = [
    {
      ...base,
      key: "cpu",
      metricName: "CPUUtilization",
      statistic: "Average",
      comparisonOperator: above,
      threshold: e.cpuPercent,
      ...sustained,
      description: `host CPU above ${e.cpuPercent} % for 15 minutes`,
    },
    {
      ...base,
      key: "engine-cpu",
      metricName: "EngineCPUUtilization",
      statistic: "Average",
      comparisonOperator: above,
      threshold: e.engineCpuPercent,
      ...sustained,
      description: `Redis engine thread CPU above ${e.engineCpuPercent} % for 15 minutes`,
    },
    {
      ...base,
      key: "memory",
      metricName: "DatabaseMemoryUsagePercentage",
      statistic: "Average",
      comparisonOperator: above,
      threshold: e.memoryPercent,
      ...sustained,
      description: `memory above ${e.memoryPercent} % of maxmemory`,
    },
    {
      ...base,
      key: "evictions",
      metricName: "Evictions",
      statistic: "Sum",
      comparisonOperator: above,
      threshold: e.evictions,
      period: FIVE_MIN,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      treatMissingData: "notBreaching",
      description: `more than ${e.evictions} keys evicted in 5 minutes (queued jobs may be lost)`,
    },
  ];
  if (replicated) {
    specs.push({
      ...base,
      key: "replication-lag",
      metricName: "ReplicationLag",
      statistic: "Maximum",
      comparisonOperator: above,
      threshold: t.replicationLagSeconds,
      period: 60,
      evaluationPeriods: 5,
      datapointsToAlarm: 5,
      // Only replicas report it, and roles move on failover: every node has the alarm, the primary stays quiet.
      treatMissingData: "notBreaching",
      description: `replication lag above ${t.replicationLagSeconds} s for 5 minutes`,
    });
  }
  return specs;
}

/**
 * No backup job completed into the vault for `maxAgeHours`: a plan that silently stopped running
 * emits no failure event, so absence is alarmed on its own (hourly sums, all of them empty).
 */
export function backupFreshnessAlarm(maxAgeHours: number): AlarmSpec {
  return {
    key: "fresh",
    namespace: "AWS/Backup",
    metricName: "NumberOfBackupJobsCompleted",
    statistic: "Sum",
    comparisonOperator: below,
    threshold: 1,
    period: 3600,
    evaluationPeriods: maxAgeHours,
    datapointsToAlarm: maxAgeHours,
    treatMissingData: "breaching",
    description: `no backup job completed in the last ${maxAgeHours} h`,
  };
}

/**
 * ElastiCache names a replication group's member clusters `<group id>-001`, `-002`, …: known
 * before they exist, so the alarm count is fixed at plan time.
 */
export const memberClusterId = (groupId: string, index: number) => `${groupId}-${String(index + 1).padStart(3, "0")}`;

/** EventBridge pattern: any AWS Backup backup, copy or restore job (restore tests too) that did not complete. */
export const BACKUP_FAILURE_PATTERN = {
  source: ["aws.backup"],
  "detail-type": ["Backup Job State Change", "Copy Job State Change", "Restore Job State Change"],
  detail: { state: ["FAILED", "ABORTED", "EXPIRED", "PARTIAL"] },
};
