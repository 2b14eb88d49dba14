#!/usr/bin/env bash
# What run.sh and test.sh need beyond the .NET 10 SDK, installed from Debian's packages when missing: as root with
# apt-get, otherwise with sudo after saying what for; without sudo, the exact command to run. Sourced.

_APT_UPDATED=0

# apt_install REASON PKG...: installs Debian packages.
apt_install() {
  local reason="$1"; shift
  local sudo=()
  if [ "$(id -u)" = 0 ]; then
    echo "Installing $* with apt-get ($reason)..." >&2
  elif command -v sudo >/dev/null 2>&1; then
    echo "Needs sudo to install $* with apt-get ($reason); nothing else runs as root." >&2
    sudo=(sudo)
  else
    echo "Missing $* ($reason). As root, run: apt-get update && apt-get install -y $*" >&2
    return 1
  fi
  if [ "$_APT_UPDATED" = 0 ]; then "${sudo[@]}" apt-get update -qq || return 1; _APT_UPDATED=1; fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# need_cmd COMMAND REASON PKG...: installs PKG... unless COMMAND is on the PATH.
need_cmd() {
  local cmd="$1" reason="$2"; shift 2
  command -v "$cmd" >/dev/null 2>&1 || apt_install "$reason" "$@"
}

# The build copies Chart.js and SignalR's client from npm (src/Web/package-lock.json) into wwwroot/lib once.
need_build_tools() {
  local root; root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  if [ ! -f "$root/src/Web/wwwroot/lib/chart.js/chart.umd.js" ] && [ ! -d "$root/src/Web/node_modules/chart.js" ]; then
    need_cmd npm "npm ci fetches the web's JavaScript libraries at the first build" npm
  fi
}
