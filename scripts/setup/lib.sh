# shellcheck shell=bash
# Helpers for scripts/setup/tools-*.sh (sourced, not run).

# apt_install PKG...: installs the Debian packages that are missing (as root; otherwise says how).
apt_install() {
  local missing=() p
  for p in "$@"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p"); done
  [ "${#missing[@]}" -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: missing Debian packages: ${missing[*]}; run: sudo apt-get install -y ${missing[*]}" >&2
    return 1
  fi
  echo "setup: apt-get install ${missing[*]}" >&2
  if [ ! -f /tmp/.gantry-apt-updated ]; then apt-get update -qq >&2 && touch /tmp/.gantry-apt-updated; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# venv_dir NAME: where venv NAME lives. Outside $HOME when root (root's home is 0700, and the
# postgres user must be able to run barman-cloud from it); override with GANTRY_VENV_ROOT.
venv_dir() {
  local root="${GANTRY_VENV_ROOT:-}"
  if [ -z "$root" ]; then
    if [ "$(id -u)" -eq 0 ]; then root=/var/cache/gantry/venv; else root="$HOME/.cache/gantry/venv"; fi
  fi
  echo "$root/$1"
}

# venv_install NAME REQUIREMENT...: venv NAME (see venv_dir) from /usr/bin/python3, rebuilt when
# the requirements change.
venv_install() {
  local name="$1"; shift
  local dir; dir="$(venv_dir "$name")"
  local want; want="$(printf '%s\n' "$@")"
  if [ -x "$dir/bin/python" ] && [ "$(cat "$dir/.requirements" 2>/dev/null)" = "$want" ]; then return 0; fi
  echo "setup: creating venv $dir ($*)" >&2
  rm -rf "$dir"
  /usr/bin/python3 -m venv "$dir" >&2
  "$dir/bin/pip" install -q "$@" >&2
  printf '%s' "$want" >"$dir/.requirements"
}
