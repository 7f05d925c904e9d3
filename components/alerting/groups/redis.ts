/** In-cluster Redis from redis_exporter's metrics (redis_*). */
import type { AlertParams, Group } from "../types";

export function redis(p: AlertParams): Group {
  const ns = `namespace="${p.namespace}"`;
  const pod = (n: string) => `namespace="${p.namespace}",pod="${n}"`;
  const alerts: Group["alerts"] = [
    {
      alert: "RedisDown",
      expr: `(sum(redis_up{${ns}}) or vector(0)) == 0`,
      for: "2m",
      severity: "critical",
      summary: "No Redis instance is up",
      description: "redis_exporter reaches no Redis instance; sessions and the job queue are down.",
      runbook: {
        meaning: "No Redis instance answers its exporter.",
        commands: [
          `kubectl -n ${p.namespace} get pods -l app.kubernetes.io/name=redis`,
          `kubectl -n ${p.namespace} logs -l app.kubernetes.io/name=redis --tail=100`,
          `kubectl -n ${p.namespace} describe statefulset -l app.kubernetes.io/name=redis`,
        ],
      },
      fire: { series: [{ series: `redis_up{${pod("cache-0")}}`, values: "0x10" }], at: "5m" },
      silent: { series: [{ series: `redis_up{${pod("cache-0")}}`, values: "1x10" }], at: "5m" },
    },
    {
      alert: "RedisNoPrimary",
      expr: `(count(redis_instance_info{${ns},role="master"}) or vector(0)) == 0`,
      for: "2m",
      severity: "critical",
      summary: "Redis has no primary",
      description: "No instance reports role=master: Sentinel lost quorum or failover is stuck; writes fail.",
      runbook: {
        meaning: "No Redis master; with Sentinel this means quorum is lost or failover did not finish.",
        commands: [
          `kubectl -n ${p.namespace} exec cache-0 -- redis-cli -p 26379 sentinel masters`,
          `kubectl -n ${p.namespace} exec cache-0 -- redis-cli info replication`,
          `kubectl -n ${p.namespace} get pods -l app.kubernetes.io/name=redis -o wide`,
        ],
      },
      fire: { series: [{ series: `redis_instance_info{${pod("cache-0")},role="slave"}`, values: "1x10" }], at: "5m" },
      silent: { series: [{ series: `redis_instance_info{${pod("cache-0")},role="master"}`, values: "1x10" }], at: "5m" },
    },
    {
      alert: "RedisMemoryNearMax",
      expr: `max by (pod) (redis_memory_used_bytes{${ns}} / (redis_memory_max_bytes{${ns}} > 0)) > 0.9`,
      for: "5m",
      severity: "warning",
      summary: "Redis memory above 90 % of maxmemory",
      description: "Redis will start evicting keys or refusing writes soon.",
      runbook: {
        meaning: "Used memory is above 90 % of maxmemory.",
        commands: [
          `kubectl -n ${p.namespace} exec cache-0 -- redis-cli info memory`,
          `kubectl -n ${p.namespace} exec cache-0 -- redis-cli --bigkeys`,
          `kubectl -n ${p.namespace} exec cache-0 -- redis-cli config get maxmemory-policy`,
        ],
      },
      fire: {
        series: [
          { series: `redis_memory_used_bytes{${pod("cache-0")}}`, values: "95x10" },
          { series: `redis_memory_max_bytes{${pod("cache-0")}}`, values: "100x10" },
        ],
        at: "8m",
        labels: { pod: "cache-0" },
      },
      silent: {
        series: [
          { series: `redis_memory_used_bytes{${pod("cache-0")}}`, values: "50x10" },
          { series: `redis_memory_max_bytes{${pod("cache-0")}}`, values: "100x10" },
        ],
        at: "8m",
      },
    },
    {
      alert: "RedisEvictions",
      expr: `sum by (pod) (rate(redis_evicted_keys_total{${ns}}[5m])) > 0`,
      for: "10m",
      severity: "warning",
      summary: "Redis is evicting keys",
      description: "Keys are evicted for lack of memory; queued jobs or sessions may be lost.",
      runbook: {
        meaning: "Redis evicts keys because maxmemory is reached.",
        commands: [
          `kubectl -n ${p.namespace} exec cache-0 -- redis-cli info stats | grep evicted`,
          `kubectl -n ${p.namespace} exec cache-0 -- redis-cli info memory`,
          `kubectl -n ${p.namespace} exec cache-0 -- redis-cli --bigkeys`,
        ],
      },
      fire: {
        series: [{ series: `redis_evicted_keys_total{${pod("cache-0")}}`, values: "0+10x30" }],
        at: "20m",
        labels: { pod: "cache-0" },
      },
      silent: { series: [{ series: `redis_evicted_keys_total{${pod("cache-0")}}`, values: "5x30" }], at: "20m" },
    },
  ];
  if (p.redisReplicas > 0) {
    alerts.push({
      alert: "RedisReplicationBroken",
      expr: `max by (pod) (redis_master_link_up{${ns}}) == 0`,
      for: "5m",
      severity: "warning",
      summary: "A Redis replica lost its link to the primary",
      description: "A replica is not replicating; a failover to it would lose data.",
      runbook: {
        meaning: "redis_master_link_up is 0 on a replica.",
        commands: [
          `kubectl -n ${p.namespace} exec cache-1 -- redis-cli info replication`,
          `kubectl -n ${p.namespace} logs cache-1 --tail=100`,
          `kubectl -n ${p.namespace} get pods -l app.kubernetes.io/name=redis -o wide`,
        ],
      },
      fire: {
        series: [{ series: `redis_master_link_up{${pod("cache-1")}}`, values: "0x10" }],
        at: "8m",
        labels: { pod: "cache-1" },
      },
      silent: { series: [{ series: `redis_master_link_up{${pod("cache-1")}}`, values: "1x10" }], at: "8m" },
    });
  }
  return { name: "redis", alerts };
}
