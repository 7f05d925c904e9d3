#!/usr/bin/env bash
# Makes the Pulumi engine (CLI + Node.js language host + Kubernetes provider plugin) available
# on a machine that reaches package registries only, by building it from Go modules.
#
#   scripts/engine/install.sh          # reuse a pulumi >= PULUMI_VERSION on PATH, else build/reuse cache
#   source scripts/engine/env.sh       # afterwards: put the built bin dir on PATH
#
# Environment:
#   GANTRY_ENGINE_CACHE        cache root (default: $HOME/.cache/gantry/engine)
#   GANTRY_ENGINE_FORCE_BUILD  1 = ignore a pulumi found on PATH and use/build the cache
#   GANTRY_ENGINE_REBUILD      1 = rebuild even if the cache is complete
#   GANTRY_ENGINE_JOBS         go build -p value (default 2)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=versions.env
source "$HERE/versions.env"

INSTALL_DOC="https://www.pulumi.com/docs/install/"
CACHE_ROOT="${GANTRY_ENGINE_CACHE:-$HOME/.cache/gantry/engine}"
ROOT="$CACHE_ROOT/$PULUMI_VERSION"
BIN="$ROOT/bin"
JOBS="${GANTRY_ENGINE_JOBS:-2}"
BINARIES=(pulumi pulumi-language-nodejs "$NODEJS_HOST_INNER_BIN" pulumi-resource-kubernetes)

log() { echo "engine: $*"; }
die() {
  echo "engine: ERROR: $*" >&2
  echo "engine: the official routes (see $INSTALL_DOC) download prebuilt binaries, which this" >&2
  echo "engine: machine cannot reach; install the Pulumi CLI v$PULUMI_VERSION or later from there" >&2
  echo "engine: where downloads work, or fix the Go module build above." >&2
  exit 1
}

# version_ge A B: true when version A >= version B (both without a leading v).
version_ge() { [ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | head -n1)" = "$2" ]; }

# 1. A recent enough pulumi already on PATH wins (unless it is ours: then check the cache below).
if [ "${GANTRY_ENGINE_FORCE_BUILD:-0}" != 1 ] && command -v pulumi >/dev/null 2>&1; then
  found="$(command -v pulumi)"
  if [ "$(dirname "$found")" != "$BIN" ]; then
    have="$(pulumi version 2>/dev/null | head -n1 | sed 's/^v//')" || have=""
    if [ -n "$have" ] && version_ge "$have" "$PULUMI_VERSION"; then
      log "using $found (pulumi v$have >= v$PULUMI_VERSION)"
      command -v pulumi-language-nodejs >/dev/null 2>&1 \
        || [ -x "$(dirname "$found")/pulumi-language-nodejs" ] \
        || log "warning: no pulumi-language-nodejs beside it or on PATH; nodejs programs will not run"
      exit 0
    fi
    log "found $found (version '${have:-unknown}') older than v$PULUMI_VERSION; using the Go-built engine"
  fi
fi

# Sources of the language host wrapper that go into the binary (tests excluded).
wrapper_sources() {
  find "$HERE/langhost" -maxdepth 1 -name '*.go' ! -name '*_test.go' | LC_ALL=C sort
}

# The stamp ties the cache to the exact pins: a change to versions.env (including ENGINE_BUILD_REV,
# bumped when this script's build recipe changes), to a module file or to the wrapper's Go sources
# rebuilds.
stamp_of() {
  local srcs
  mapfile -t srcs < <(wrapper_sources)
  cat "$HERE/versions.env" "$HERE"/modules/*/go.mod "$HERE"/modules/*/go.sum "${srcs[@]}" \
    | sha256sum | cut -c1-16
}
STAMP="$(stamp_of)"

cache_complete() {
  local b
  for b in "${BINARIES[@]}"; do [ -x "$BIN/$b" ] || return 1; done
  [ "$(cat "$BIN/.gantry-stamp" 2>/dev/null)" = "$STAMP" ]
}

# Plugins are found beside the pulumi binary / on PATH as "ambient" plugins. The engine skips
# them when PULUMI_IGNORE_AMBIENT_PLUGINS is set, so the provider is also installed into the
# plugin cache (a symlink to the built binary), which is where the engine looks next.
install_plugin_links() {
  local home="${PULUMI_HOME:-$HOME/.pulumi}"
  local dir="$home/plugins/resource-kubernetes-v$K8S_PLUGIN_VERSION"
  local target="$BIN/pulumi-resource-kubernetes"
  if [ "$(readlink "$dir/pulumi-resource-kubernetes" 2>/dev/null)" = "$target" ]; then
    return 0
  fi
  if [ -e "$dir/pulumi-resource-kubernetes" ] && [ ! -L "$dir/pulumi-resource-kubernetes" ]; then
    log "plugin cache already has a kubernetes v$K8S_PLUGIN_VERSION binary in $dir (left as is)"
    return 0
  fi
  mkdir -p "$dir"
  ln -sfn "$target" "$dir/pulumi-resource-kubernetes"
  log "linked $dir/pulumi-resource-kubernetes -> $target"
}

finish() {
  install_plugin_links
  log "$BIN (pulumi v$("$BIN/pulumi" version | sed 's/^v//'))"
}

if [ "${GANTRY_ENGINE_REBUILD:-0}" != 1 ] && cache_complete; then
  log "reusing $ROOT"
  finish
  exit 0
fi

# 2. Build from Go modules.
command -v go >/dev/null 2>&1 || die "go is not installed (a Go >= 1.26.6 toolchain is needed to build the engine)"
gov="$(go env GOVERSION | sed 's/^go//')"
version_ge "$gov" "1.26.6" || die "go $gov is too old: pulumi v$PULUMI_VERSION needs go >= 1.26.6"

WORK="$ROOT/work"
LOGS="$ROOT/logs"
STAGE="$ROOT/bin.new"
rm -rf "$WORK" "$STAGE"
mkdir -p "$WORK" "$LOGS" "$STAGE"

export GOFLAGS=-mod=readonly GOTOOLCHAIN=local CGO_ENABLED=0
GOBUILD=(go build -p "$JOBS" -trimpath)
LDFLAGS_BASE="-s -w"

# step NAME LOGFILE CMD...: run CMD with its output in LOGFILE; fail with the log tail.
step() {
  local name="$1" logf="$2" t0=$SECONDS
  shift 2
  log "$name ..."
  if ! "$@" >"$logf" 2>&1; then
    tail -n 40 "$logf" >&2
    die "$name failed (full log: $logf)"
  fi
  log "$name done in $((SECONDS - t0))s"
}

# prepare_module NAME: copy the pinned wrapper module (go.mod + go.sum) into the work dir.
prepare_module() {
  mkdir -p "$WORK/$1"
  cp "$HERE/modules/$1/go.mod" "$HERE/modules/$1/go.sum" "$WORK/$1/"
  chmod u+w "$WORK/$1"/go.*
}

log "building pulumi v$PULUMI_VERSION engine into $BIN (logs: $LOGS)"

# 2a. CLI: wrapper module requiring pkg/v3 + sdk/v3 at the release, with pkg's replace lines.
prepare_module cli
t_all=$SECONDS
(cd "$WORK/cli" && step "build pulumi v$PULUMI_VERSION" "$LOGS/cli-build.log" \
  "${GOBUILD[@]}" -ldflags "$LDFLAGS_BASE -X $PULUMI_SDK_MODULE/go/common/version.Version=v$PULUMI_VERSION" \
  -o "$STAGE/pulumi" "$PULUMI_PKG_MODULE/cmd/pulumi")

# 2b. Node.js language host: the v$NODEJS_HOST_SDK_VERSION host under an inner name, fronted by our
# wrapper (scripts/engine/langhost) as pulumi-language-nodejs, which adds RunPlugin (policy packs).
prepare_module langhost
(cd "$WORK/langhost" && step "build $NODEJS_HOST_INNER_BIN (pulumi-language-nodejs from sdk v$NODEJS_HOST_SDK_VERSION)" \
  "$LOGS/langhost-build.log" \
  "${GOBUILD[@]}" -ldflags "$LDFLAGS_BASE -X $PULUMI_SDK_MODULE/go/common/version.Version=v$NODEJS_HOST_SDK_VERSION" \
  -o "$STAGE/$NODEJS_HOST_INNER_BIN" "$NODEJS_HOST_PACKAGE")
prepare_module langhost-wrapper
mapfile -t wrapper_srcs < <(wrapper_sources)
[ "${#wrapper_srcs[@]}" -gt 0 ] || die "no Go sources in $HERE/langhost"
cp "${wrapper_srcs[@]}" "$WORK/langhost-wrapper/"
(cd "$WORK/langhost-wrapper" && step "build pulumi-language-nodejs (gantry wrapper, sdk v$PULUMI_VERSION protocol)" \
  "$LOGS/langhost-wrapper-build.log" \
  "${GOBUILD[@]}" -ldflags "$LDFLAGS_BASE -X main.innerHostName=$NODEJS_HOST_INNER_BIN" \
  -o "$STAGE/pulumi-language-nodejs" .)

# 2c. Kubernetes provider: its main package embeds files that its generate.go writes, so build the
# main package from a writable copy inside a wrapper module.
prepare_module k8s
(cd "$WORK/k8s" && step "download $K8S_PROVIDER_MODULE@$K8S_PROVIDER_PSEUDO" "$LOGS/k8s-download.log" \
  go mod download "$K8S_PROVIDER_MODULE")
src="$(cd "$WORK/k8s" && go list -m -f '{{.Dir}}' "$K8S_PROVIDER_MODULE")"
[ -n "$src" ] && [ -d "$src/cmd/pulumi-resource-kubernetes" ] \
  || die "provider source for $K8S_PROVIDER_MODULE@$K8S_PROVIDER_PSEUDO not found in the module cache"
cp "$src/cmd/pulumi-resource-kubernetes/"{main.go,generate.go,schema.json,terraform-mapping.json} "$WORK/k8s/"
chmod u+w "$WORK/k8s/"*
(cd "$WORK/k8s" && step "generate provider schema-embed.json (version $K8S_PLUGIN_VERSION)" "$LOGS/k8s-generate.log" \
  env VERSION="$K8S_PLUGIN_VERSION" go run generate.go)
[ -s "$WORK/k8s/schema-embed.json" ] && [ -s "$WORK/k8s/terraform-mapping-embed.json" ] \
  || die "generate.go did not write schema-embed.json / terraform-mapping-embed.json"
(cd "$WORK/k8s" && step "build pulumi-resource-kubernetes (as v$K8S_PLUGIN_VERSION)" "$LOGS/k8s-build.log" \
  "${GOBUILD[@]}" -ldflags "$LDFLAGS_BASE -X $K8S_PROVIDER_MODULE/pkg/version.Version=$K8S_PLUGIN_VERSION" \
  -o "$STAGE/pulumi-resource-kubernetes" .)

"$STAGE/pulumi" version >/dev/null || die "the built pulumi binary does not run"
echo "$STAMP" >"$STAGE/.gantry-stamp"
rm -rf "$BIN"
mv "$STAGE" "$BIN"
rm -rf "$WORK"
log "built all in $((SECONDS - t_all))s; cache size $(du -sh "$ROOT" | cut -f1)"
finish
