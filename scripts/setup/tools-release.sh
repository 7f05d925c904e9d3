#!/usr/bin/env bash
# Workflow linting for test/release/workflows.test.ts: shellcheck from Debian (actionlint runs it
# on every `run:` script) and actionlint built from its Go module, pinned, into a cache folder.
set -euo pipefail
# shellcheck source=scripts/setup/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
apt_install shellcheck
ACTIONLINT_VERSION=v1.7.7
bin="${GANTRY_TOOLS_BIN:-$HOME/.cache/gantry/bin}"
if [ "$("$bin/actionlint" -version 2>/dev/null | head -1)" != "$ACTIONLINT_VERSION" ]; then
  command -v go >/dev/null || PATH="/usr/local/go/bin:$PATH"
  echo "setup: go install github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION" >&2
  mkdir -p "$bin"
  GOBIN="$bin" GOFLAGS=-mod=mod go install "github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION" >&2
fi
