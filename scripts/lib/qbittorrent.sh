# Provides the real qBittorrent servers the live tests run against: one
# release line per Debian suite, each unpacked from its own suite (never from
# unstable, which moves) into a private cached prefix, with a wrapper in
# $QBT_BIN_DIR that sets its loader and library paths. Sourced.
# shellcheck shell=bash

QBT_BIN_DIR="$CACHE_DIR/bin"

# line:suite:version. The tests name the lines; the version is checked so a
# suite's point release cannot change a line under the tests unnoticed.
QBT_LINES=(
  "4.2:bullseye:4.2.5"
  "4.5:bookworm:4.5.2"
  "5.1:trixie:5.1.0"
  "5.3:forky:5.3.0"
)

# Whether WRAPPER runs and reports VERSION.
_qbt_is() {
  [ -x "$1" ] && [ "$("$1" --version 2>/dev/null)" = "qBittorrent v$2" ]
}

# Installs one line (see QBT_LINES) unless its wrapper already runs it.
ensure_qbittorrent() {
  local line="$1" suite="$2" version="$3"
  local wrapper="$QBT_BIN_DIR/qbittorrent-nox-$line"
  local prefix="$CACHE_DIR/qbittorrent-$line"
  mkdir -p "$QBT_BIN_DIR"
  _qbt_is "$wrapper" "$version" && return 0
  log "Unpacking qBittorrent $version from Debian $suite into $prefix"
  apt_install patchelf
  suite_update "$suite"
  local pkgs
  # Libraries only: maintainer scripts and the system's base packages are not
  # needed to run the binary from a private prefix.
  pkgs=$(suite_closure "$suite" qbittorrent-nox \
    | grep -E '^(qbittorrent-nox|lib|zlib1g|gcc-[0-9]+-base|openssl-provider-legacy)' \
    | grep -vE '^(libc-bin|libc-dev-bin|libc6-dev)$' || true)
  rm -rf "$prefix.tmp"
  # shellcheck disable=SC2086
  suite_unpack "$suite" "$prefix.tmp" $pkgs
  rm -rf "$prefix"
  mv "$prefix.tmp" "$prefix"
  prefix_patch_binary "$prefix" "$prefix/usr/bin/qbittorrent-nox"
  local libs plugins
  libs=$(prefix_library_path "$prefix")
  plugins=$(find "$prefix/usr/lib/x86_64-linux-gnu" -maxdepth 2 -type d -path '*/qt[56]/plugins' | head -1)
  # libproxy loads its modules from a folder of its own (5.x).
  [ -d "$prefix/usr/lib/x86_64-linux-gnu/libproxy" ] && libs="$libs:$prefix/usr/lib/x86_64-linux-gnu/libproxy"
  cat > "$wrapper.tmp" <<WRAP
#!/bin/sh
# qBittorrent $version from Debian $suite in a private prefix (scripts/lib/qbittorrent.sh).
export LD_LIBRARY_PATH="$libs"
export QT_PLUGIN_PATH="$plugins"
exec "$prefix/usr/bin/qbittorrent-nox" "\$@"
WRAP
  chmod +x "$wrapper.tmp"
  mv "$wrapper.tmp" "$wrapper"
  _qbt_is "$wrapper" "$version" \
    || die "qBittorrent $version from Debian $suite does not run: $("$wrapper" --version 2>&1 | tail -3)"
}

# Installs every line in QBT_LINES.
ensure_qbittorrent_lines() {
  local entry line suite version
  for entry in "${QBT_LINES[@]}"; do
    IFS=: read -r line suite version <<< "$entry"
    ensure_qbittorrent "$line" "$suite" "$version"
  done
}

# One line per installed qBittorrent, for the setup summary.
qbittorrent_summary() {
  local entry line suite version
  for entry in "${QBT_LINES[@]}"; do
    IFS=: read -r line suite version <<< "$entry"
    printf '%s (Debian %s) ' "$("$QBT_BIN_DIR/qbittorrent-nox-$line" --version 2>/dev/null)" "$suite"
  done
}
