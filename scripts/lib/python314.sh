# Finds or provides Python 3.14 and prints its path. Sourced, never run.
# Order: python3.14 on PATH, one uv knows, `uv python install`, then Debian
# unstable's build unpacked into a private, cached prefix.
# shellcheck shell=bash

PY_PREFIX="$CACHE_DIR/python3.14"

_py_ok() { [ -x "$1" ] && "$1" -c 'import sys, ssl, sqlite3, ctypes; assert sys.version_info >= (3, 14, 2)' >/dev/null 2>&1; }

UV_VENV="$CACHE_DIR/uv"
UV_VERSION=0.13.9

# Puts uv on PATH. It lives in a private venv under the cache: current Debian
# and Ubuntu refuse `pip install` outside a venv (PEP 668).
ensure_uv() {
  if command -v uv >/dev/null 2>&1; then return 0; fi
  if [ -x "$UV_VENV/bin/uv" ]; then export PATH="$UV_VENV/bin:$PATH"; return 0; fi
  log "Installing uv into $UV_VENV"
  if ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
    apt_install python3-venv
  fi
  rm -rf "$UV_VENV"
  python3 -m venv "$UV_VENV" >&2
  "$UV_VENV/bin/python" -m pip install --quiet --disable-pip-version-check "uv==$UV_VERSION" >&2
  export PATH="$UV_VENV/bin:$PATH"
  command -v uv >/dev/null 2>&1 || die "uv could not be installed"
}

find_python314() {
  local candidate
  candidate=$(command -v python3.14 2>/dev/null || true)
  if [ -n "$candidate" ] && _py_ok "$candidate"; then echo "$candidate"; return 0; fi
  if _py_ok "$PY_PREFIX/usr/bin/python3.14"; then echo "$PY_PREFIX/usr/bin/python3.14"; return 0; fi
  candidate=$(uv python find '>=3.14.2' 2>/dev/null || true)
  if [ -n "$candidate" ] && _py_ok "$candidate"; then echo "$candidate"; return 0; fi
  if timeout 120 uv python install 3.14 >/dev/null 2>&1; then
    candidate=$(uv python find '>=3.14.2' 2>/dev/null || true)
    if [ -n "$candidate" ] && _py_ok "$candidate"; then echo "$candidate"; return 0; fi
  fi
  # Everything it prints goes to stderr: this function's stdout is the path.
  _python_from_debian_unstable >&2
  _py_ok "$PY_PREFIX/usr/bin/python3.14" || die "Python 3.14 could not be provided"
  echo "$PY_PREFIX/usr/bin/python3.14"
}

_python_from_debian_unstable() {
  log "Unpacking Python 3.14 from Debian unstable into $PY_PREFIX"
  apt_install patchelf
  suite_update sid
  local pkgs
  pkgs=$(suite_closure sid python3.14 libpython3.14-dev python3.14-dev \
    | grep -E '^(python3\.14|libpython3\.14|lib|zlib1g|media-types|tzdata)' \
    | grep -vE '^(libc-bin|libc-dev-bin|libc6-dev|libgcc-[0-9]+-dev|linux-libc-dev|libcrypt-dev|libexpat1-dev|zlib1g-dev|libnsl-dev|libtirpc-dev|rpcsvc-proto)$' || true)
  rm -rf "$PY_PREFIX.tmp"
  # shellcheck disable=SC2086
  suite_unpack sid "$PY_PREFIX.tmp" $pkgs
  rm -rf "$PY_PREFIX"
  mv "$PY_PREFIX.tmp" "$PY_PREFIX"
  prefix_patch_binary "$PY_PREFIX" "$PY_PREFIX/usr/bin/python3.14"
}
