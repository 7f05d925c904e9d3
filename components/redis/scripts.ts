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
 * CONF_DIR (default the mounted /etc/redis or /etc/sentinel) exists so tests can run them.
 */

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
dir /data
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
sentinel down-after-milliseconds $MASTER_NAME 5000
sentinel failover-timeout $MASTER_NAME 60000
sentinel parallel-syncs $MASTER_NAME 1
EOC
exec redis-server "$CONF" --sentinel
`;

/** Probe command: PONG from the local server on `port`, authenticated via REDISCLI_AUTH. */
export function pingProbe(port: number): string[] {
  return ["sh", "-c", `redis-cli -p ${port} ping | grep -q PONG`];
}
