#!/usr/bin/env bash
# Installs the real tools the tests run (Debian packages, Python venvs): every
# scripts/setup/tools-*.sh in order. Each step is idempotent and quick when its tools are present,
# so `npm test` runs this first. Packages come from the machine's package managers by name.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
shopt -s nullglob
for step in "$here"/setup/tools-*.sh; do
  bash "$step"
done
