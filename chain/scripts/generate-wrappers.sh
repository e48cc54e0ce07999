#!/usr/bin/env bash
# Generates web3j wrappers from <Name>.abi/<Name>.bin, skipping when every wrapper is newer than its inputs.
# usage: generate-wrappers.sh ABI_DIR OUT_DIR PACKAGE JAVA -classpath CLASSPATH
set -euo pipefail
abi_dir=$1 out_dir=$2 package=$3
shift 3
java_command=("$@")
package_dir="$out_dir/${package//.//}"
[[ -d "$abi_dir" ]] || { echo "[chain] no ABIs in $abi_dir: build the contracts module first" >&2; exit 1; }
for abi in "$abi_dir"/*.abi; do
  name=$(basename "$abi" .abi)
  wrapper="$package_dir/$name.java"
  if [[ -f "$wrapper" && "$wrapper" -nt "$abi" && "$wrapper" -nt "$abi_dir/$name.bin" ]]; then
    continue
  fi
  "${java_command[@]}" org.web3j.codegen.SolidityFunctionWrapperGenerator \
    -a "$abi" -b "$abi_dir/$name.bin" -o "$out_dir" -p "$package" >/dev/null 2> >(grep -v "^SLF4J" >&2)
  [[ -f "$wrapper" ]] || { echo "[chain] web3j generated no $wrapper" >&2; exit 1; }
done
