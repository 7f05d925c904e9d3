#!/usr/bin/env bash
# Real tools for the backup and restore tests (test/tools/backups-restore.test.ts):
# - Debian's PostgreSQL server (initdb, pg_ctl) and the Prometheus Pushgateway the drill reports to;
# - (redis-server and redis-cli for test/tools/backups-redis-copy.test.ts come from tools-hardening.sh,
#   which also stops the system services Debian starts);
# - gcc + libpq-dev so pip can build psycopg2 for barman;
# - a venv `backups` with barman's cloud tools (the same barman-cloud-* the CNPG Barman Cloud plugin
#   runs) and moto's S3 server as the object store on loopback.
# The venv lives outside root's 0700 home (see venv_dir) because initdb, archive_command and the
# restore run as the `postgres` user.
set -euo pipefail
# shellcheck source=scripts/setup/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

apt_install postgresql gcc libpq-dev python3-venv curl prometheus-pushgateway shellcheck
venv_install backups "barman[cloud]==3.19.1" "boto3==1.44.8" "moto[server]==5.2.5"
