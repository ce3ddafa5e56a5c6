# Shared settings for the scripts in this folder. Sourced, never run.
# shellcheck shell=bash

# A failure inside $(...) stops the script too, as everywhere else: functions
# whose output is captured (find_python314, ...) must not carry on past one.
shopt -s inherit_errexit

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE_DIR="${QBM_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/qbittorrent_multi}"
VENV_DIR="$REPO_ROOT/.venv"
export REPO_ROOT CACHE_DIR VENV_DIR

# Downloads trust the machine's certificate store (Debian's authorities and
# any its administrator added, say a proxy's), as apt and curl do: uv would
# otherwise trust only the authorities it ships with.
export UV_SYSTEM_CERTS=1 UV_NATIVE_TLS=1

# Bold on a terminal; plain where the output is kept (a log file, CI).
if [ -t 2 ]; then
  log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
else
  log() { printf '==> %s\n' "$*" >&2; }
fi
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Runs a command as root: directly when we are root, through sudo otherwise.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# apt-get update once per script run, and only when a package is actually missing.
_APT_UPDATED=0
apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  if [ "$_APT_UPDATED" -eq 0 ]; then
    as_root apt-get update -qq >&2
    _APT_UPDATED=1
  fi
  # apt's output goes to stderr: callers capture the stdout of helpers that
  # install something on the way (find_python314 prints only a path).
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# What a bare Debian 12 lacks that the project needs: patchelf for the
# binaries unpacked from other suites, a C and C++ compiler for the
# development requirements that build from source, and Chromium for the
# card's browser tests (the playwright package drives it).
ensure_system_packages() {
  apt_install patchelf g++ chromium
}
