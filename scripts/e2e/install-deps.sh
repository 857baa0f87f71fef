#!/usr/bin/env bash
# Installs the Debian packages the e2e launcher needs, when missing (quietly):
#   chromium        headless browser that drives the code-server workbench (playwright-core)
#   ripgrep         seeds @vscode/ripgrep's download cache when code-server is installed
#   build-essential, libkrb5-dev   code-server's native modules (node-gyp)
# Needs root (CI and the development machines run as root). Prints what it installed.
set -euo pipefail
PACKAGES=(chromium ripgrep build-essential libkrb5-dev)
need=()
for p in "${PACKAGES[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
if [ ${#need[@]} -eq 0 ]; then
  echo "e2e deps: ${PACKAGES[*]} already installed"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "e2e deps: missing ${need[*]}; install them with: sudo apt-get install -y ${need[*]}" >&2
  exit 1
fi
echo "e2e deps: installing ${need[*]} with apt-get"
LOG=$(mktemp)
if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"; } >"$LOG" 2>&1; then
  tail -30 "$LOG" >&2
  rm -f "$LOG"
  exit 1
fi
grep -E 'Need to get|After this operation' "$LOG" || true
rm -f "$LOG"
