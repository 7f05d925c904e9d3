#!/usr/bin/env bash
# Real tools for the hardening tests:
# - checkov (the third-party Kubernetes scanner) in a venv;
# - Debian's redis-server and redis-sentinel (with redis-cli) for the real failover test
#   (test/tools/redis-failover.test.ts), which starts its own servers on loopback.
set -euo pipefail
# shellcheck source=scripts/setup/lib.sh
. "$(dirname "$0")/lib.sh"
venv_install checkov checkov==3.3.30

redis_fresh=0
dpkg-query -W -f='${Status}' redis-sentinel 2>/dev/null | grep -q "install ok installed" || redis_fresh=1
apt_install redis-server redis-sentinel
# Debian enables and starts both as system services on install; the tests need only the binaries,
# and a Redis left listening on the machine is nothing the project asked for. Only after our own
# install, so a Redis the machine already ran is left alone.
if [ "$redis_fresh" -eq 1 ] && [ "$(id -u)" -eq 0 ]; then
  for unit in redis-server redis-sentinel; do
    if [ -d /run/systemd/system ]; then
      systemctl disable --now "$unit" >/dev/null 2>&1 || true
    else
      service "$unit" stop >/dev/null 2>&1 || true
      update-rc.d "$unit" disable >/dev/null 2>&1 || true
    fi
  done
fi
