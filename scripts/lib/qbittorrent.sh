# Provides the real qBittorrent servers the live tests run against:
# 4.5 from Debian 12 itself, 5.3 from Debian unstable unpacked into a cached
# prefix with a wrapper that sets its loader and library paths. Sourced.
# shellcheck shell=bash

QBT5_PREFIX="$CACHE_DIR/qbittorrent5"
QBT_BIN_DIR="$CACHE_DIR/bin"

_qbt_runs() { "$1" --version >/dev/null 2>&1; }

ensure_qbittorrent4() {
  apt_install qbittorrent-nox
  mkdir -p "$QBT_BIN_DIR"
  ln -sf /usr/bin/qbittorrent-nox "$QBT_BIN_DIR/qbittorrent-nox-4"
  _qbt_runs "$QBT_BIN_DIR/qbittorrent-nox-4" || die "qbittorrent-nox 4 does not run"
}

ensure_qbittorrent5() {
  mkdir -p "$QBT_BIN_DIR"
  local wrapper="$QBT_BIN_DIR/qbittorrent-nox-5"
  if [ -x "$wrapper" ] && _qbt_runs "$wrapper"; then return 0; fi
  log "Unpacking qBittorrent 5 from Debian unstable into $QBT5_PREFIX"
  apt_install patchelf
  sid_update
  local pkgs
  # Libraries only: maintainer scripts and the system's base packages are not needed
  # to run the binary from a private prefix. libcurl pulls optional protocol
  # libraries in at load time, so they are named explicitly.
  pkgs=$(sid_closure qbittorrent-nox librtmp1 libldap2 libssh2-1t64 \
    | grep -E '^(qbittorrent-nox|lib|gcc-[0-9]+-base|openssl-provider-legacy)' \
    | grep -vE '^(libc-bin|libc-dev-bin|libc6-dev)$' || true)
  rm -rf "$QBT5_PREFIX"
  # shellcheck disable=SC2086
  sid_unpack "$QBT5_PREFIX" $pkgs
  sid_patch_binary "$QBT5_PREFIX" "$QBT5_PREFIX/usr/bin/qbittorrent-nox"
  local lib="$QBT5_PREFIX/usr/lib/x86_64-linux-gnu"
  cat > "$wrapper" <<WRAP
#!/bin/sh
# qBittorrent 5 from a private prefix (see scripts/lib/qbittorrent.sh).
export LD_LIBRARY_PATH="$lib:$lib/libproxy"
export QT_PLUGIN_PATH="$lib/qt6/plugins"
exec "$QBT5_PREFIX/usr/bin/qbittorrent-nox" "\$@"
WRAP
  chmod +x "$wrapper"
  _qbt_runs "$wrapper" || die "qbittorrent-nox 5 does not run: $("$wrapper" --version 2>&1 | tail -3)"
}
