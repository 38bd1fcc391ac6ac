#!/usr/bin/env bash
# Installs code-server 4.100.3 (VS Code 1.100.3, the last release that installs on Node 20) into its own folder for
# the real VS Code end-to-end test. Not a project dependency. Offline-safe: @vscode/ripgrep's download is pre-seeded
# with Debian's rg (package ripgrep). Needs Debian's libkrb5-dev for a native module.
#   HA_LINT_CODE_SERVER_DIR  where to install (default ~/.cache/ha-lint-e2e/code-server)
set -euo pipefail
VERSION=4.100.3
DIR="${HA_LINT_CODE_SERVER_DIR:-$HOME/.cache/ha-lint-e2e/code-server}"
BIN="$DIR/node_modules/.bin/code-server"
# (code-server writes a default config file on any run: keep it out of the user's ~/.config.)
version_of() {
  local d
  d="$(mktemp -d)"
  XDG_CONFIG_HOME="$d" "$BIN" --version 2>/dev/null | grep -m1 '^[0-9]' || true
  rm -rf "$d"
}
if [ -x "$BIN" ] && version_of | grep -q "^$VERSION"; then
  echo "code-server $VERSION already in $DIR"
  exit 0
fi
RG="$(command -v rg || true)"
if [ -z "$RG" ]; then
  echo "install-code-server: needs ripgrep (apt-get install ripgrep)" >&2
  exit 1
fi
TMP="${TMPDIR:-/tmp}"
CACHE="$TMP/vscode-ripgrep-cache-1.15.11"
mkdir -p "$CACHE"
STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT
cp "$RG" "$STAGE/rg"
tar -czf "$CACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$STAGE" rg
mkdir -p "$DIR"
export npm_config_unsafe_perm=true npm_config_yes=true
start=$(date +%s)
npm install --prefix "$DIR" --no-audit --no-fund --no-save "code-server@$VERSION"
echo "code-server $(version_of) installed in $DIR in $(( $(date +%s) - start )) s"
