#!/usr/bin/env bash
# Installs the peers that `pnpm bench:peers` (bench/peers/run.mjs) sets redline against:
#
#   LibreOffice Writer (headless) + its Python UNO bridge   Compare Document, driven by bench/peers/lo-compare.py
#   docxodus (npm, WebAssembly)                             into a scratch dir OUTSIDE the repo ($PEERS_DIR, default /tmp/peers)
#   git, wdiff, dwdiff                                      word diffs of the extracted text
#   pandoc                                                  round-trip check of tracked documents (accept = NEW, reject = OLD)
#
#   scripts/install-peers.sh            install what is missing (apt-get needs root or sudo)
#   PEERS_DIR=/some/dir scripts/install-peers.sh
#
# Nothing is installed into the repository; bench/peers/run.mjs finds docxodus through
# $PEERS_DIR (the same default). Peers that stay missing are reported as absent by the runner.
set -euo pipefail

PEERS_DIR="${PEERS_DIR:-/tmp/peers}"

# --- Debian packages ---------------------------------------------------------
need=()
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
/usr/bin/python3 -c 'import uno' >/dev/null 2>&1 || need+=(python3-uno)
command -v wdiff >/dev/null 2>&1 || need+=(wdiff)
command -v dwdiff >/dev/null 2>&1 || need+=(dwdiff)
command -v pandoc >/dev/null 2>&1 || need+=(pandoc)
command -v git >/dev/null 2>&1 || need+=(git)

if ((${#need[@]})); then
  echo "install-peers: apt-get install ${need[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${need[@]}"
else
  echo "install-peers: LibreOffice, python3-uno, wdiff, dwdiff, pandoc and git are already installed"
fi

# --- docxodus (npm) ----------------------------------------------------------
if [ -f "$PEERS_DIR/node_modules/docxodus/package.json" ]; then
  echo "install-peers: docxodus $(node -p "require('$PEERS_DIR/node_modules/docxodus/package.json').version") already in $PEERS_DIR"
else
  mkdir -p "$PEERS_DIR"
  # a package.json of its own so npm does not walk up into another project
  [ -f "$PEERS_DIR/package.json" ] || echo '{ "name": "redline-bench-peers", "private": true }' >"$PEERS_DIR/package.json"
  echo "install-peers: npm install --prefix $PEERS_DIR docxodus"
  npm install --prefix "$PEERS_DIR" --no-audit --no-fund docxodus
fi

echo "install-peers: done; run \`pnpm bench:peers\`"
