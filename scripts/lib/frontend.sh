# The card's Node packages (frontend/node_modules), installed with `npm ci`
# from the committed lock file, once per change of it. Sourced.
# shellcheck shell=bash

source "$REPO_ROOT/scripts/lib/node.sh"

ensure_frontend_packages() {
  ensure_node
  local frontend="$REPO_ROOT/frontend" stamp want
  stamp="$frontend/node_modules/.qbm-lock.sha256"
  want=$( { node --version; cat "$frontend/package-lock.json"; } | sha256sum | cut -d' ' -f1)
  [ "$(cat "$stamp" 2>/dev/null)" = "$want" ] && return 0
  log "Installing the card's Node packages (npm ci)"
  (cd "$frontend" && npm ci --no-audit --no-fund --loglevel=error >&2)
  echo "$want" > "$stamp"
}
