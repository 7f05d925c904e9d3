#!/usr/bin/env bash
# promtool and amtool for the alerting tests (Debian bookworm: prometheus 2.42.0, alertmanager 0.25.0).
set -euo pipefail
# shellcheck source=scripts/setup/lib.sh
source "$(dirname "$0")/lib.sh"
apt_install prometheus prometheus-alertmanager
# Pinned by the distribution release; fail loudly if another version appears (rule syntax and amtool flags differ).
promtool --version 2>&1 | grep -q "version 2.42.0" || { echo "setup: expected promtool 2.42.0" >&2; exit 1; }
amtool --version 2>&1 | grep -q "version 0.25.0" || { echo "setup: expected amtool 0.25.0" >&2; exit 1; }
# test/tools/alerting-alertmanager.test.ts runs the server of the same package on loopback.
prometheus-alertmanager --version 2>&1 | grep -q "version 0.25.0" || { echo "setup: expected alertmanager 0.25.0" >&2; exit 1; }
