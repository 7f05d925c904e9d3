/**
 * Start scripts for in-cluster Redis and Sentinel (mounted from a ConfigMap). Resource-free.
 *
 * Each pod decides its role at every start rather than trusting its ordinal: after a failover
 * the primary may be any pod, and a restarted pod 0 that declared itself primary would split
 * the data. So a pod first asks Sentinel for the current primary and only falls back to "pod 0
 * is primary" when no sentinel answers (first start, or failover disabled).
 *
 * Environment the scripts expect: REDIS_PASSWORD, HEADLESS_DOMAIN, STATEFULSET, and with
 * Sentinel: SENTINEL_DOMAIN, SENTINEL_STATEFULSET, SENTINEL_COUNT, MASTER_NAME, QUORUM.
 * Passwords must not contain double quotes (generated ones are alphanumeric).
 * CONF_DIR (default the mounted /etc/redis or /etc/sentinel) and DATA_DIR (default the volume at
 * /data) exist so tests can run them outside a pod (test/tools/redis-failover.test.ts).
 */

/**
 * Sentinel's failover timings, written into sentinel.conf and read by the real failover test
 * (test/tools/redis-failover.test.ts), which bounds promotion by downAfterMs + failoverTimeoutMs.
 * 5 s before a silent primary counts as down: short enough to keep writes unavailable briefly,
 * long enough that a GC pause or slow fsync on a busy node does not trigger a failover.
 */
export const SENTINEL_TIMINGS = {
  /** A primary silent this long is subjectively down (a quorum of those makes it objectively down). */
  downAfterMs: 5000,
  /** How long one failover attempt may take before another sentinel may retry it. */
  failoverTimeoutMs: 60000,
  /** Replicas resyncing to a new primary at once (1 keeps the others serving reads). */
  parallelSyncs: 1,
} as const;

/** Shell function: asks the sentinel at $1 for the primary; prints a host or nothing. */
const ASK_SENTINEL = `ask_sentinel() {
  answer="$(REDISCLI_AUTH="$REDIS_PASSWORD" timeout 3 redis-cli -h "$1" -p 26379 --raw \\
    sentinel get-master-addr-by-name "$MASTER_NAME" 2>/dev/null | head -n 1 || true)"
  # Error replies contain spaces; a host name or address never does.
  case "$answer" in ""|*" "*) ;; *) echo "$answer" ;; esac
}`;

/** Writes redis.conf for this pod's role and execs redis-server. */
export const START_REDIS = `#!/bin/sh
set -eu
SELF="$(hostname).$HEADLESS_DOMAIN"
PRIMARY=""
${ASK_SENTINEL}
if [ -n "\${SENTINEL_DOMAIN:-}" ]; then
  i=0
  while [ -z "$PRIMARY" ] && [ "$i" -lt "$SENTINEL_COUNT" ]; do
    PRIMARY="$(ask_sentinel "$SENTINEL_STATEFULSET-$i.$SENTINEL_DOMAIN")"
    i=$((i + 1))
  done
fi
[ -n "$PRIMARY" ] || PRIMARY="$STATEFULSET-0.$HEADLESS_DOMAIN"
CONF="\${CONF_DIR:-/etc/redis}/redis.conf"
cat > "$CONF" <<EOC
port 6379
dir \${DATA_DIR:-/data}
appendonly yes
appendfsync everysec
requirepass "$REDIS_PASSWORD"
masterauth "$REDIS_PASSWORD"
replica-announce-ip $SELF
EOC
if [ "$PRIMARY" != "$SELF" ]; then
  echo "replicaof $PRIMARY 6379" >> "$CONF"
fi
exec redis-server "$CONF"
`;

/** Writes sentinel.conf (monitoring the current primary) and execs redis-server --sentinel. */
export const START_SENTINEL = `#!/bin/sh
set -eu
SELF="$(hostname).$SENTINEL_DOMAIN"
PRIMARY=""
${ASK_SENTINEL}
# Peers remember past failovers; a restarted sentinel must not revert to pod 0.
i=0
while [ -z "$PRIMARY" ] && [ "$i" -lt "$SENTINEL_COUNT" ]; do
  PEER="$SENTINEL_STATEFULSET-$i.$SENTINEL_DOMAIN"
  [ "$PEER" = "$SELF" ] || PRIMARY="$(ask_sentinel "$PEER")"
  i=$((i + 1))
done
[ -n "$PRIMARY" ] || PRIMARY="$STATEFULSET-0.$HEADLESS_DOMAIN"
CONF="\${CONF_DIR:-/etc/sentinel}/sentinel.conf"
cat > "$CONF" <<EOC
port 26379
sentinel resolve-hostnames yes
sentinel announce-hostnames yes
sentinel announce-ip $SELF
requirepass "$REDIS_PASSWORD"
sentinel sentinel-pass "$REDIS_PASSWORD"
sentinel monitor $MASTER_NAME $PRIMARY 6379 $QUORUM
sentinel auth-pass $MASTER_NAME "$REDIS_PASSWORD"
sentinel down-after-milliseconds $MASTER_NAME ${SENTINEL_TIMINGS.downAfterMs}
sentinel failover-timeout $MASTER_NAME ${SENTINEL_TIMINGS.failoverTimeoutMs}
sentinel parallel-syncs $MASTER_NAME ${SENTINEL_TIMINGS.parallelSyncs}
EOC
exec redis-server "$CONF" --sentinel
`;

/** Probe command: PONG from the local server on `port`, authenticated via REDISCLI_AUTH. */
export function pingProbe(port: number): string[] {
  return ["sh", "-c", `redis-cli -p ${port} ping | grep -q PONG`];
}
