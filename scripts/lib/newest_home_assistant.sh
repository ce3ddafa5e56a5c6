# Installs the newest Home Assistant release (requirements_ha_newest.txt) into
# a venv of its own under the cache, for the real-Home-Assistant tests: this
# integration's requirements, and what requirements_dev.txt lists at the
# versions that release pins (its frontend above all). Once per change. Sourced.
# shellcheck shell=bash

source "$REPO_ROOT/scripts/lib/dev_requirements.sh"

# The version requirements_ha_newest.txt pins.
newest_home_assistant_version() {
  sed -n 's/^homeassistant==\([^ ;#]*\).*/\1/p' "$REPO_ROOT/requirements_ha_newest.txt"
}

# Creates or updates $CACHE_DIR/home-assistant-<version> with PYTHON.
ensure_newest_home_assistant() {
  local python="$1" version venv stamp want pinned
  version=$(newest_home_assistant_version)
  [ -n "$version" ] || die "requirements_ha_newest.txt pins no homeassistant version"
  venv="$CACHE_DIR/home-assistant-$version"
  stamp="$venv/.requirements.sha256"
  want=$(cat "$REPO_ROOT"/requirements_ha_newest.txt "$REPO_ROOT"/requirements.txt \
    "$REPO_ROOT"/requirements_dev.txt "$REPO_ROOT"/scripts/lib/pinned_by_home_assistant.py \
    | sha256sum | cut -d' ' -f1)
  [ "$(cat "$stamp" 2>/dev/null)" = "$want" ] && return 0
  log "Installing Home Assistant $version into $venv"
  ensure_uv
  [ -x "$venv/bin/python" ] || uv venv --quiet --python "$python" "$venv" >&2
  uv pip install --quiet --python "$venv/bin/python" -r "$REPO_ROOT/requirements_ha_newest.txt" >&2
  pinned="$venv/requirements_dev.txt"
  "$venv/bin/python" "$REPO_ROOT/scripts/lib/pinned_by_home_assistant.py" \
    "$REPO_ROOT/requirements_dev.txt" > "$pinned"
  install_under_home_assistant "$venv/bin/python" "$pinned"
  echo "$want" > "$stamp"
}
