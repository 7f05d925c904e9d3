/** In-cluster Postgres from CloudNativePG's exported metrics (cnpg_*) and the kubelet's volume stats. */
import type { AlertParams, Group } from "../types";

export function postgresCnpg(p: AlertParams): Group {
  const ns = `namespace="${p.namespace}"`;
  const pod = (n: string) => `namespace="${p.namespace}",pod="${n}"`;
  const alerts: Group["alerts"] = [
    {
      alert: "PostgresDown",
      expr: `(sum(cnpg_collector_up{${ns}}) or vector(0)) == 0`,
      for: "2m",
      severity: "critical",
      summary: "No Postgres instance is up",
      description: "No CNPG instance reports cnpg_collector_up=1; the database is unreachable.",
      runbook: {
        meaning: "Every CNPG instance is down or not scraped; the app cannot reach its database.",
        commands: [
          `kubectl -n ${p.namespace} get cluster,pods -l cnpg.io/cluster`,
          `kubectl -n ${p.namespace} describe cluster`,
          `kubectl -n ${p.namespace} logs -l cnpg.io/cluster --tail=100`,
        ],
      },
      fire: { series: [{ series: `cnpg_collector_up{${pod("db-1")}}`, values: "0x10" }], at: "5m" },
      silent: { series: [{ series: `cnpg_collector_up{${pod("db-1")}}`, values: "1x10" }], at: "5m" },
    },
    {
      alert: "PostgresNoPrimary",
      expr: `(count(cnpg_pg_replication_in_recovery{${ns}} == 0) or vector(0)) == 0`,
      for: "1m",
      severity: "critical",
      summary: "Postgres has no primary",
      description: "Every instance is in recovery: writes fail until failover completes.",
      runbook: {
        meaning: "No instance accepts writes; a failover is stuck or the primary is gone.",
        commands: [
          `kubectl -n ${p.namespace} get cluster -o wide`,
          `kubectl cnpg status db -n ${p.namespace}`,
          `kubectl -n ${p.namespace} get events --sort-by=.lastTimestamp | tail -20`,
        ],
      },
      fire: { series: [{ series: `cnpg_pg_replication_in_recovery{${pod("db-1")}}`, values: "1x10" }], at: "5m" },
      silent: { series: [{ series: `cnpg_pg_replication_in_recovery{${pod("db-1")}}`, values: "0x10" }], at: "5m" },
    },
    {
      alert: "PostgresConnectionsHigh",
      expr: `max by (pod) (cnpg_backends_total{${ns}}) / max by (pod) (cnpg_pg_settings_setting{${ns},name="max_connections"}) > 0.8`,
      for: "5m",
      severity: "warning",
      summary: "Postgres connections above 80 % of max_connections",
      description: "New connections will soon be refused; look for leaks or raise the pool limits.",
      runbook: {
        meaning: "Backends are above 80 % of max_connections.",
        commands: [
          `kubectl cnpg psql db -n ${p.namespace} -- -c "select usename, state, count(*) from pg_stat_activity group by 1,2"`,
          `kubectl -n ${p.namespace} get pods -l app.kubernetes.io/name=app`,
          `kubectl cnpg status db -n ${p.namespace}`,
        ],
      },
      fire: {
        series: [
          { series: `cnpg_backends_total{${pod("db-1")}}`, values: "90x10" },
          { series: `cnpg_pg_settings_setting{${pod("db-1")},name="max_connections"}`, values: "100x10" },
        ],
        at: "8m",
        labels: { pod: "db-1" },
      },
      silent: {
        series: [
          { series: `cnpg_backends_total{${pod("db-1")}}`, values: "50x10" },
          { series: `cnpg_pg_settings_setting{${pod("db-1")},name="max_connections"}`, values: "100x10" },
        ],
        at: "8m",
      },
    },
    {
      alert: "PostgresStorageFilling",
      expr: `predict_linear(kubelet_volume_stats_available_bytes{${ns},persistentvolumeclaim=~"db-[0-9]+"}[6h], 4 * 3600) < 0`,
      for: "15m",
      severity: "warning",
      summary: "Postgres volume fills within 4 hours",
      description: "At the last 6 hours' rate the volume runs out of space within 4 hours.",
      runbook: {
        meaning: "The data volume's free space trends to zero within 4 hours.",
        commands: [
          `kubectl -n ${p.namespace} get pvc`,
          `kubectl cnpg psql db -n ${p.namespace} -- -c "select pg_size_pretty(pg_database_size(current_database()))"`,
          `kubectl -n ${p.namespace} patch cluster db --type merge -p '{"spec":{"storage":{"size":"<bigger>"}}}'`,
        ],
      },
      fire: {
        series: [
          { series: `kubelet_volume_stats_available_bytes{${ns},persistentvolumeclaim="db-1"}`, values: "100000-1000x60" },
        ],
        at: "60m",
        labels: { namespace: p.namespace, persistentvolumeclaim: "db-1" },
      },
      silent: {
        series: [{ series: `kubelet_volume_stats_available_bytes{${ns},persistentvolumeclaim="db-1"}`, values: "100000x60" }],
        at: "60m",
      },
    },
    {
      alert: "PostgresBackupTooOld",
      expr: `time() - max(cnpg_collector_last_available_backup_timestamp{${ns}}) > 26 * 3600`,
      for: "10m",
      severity: "critical",
      summary: "Last successful Postgres backup is older than 26 hours",
      description: "The daily base backup did not complete; point-in-time recovery is at risk.",
      runbook: {
        meaning: "No base backup completed in 26 hours.",
        commands: [
          `kubectl -n ${p.namespace} get backups --sort-by=.metadata.creationTimestamp`,
          `kubectl -n ${p.namespace} get scheduledbackups`,
          `kubectl cnpg backup db -n ${p.namespace}`,
        ],
      },
      fire: {
        series: [{ series: `cnpg_collector_last_available_backup_timestamp{${pod("db-1")}}`, values: "-100000x30" }],
        at: "20m",
      },
      silent: {
        series: [{ series: `cnpg_collector_last_available_backup_timestamp{${pod("db-1")}}`, values: "0x30" }],
        at: "20m",
      },
    },
    {
      alert: "PostgresBackupFailed",
      expr: `max(cnpg_collector_last_failed_backup_timestamp{${ns}}) > max(cnpg_collector_last_available_backup_timestamp{${ns}})`,
      for: "5m",
      severity: "warning",
      summary: "The latest Postgres backup failed",
      description: "The most recent backup attempt failed after the last successful one.",
      runbook: {
        meaning: "A backup failed more recently than the last success.",
        commands: [
          `kubectl -n ${p.namespace} get backups`,
          `kubectl -n ${p.namespace} describe backup <latest>`,
          `kubectl -n ${p.namespace} logs -l cnpg.io/cluster --tail=200 | grep -i barman`,
        ],
      },
      fire: {
        series: [
          { series: `cnpg_collector_last_failed_backup_timestamp{${pod("db-1")}}`, values: "2000x20" },
          { series: `cnpg_collector_last_available_backup_timestamp{${pod("db-1")}}`, values: "1000x20" },
        ],
        at: "10m",
      },
      silent: {
        series: [
          { series: `cnpg_collector_last_failed_backup_timestamp{${pod("db-1")}}`, values: "500x20" },
          { series: `cnpg_collector_last_available_backup_timestamp{${pod("db-1")}}`, values: "1000x20" },
        ],
        at: "10m",
      },
    },
    {
      alert: "PostgresWalArchivingFailing",
      expr: `sum by (pod) (rate(cnpg_pg_stat_archiver_failed_count{${ns}}[5m])) > 0`,
      for: "5m",
      severity: "critical",
      summary: "Postgres WAL archiving is failing",
      description: "WAL segments fail to reach object storage: recovery point grows and the volume fills.",
      runbook: {
        meaning: "archive_command keeps failing (cnpg_pg_stat_archiver_failed_count rises).",
        commands: [
          `kubectl cnpg status db -n ${p.namespace}`,
          `kubectl -n ${p.namespace} logs -l cnpg.io/cluster --tail=200 | grep -i wal-archive`,
          `kubectl -n ${p.namespace} get objectstore,secret`,
        ],
      },
      fire: {
        series: [{ series: `cnpg_pg_stat_archiver_failed_count{${pod("db-1")}}`, values: "0+1x20" }],
        at: "15m",
        labels: { pod: "db-1" },
      },
      silent: { series: [{ series: `cnpg_pg_stat_archiver_failed_count{${pod("db-1")}}`, values: "3x20" }], at: "15m" },
    },
  ];
  if (p.postgresReplicas > 0) {
    alerts.push(
      {
        alert: "PostgresReplicationLag",
        expr: `max by (pod) (cnpg_pg_replication_lag{${ns}}) > ${p.replicationLagSeconds}`,
        for: "5m",
        severity: "warning",
        summary: `Postgres replica lags more than ${p.replicationLagSeconds} s`,
        description: "A replica is behind the primary: reads are stale and failover would lose time.",
        runbook: {
          meaning: "Replay on a replica is behind the primary by more than the threshold.",
          commands: [
            `kubectl cnpg status db -n ${p.namespace}`,
            `kubectl cnpg psql db -n ${p.namespace} -- -c "select * from pg_stat_replication"`,
            `kubectl -n ${p.namespace} top pods -l cnpg.io/cluster`,
          ],
        },
        fire: {
          series: [{ series: `cnpg_pg_replication_lag{${pod("db-2")}}`, values: `${p.replicationLagSeconds * 4}x20` }],
          at: "10m",
          labels: { pod: "db-2" },
        },
        silent: { series: [{ series: `cnpg_pg_replication_lag{${pod("db-2")}}`, values: "1x20" }], at: "10m" },
      },
      {
        alert: "PostgresReplicaNotStreaming",
        expr: `(max(cnpg_pg_replication_streaming_replicas{${ns}}) or vector(0)) < ${p.postgresReplicas}`,
        for: "5m",
        severity: "warning",
        summary: "A Postgres replica is not streaming from the primary",
        description: `The primary streams to fewer than the ${p.postgresReplicas} configured replicas.`,
        runbook: {
          meaning: "Fewer replicas stream WAL than configured; the cluster is less redundant.",
          commands: [
            `kubectl cnpg status db -n ${p.namespace}`,
            `kubectl -n ${p.namespace} get pods -l cnpg.io/cluster -o wide`,
            `kubectl -n ${p.namespace} logs <replica-pod> --tail=100`,
          ],
        },
        fire: {
          series: [{ series: `cnpg_pg_replication_streaming_replicas{${pod("db-1")}}`, values: `${p.postgresReplicas - 1}x20` }],
          at: "10m",
        },
        silent: {
          series: [{ series: `cnpg_pg_replication_streaming_replicas{${pod("db-1")}}`, values: `${p.postgresReplicas}x20` }],
          at: "10m",
        },
      },
    );
  }
  return { name: "postgres-cnpg", alerts };
}
