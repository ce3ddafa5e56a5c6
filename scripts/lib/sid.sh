# Fetches binary packages from Debian unstable into a private prefix, without
# touching the system's apt sources. Used for the newer Python and qBittorrent
# that Debian 12 does not ship. Sourced, never run.
# shellcheck shell=bash

SID_APT_DIR="$CACHE_DIR/sid-apt"

_sid_apt_opts() {
  printf '%s\n' \
    -o "Dir::Etc::sourcelist=$SID_APT_DIR/sources.list" \
    -o "Dir::Etc::sourceparts=-" \
    -o "Dir::State::Lists=$SID_APT_DIR/lists" \
    -o "Dir::Cache=$SID_APT_DIR/cache" \
    -o "APT::Default-Release=sid" \
    -o "Debug::NoLocking=1" \
    -o "APT::Sandbox::User=root"
}

sid_apt() {
  local cmd="$1"; shift
  local opts=()
  mapfile -t opts < <(_sid_apt_opts)
  "$cmd" "${opts[@]}" "$@"
}

# Refreshes the sid package lists (at most once a day).
sid_update() {
  mkdir -p "$SID_APT_DIR/lists/partial" "$SID_APT_DIR/cache/archives/partial"
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian sid main" \
    > "$SID_APT_DIR/sources.list"
  if [ -z "$(find "$SID_APT_DIR/lists" -maxdepth 1 -name '*Packages*' -mmin -1440 2>/dev/null | head -1)" ]; then
    log "Refreshing Debian unstable package lists"
    sid_apt apt-get update -qq
  fi
}

# Lists the libraries (and named packages) needed to run PACKAGES, resolved now
# because unstable renames libraries as it moves.
sid_closure() {
  sid_apt apt-cache depends --recurse --no-recommends --no-suggests \
    --no-conflicts --no-breaks --no-replaces --no-enhances "$@" \
    | grep -E '^[a-z0-9]' | grep -v '^<' | sort -u
}

# Downloads and unpacks PACKAGES into PREFIX.
sid_unpack() {
  local prefix="$1"; shift
  local debs="$CACHE_DIR/sid-debs"
  mkdir -p "$debs" "$prefix"
  (cd "$debs" && sid_apt apt-get download -qq "$@")
  for pkg in "$@"; do
    local deb
    deb=$(ls -t "$debs/${pkg}"_*.deb 2>/dev/null | head -1)
    [ -n "$deb" ] || die "package $pkg was not downloaded"
    dpkg -x "$deb" "$prefix"
  done
}

# Points an unpacked binary at the prefix's own loader and libraries.
sid_patch_binary() {
  local prefix="$1" binary="$2"
  local lib="$prefix/usr/lib/x86_64-linux-gnu"
  patchelf --set-interpreter "$lib/ld-linux-x86-64.so.2" --force-rpath --set-rpath "$lib" "$binary"
}
