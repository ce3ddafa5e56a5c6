# Installs requirements_dev.txt (the frontend and what Home Assistant's
# built-in integrations need) into the .venv, once per change. Sourced.
# shellcheck shell=bash

ensure_dev_requirements() {
  local stamp="$VENV_DIR/.requirements_dev.sha256" want include constraints
  want=$(cat "$REPO_ROOT"/requirements_dev.txt "$REPO_ROOT"/requirements_test.txt "$REPO_ROOT"/requirements.txt | sha256sum | cut -d' ' -f1)
  [ "$(cat "$stamp" 2>/dev/null)" = "$want" ] && return 0
  log "Installing the Home Assistant frontend and what its built-in integrations need"
  ensure_uv
  # Two of them compile, and Debian's Python headers include their multiarch
  # pyconfig.h by a path relative to the folder above Python's own headers.
  include=$("$VENV_DIR/bin/python" -c 'import pathlib, sysconfig; print(pathlib.Path(sysconfig.get_paths()["include"]).parent)')
  constraints=$("$VENV_DIR/bin/python" -c 'import homeassistant, pathlib; print(pathlib.Path(homeassistant.__file__).with_name("package_constraints.txt"))')
  CPATH="$include${CPATH:+:$CPATH}" uv pip install --quiet --python "$VENV_DIR/bin/python" \
    -r "$REPO_ROOT/requirements_dev.txt" --constraint "$constraints"
  echo "$want" > "$stamp"
}
