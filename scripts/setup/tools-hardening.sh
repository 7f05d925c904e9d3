#!/usr/bin/env bash
# Real tools for the hardening tests: checkov (the third-party Kubernetes scanner) in a venv.
set -euo pipefail
# shellcheck source=scripts/setup/lib.sh
. "$(dirname "$0")/lib.sh"
venv_install checkov checkov==3.3.30
