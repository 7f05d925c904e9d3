# shellcheck shell=bash
# Source me (after scripts/engine/install.sh): puts the Go-built Pulumi engine on PATH.
#   source scripts/engine/env.sh
# Exports GANTRY_ENGINE_ROOT (usable as the Automation API's PulumiCommand.get({ root })) and
# GANTRY_ENGINE_BIN; sets PULUMI_SKIP_UPDATE_CHECK=true unless already set (no update server here).
# Returns non-zero (without exiting the shell) when the engine has not been built.

_gantry_engine_here="$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")" && pwd)"
_gantry_engine_version="$(sed -n 's/^PULUMI_VERSION=//p' "$_gantry_engine_here/versions.env")"
export GANTRY_ENGINE_ROOT="${GANTRY_ENGINE_CACHE:-$HOME/.cache/gantry/engine}/$_gantry_engine_version"
export GANTRY_ENGINE_BIN="$GANTRY_ENGINE_ROOT/bin"
export PULUMI_SKIP_UPDATE_CHECK="${PULUMI_SKIP_UPDATE_CHECK:-true}"
unset _gantry_engine_here _gantry_engine_version

if [ -x "$GANTRY_ENGINE_BIN/pulumi" ]; then
  case ":$PATH:" in
    *":$GANTRY_ENGINE_BIN:"*) ;;
    *) export PATH="$GANTRY_ENGINE_BIN:$PATH" ;;
  esac
else
  echo "engine: $GANTRY_ENGINE_BIN/pulumi not found; run scripts/engine/install.sh first" >&2
  return 1 2>/dev/null || false
fi
