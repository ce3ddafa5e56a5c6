# Installs requirements_dev.txt (the frontend and what Home Assistant's
# built-in integrations need) into the .venv, once per change. Sourced.
# shellcheck shell=bash

ensure_dev_requirements() {
  local stamp="$VENV_DIR/.requirements_dev.sha256" want
  want=$(cat "$REPO_ROOT"/requirements_dev.txt "$REPO_ROOT"/requirements_test.txt "$REPO_ROOT"/requirements.txt | sha256sum | cut -d' ' -f1)
  [ "$(cat "$stamp" 2>/dev/null)" = "$want" ] && return 0
  log "Installing the Home Assistant frontend and what its built-in integrations need"
  install_under_home_assistant "$VENV_DIR/bin/python" "$REPO_ROOT/requirements_dev.txt"
  echo "$want" > "$stamp"
}

# Installs a requirements FILE into the venv of PYTHON, within the versions
# the Home Assistant installed there pins (its package_constraints.txt).
install_under_home_assistant() {
  local python="$1" requirements="$2" include constraints
  ensure_uv
  # Two of them compile, and Debian's Python headers include their multiarch
  # pyconfig.h by a path relative to the folder above Python's own headers.
  include=$("$python" -c 'import pathlib, sysconfig; print(pathlib.Path(sysconfig.get_paths()["include"]).parent)')
  constraints=$("$python" -c 'import homeassistant, pathlib; print(pathlib.Path(homeassistant.__file__).with_name("package_constraints.txt"))')
  CPATH="$include${CPATH:+:$CPATH}" uv pip install --quiet --python "$python" \
    -r "$requirements" --constraint "$constraints" >&2
}
