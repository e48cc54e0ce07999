#!/usr/bin/env bash
# Installs the IPFS node the api module's tests run against (js-ipfs 0.66.1, see ../../../shared/FACTS.md), only when
# package-lock.json or the node version changed since it last succeeded: about 4 minutes and 290 MB the first time.
set -euo pipefail
DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
command -v node >/dev/null 2>&1 || { echo "[ipfs-node] node is needed on PATH" >&2; exit 1; }
stamp="$DIR/node_modules/.cadenza-installed"
wanted=$( (cat "$DIR/package-lock.json"; node --version) | sha256sum | cut -d' ' -f1)
if [[ -f "$stamp" && "$(cat "$stamp")" == "$wanted" ]]; then
  exit 0
fi
echo "[ipfs-node] npm install (js-ipfs for the IPFS tests)" >&2
(cd "$DIR" && npm install --no-save --no-audit --no-fund --loglevel=error >&2)
echo "$wanted" > "$stamp"
