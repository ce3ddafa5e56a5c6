# Fetches binary packages of a named Debian suite (bullseye, bookworm, trixie,
# forky, sid) into a private prefix, without touching the system's apt
# sources or its package database. Used for the Python 3.14 and the
# qBittorrent lines that the running system does not ship. Sourced, never run.
# Everything these functions print goes to stderr, except what they return.
# shellcheck shell=bash

DEBIAN_APT_DIR="$CACHE_DIR/debian"
DEBIAN_MIRROR="${QBM_DEBIAN_MIRROR:-http://deb.debian.org/debian}"

# apt options that read only SUITE's own sources, lists and (empty) package
# status: the system's installed packages must not change what is picked.
# Signatures are checked as always; a Release file past its "Valid-Until"
# date (a mirror that is behind) is still used.
_suite_apt_opts() {
  local dir="$DEBIAN_APT_DIR/$1"
  printf '%s\n' \
    -o "Dir::Etc::sourcelist=$dir/sources.list" \
    -o "Dir::Etc::sourceparts=$dir/empty" \
    -o "Dir::Etc::preferences=$dir/empty/preferences" \
    -o "Dir::Etc::preferencesparts=$dir/empty" \
    -o "Dir::State::Lists=$dir/lists" \
    -o "Dir::State::status=$dir/status" \
    -o "Dir::Cache=$dir/cache" \
    -o "APT::Default-Release=$1" \
    -o "Acquire::Check-Valid-Until=false" \
    -o "Debug::NoLocking=1" \
    -o "APT::Sandbox::User=root"
}

# Runs an apt command (apt-get, apt-cache) against SUITE.
suite_apt() {
  local suite="$1" cmd="$2"; shift 2
  local opts=()
  mapfile -t opts < <(_suite_apt_opts "$suite")
  "$cmd" "${opts[@]}" "$@"
}

# Refreshes SUITE's package lists when they are older than a day (unstable
# moves; the named releases change only with point releases).
suite_update() {
  local suite="$1" dir="$DEBIAN_APT_DIR/$1"
  mkdir -p "$dir/lists/partial" "$dir/cache/archives/partial" "$dir/empty"
  : > "$dir/status.new"
  [ -e "$dir/status" ] || mv "$dir/status.new" "$dir/status"
  rm -f "$dir/status.new"
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $DEBIAN_MIRROR $suite main" \
    > "$dir/sources.list"
  if [ -z "$(find "$dir/lists" -maxdepth 1 -name '*Packages*' -mmin -1440 | head -1)" ]; then
    log "Refreshing Debian $suite package lists"
    suite_apt "$suite" apt-get update -qq >&2 || die "the package lists of Debian $suite could not be fetched"
    [ -n "$(find "$dir/lists" -maxdepth 1 -name '*Packages*' | head -1)" ] \
      || die "Debian $suite has no package lists after apt-get update"
  fi
}

# Prints the packages needed to run PACKAGES from SUITE, one a line, resolved
# now because suites rename libraries as they move.
suite_closure() {
  local suite="$1"; shift
  suite_apt "$suite" apt-cache depends --recurse --no-recommends --no-suggests \
    --no-conflicts --no-breaks --no-replaces --no-enhances "$@" \
    | grep -E '^[a-z0-9]' | grep -v '^<' | sort -u
}

# Downloads PACKAGES from SUITE and unpacks them all into PREFIX.
suite_unpack() {
  local suite="$1" prefix="$2"; shift 2
  [ "$#" -gt 0 ] || die "nothing to unpack from Debian $suite"
  local debs="$DEBIAN_APT_DIR/$suite/debs"
  rm -rf "$debs"
  mkdir -p "$debs" "$prefix"
  (cd "$debs" && suite_apt "$suite" apt-get download -qq "$@" >&2)
  local pkg deb
  for pkg in "$@"; do
    deb=$(find "$debs" -maxdepth 1 -name "${pkg}_*.deb" | head -1)
    [ -n "$deb" ] || die "package $pkg was not downloaded from Debian $suite"
  done
  for deb in "$debs"/*.deb; do
    dpkg -x "$deb" "$prefix"
  done
  rm -rf "$debs"
}

# The library folders of an unpacked prefix, colon-separated. Older suites
# (bullseye) keep libc in /lib, newer ones (merged /usr) in /usr/lib.
prefix_library_path() {
  local prefix="$1" dirs=() dir
  for dir in "$prefix/usr/lib/x86_64-linux-gnu" "$prefix/lib/x86_64-linux-gnu"; do
    [ -d "$dir" ] && dirs+=("$dir")
  done
  local IFS=:
  echo "${dirs[*]}"
}

# Points an unpacked binary at the prefix's own loader and libraries.
prefix_patch_binary() {
  local prefix="$1" binary="$2" loader=""
  for loader in "$prefix/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2" \
    "$prefix/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2" ""; do
    [ -e "$loader" ] && break
  done
  [ -n "$loader" ] || die "no loader in $prefix"
  patchelf --set-interpreter "$loader" --force-rpath \
    --set-rpath "$(prefix_library_path "$prefix")" "$binary"
}
