# The card's Node packages (frontend/node_modules), installed with `npm ci`
# from the committed lock file, once per change of it. Sourced.
# shellcheck shell=bash

ensure_frontend_packages() {
  # A pinned Node when the project provides one; the system's Node 20 otherwise.
  if [ -f "$REPO_ROOT/scripts/lib/node.sh" ]; then
    # shellcheck source=/dev/null
    source "$REPO_ROOT/scripts/lib/node.sh"
    ensure_node
  fi
  command -v npm >/dev/null || die "npm is missing: install Node.js 20 or newer"
  local frontend="$REPO_ROOT/frontend" stamp want
  stamp="$frontend/node_modules/.qbm-lock.sha256"
  want=$( { node --version; cat "$frontend/package-lock.json"; } | sha256sum | cut -d' ' -f1)
  [ "$(cat "$stamp" 2>/dev/null)" = "$want" ] && return 0
  log "Installing the card's Node packages (npm ci)"
  (cd "$frontend" && npm ci --no-audit --no-fund --loglevel=error >&2)
  echo "$want" > "$stamp"
}
