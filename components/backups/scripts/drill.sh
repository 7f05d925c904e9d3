#!/usr/bin/env bash
# Restore drill: proves the newest (or a given) Barman Cloud base backup plus its WAL comes back.
#
# 1. finds the backup (barman-cloud-backup-list), restores it into a fresh data directory
#    (barman-cloud-restore) and replays WAL from the archive (barman-cloud-wal-restore);
# 2. starts Postgres on a Unix socket only, waits for promotion;
# 3. validates: every user table of the database is read in full, configured minimum row counts,
#    and every *.sql file in DRILL_CHECKS_DIR must return true;
# 4. pushes restore_duration_seconds (measured RTO), restored_data_age_seconds (measured RPO),
#    restore_last_success_timestamp_seconds and restore_drill_failed to a Pushgateway;
# 5. stops the server and deletes the copy. Any failure exits non-zero and pushes
#    restore_drill_failed 1 (the last success timestamp is left as it was).
#
# Settings (environment):
#   DRILL_SOURCE_URL       s3://bucket/path the backups were written to (required)
#   DRILL_SERVER_NAME      Barman server name: the CNPG cluster name (required)
#   DRILL_BACKUP_ID        backup to restore (default: latest)
#   DRILL_ENDPOINT_URL     S3 endpoint for non-AWS object stores (default: AWS)
#   DRILL_TARGET_TIME      recovery_target_time (default: replay every archived WAL segment)
#   DRILL_DATABASE         database to validate (default: postgres)
#   DRILL_SUPERUSER        role to connect as (default: postgres)
#   DRILL_MIN_ROWS         "schema.table=N ..." tables that must hold at least N rows
#   DRILL_CHECKS_DIR       directory of *.sql files, each returning one boolean (default: none)
#   DRILL_MAX_AGE_SECONDS  the restored backup must be younger than this (default: no limit)
#   DRILL_SCRATCH_DIR      where the copy goes; must not hold an old copy (default: mktemp)
#   DRILL_PORT             port of the scratch server's socket (default: 54329)
#   DRILL_RECOVERY_TIMEOUT seconds allowed for restore + replay (default: 3600)
#   DRILL_PUSHGATEWAY_URL  Pushgateway base URL (default: no push)
#   DRILL_JOB, DRILL_INSTANCE  Pushgateway grouping key (default: restore-drill, the server name)
#   DRILL_NAMESPACE        added to the grouping key as namespace= (default: none)
#   DRILL_CREDENTIALS_DIR  directory with files ACCESS_KEY_ID and ACCESS_SECRET_KEY (a mounted
#                          Secret; default: the environment's AWS credentials, e.g. IRSA)
#   PGBIN                  directory of postgres, pg_ctl, psql (default: from PATH)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# Credentials arrive as files (a mounted Secret) so they never sit in the pod spec's env.
if [ -n "${DRILL_CREDENTIALS_DIR:-}" ]; then
  AWS_ACCESS_KEY_ID="$(cat "$DRILL_CREDENTIALS_DIR/ACCESS_KEY_ID")"
  AWS_SECRET_ACCESS_KEY="$(cat "$DRILL_CREDENTIALS_DIR/ACCESS_SECRET_KEY")"
  export AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY
fi

: "${DRILL_SOURCE_URL:?DRILL_SOURCE_URL is required (s3://bucket/path of the backups)}"
: "${DRILL_SERVER_NAME:?DRILL_SERVER_NAME is required (the CNPG cluster name)}"
backup_id="${DRILL_BACKUP_ID:-latest}"
database="${DRILL_DATABASE:-postgres}"
superuser="${DRILL_SUPERUSER:-postgres}"
port="${DRILL_PORT:-54329}"
timeout="${DRILL_RECOVERY_TIMEOUT:-3600}"
job="${DRILL_JOB:-restore-drill}"
instance="${DRILL_INSTANCE:-$DRILL_SERVER_NAME}"
bin="${PGBIN:+$PGBIN/}"
cloud=()
[ -z "${DRILL_ENDPOINT_URL:-}" ] || cloud=(--endpoint-url "$DRILL_ENDPOINT_URL")

scratch="${DRILL_SCRATCH_DIR:-$(mktemp -d -t gantry-drill.XXXXXX)}"
data="$scratch/pgdata"
socket="$scratch/run"
started=0
phase="setup"

log() { printf '%s drill: %s\n' "$(date -u +%FT%TZ)" "$*" >&2; }

# push BODY: adds metrics to the drill's group. POST replaces only the metrics named in BODY, so a
# failure never erases the last success timestamp.
push() {
  [ -n "${DRILL_PUSHGATEWAY_URL:-}" ] || return 0
  local url="${DRILL_PUSHGATEWAY_URL%/}/metrics/job/$job/instance/$instance"
  [ -z "${DRILL_NAMESPACE:-}" ] || url="$url/namespace/$DRILL_NAMESPACE"
  if command -v curl >/dev/null; then
    printf '%s\n' "$1" | curl -fsS --max-time 30 --data-binary @- "$url" >/dev/null
  else
    # The CNPG image has Python (barman is written in it) but not always curl.
    printf '%s\n' "$1" | python3 -c 'import sys, urllib.request as u
u.urlopen(u.Request(sys.argv[1], data=sys.stdin.buffer.read(), method="POST"), timeout=30)' "$url"
  fi
}

cleanup() {
  local status=$?
  if [ "$started" = 1 ]; then "${bin}pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true; fi
  if [ "$status" -ne 0 ]; then
    log "FAILED during $phase (exit $status)"
    [ ! -f "$scratch/postgres.log" ] || tail -n 20 "$scratch/postgres.log" >&2
    push "# TYPE restore_drill_failed gauge
restore_drill_failed 1
# TYPE restore_drill_last_run_timestamp_seconds gauge
restore_drill_last_run_timestamp_seconds $(date +%s)" || log "could not push the failure to $DRILL_PUSHGATEWAY_URL"
  fi
  rm -rf "$scratch"
  exit "$status"
}
trap cleanup EXIT

psql_at() { "${bin}psql" -h "$socket" -p "$port" -U "$superuser" -d "$database" -XAtq -v ON_ERROR_STOP=1 "$@"; }

# The backup to restore and its end time, from the catalogue in the object store.
phase="finding backup $backup_id"
t0=$(date +%s)
read -r backup end_epoch < <(barman-cloud-backup-list "${cloud[@]}" --format json "$DRILL_SOURCE_URL" "$DRILL_SERVER_NAME" |
  python3 "$here/pick-backup.py" "$backup_id")
age=$((t0 - end_epoch))
log "restoring backup $backup (ended $age s ago) of $DRILL_SERVER_NAME from $DRILL_SOURCE_URL"
if [ -n "${DRILL_MAX_AGE_SECONDS:-}" ] && [ "$age" -gt "$DRILL_MAX_AGE_SECONDS" ]; then
  log "the newest backup is $age s old, older than DRILL_MAX_AGE_SECONDS=$DRILL_MAX_AGE_SECONDS"
  exit 3
fi

phase="barman-cloud-restore"
mkdir -p "$socket"
barman-cloud-restore "${cloud[@]}" "$DRILL_SOURCE_URL" "$DRILL_SERVER_NAME" "$backup" "$data"
chmod 0700 "$data"

# The source's configuration points at its certificates, libraries and archive: keep it aside
# and run the copy with a minimal one that cannot archive into the source's prefix.
phase="configuring the copy"
for f in postgresql.conf postgresql.auto.conf pg_hba.conf; do [ ! -f "$data/$f" ] || mv "$data/$f" "$data/$f.source"; done
printf -v restore_cmd 'barman-cloud-wal-restore %s %q %q %%f %%p' "${DRILL_ENDPOINT_URL:+--endpoint-url $DRILL_ENDPOINT_URL}" \
  "$DRILL_SOURCE_URL" "$DRILL_SERVER_NAME"
target=""
if [ -n "${DRILL_TARGET_TIME:-}" ]; then
  # Postgres refuses the ISO form 2026-11-20T10:00:00Z here: a space and a numeric zone it takes.
  instant="${DRILL_TARGET_TIME/T/ }"
  case "$instant" in *Z) instant="${instant%Z}+00" ;; esac
  target="recovery_target_time = '$instant'"
fi
cat >"$data/postgresql.conf" <<EOF
listen_addresses = ''
port = $port
unix_socket_directories = '$socket'
archive_mode = off
restore_command = '${restore_cmd//\'/\'\'}'
recovery_target_action = 'promote'
$target
EOF
# Only this pod reaches the socket, in a directory only it can read.
echo "local all all trust" >"$data/pg_hba.conf"
touch "$data/recovery.signal"

phase="WAL replay"
"${bin}pg_ctl" -D "$data" -l "$scratch/postgres.log" -w -t "$timeout" start >/dev/null
started=1
# pg_ctl returns once read-only connections open; recovery ends with the promotion.
while [ "$(psql_at -c 'select pg_is_in_recovery()' 2>/dev/null || echo gone)" != "f" ]; do
  if ! "${bin}pg_ctl" -D "$data" status >/dev/null 2>&1; then
    started=0
    log "the server stopped during recovery (target not reached, or a WAL segment is missing)"
    exit 4
  fi
  [ $(($(date +%s) - t0)) -lt "$timeout" ] || {
    log "recovery took longer than $timeout s"
    exit 5
  }
  sleep 0.2
done
t1=$(date +%s.%N)
duration=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
# RPO: the last commit the copy replayed (the backup's end when no WAL commit came after it).
last_commit=$(psql_at -c "select coalesce(extract(epoch from pg_last_xact_replay_timestamp()), $end_epoch)")
data_age=$(awk -v a="$last_commit" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
log "promoted after $duration s; newest restored commit is $data_age s old"

phase="validation"
tables=0
while IFS= read -r table; do
  psql_at -c "select count(*) from $table" >/dev/null
  tables=$((tables + 1))
done < <(psql_at -c "select format('%I.%I', schemaname, tablename) from pg_tables
  where schemaname not in ('pg_catalog', 'information_schema') order by 1")
log "read every row of $tables user tables in $database"
for check in ${DRILL_MIN_ROWS:-}; do
  table="${check%=*}" min="${check##*=}"
  rows=$(psql_at -c "select count(*) from $table")
  [ "$rows" -ge "$min" ] || {
    log "$table has $rows rows, fewer than the $min required"
    exit 6
  }
done
if [ -n "${DRILL_CHECKS_DIR:-}" ]; then
  for sql in "$DRILL_CHECKS_DIR"/*.sql; do
    [ -e "$sql" ] || continue
    [ "$(psql_at -f "$sql")" = "t" ] || {
      log "check $(basename "$sql") did not return true"
      exit 7
    }
  done
fi

phase="pushing metrics"
push "# TYPE restore_duration_seconds gauge
restore_duration_seconds $duration
# TYPE restored_data_age_seconds gauge
restored_data_age_seconds $data_age
# TYPE restore_backup_age_seconds gauge
restore_backup_age_seconds $age
# TYPE restore_tables_checked gauge
restore_tables_checked $tables
# TYPE restore_last_success_timestamp_seconds gauge
restore_last_success_timestamp_seconds $(date +%s)
# TYPE restore_drill_last_run_timestamp_seconds gauge
restore_drill_last_run_timestamp_seconds $(date +%s)
# TYPE restore_drill_failed gauge
restore_drill_failed 0"
log "OK: backup $backup restored in $duration s, data age $data_age s, $tables tables"
