#!/usr/bin/env bash
# The main job on a machine without a cluster or cloud: a real `pulumi up` of the `local` stack,
# which renders every Kubernetes manifest to out/local/. Installs (or reuses) the engine first.
#   npm run up:local                 # state in .state/ (a file:// backend), manifests in out/local/
#   npm run up:local -- --diff       # extra flags go to `pulumi up`
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

bash scripts/engine/install.sh
# shellcheck source=env.sh
source scripts/engine/env.sh || true

export PULUMI_BACKEND_URL="${PULUMI_BACKEND_URL:-file://$ROOT/.state}"
# The local stack holds no secrets; Pulumi.local.yaml's salt is for the empty passphrase.
export PULUMI_CONFIG_PASSPHRASE="${PULUMI_CONFIG_PASSPHRASE-}"
mkdir -p .state

pulumi stack select local 2>/dev/null || pulumi stack init local
pulumi up --stack local --yes "$@"
echo "manifests: $ROOT/out/local ($(find out/local -type f | wc -l) files)"
