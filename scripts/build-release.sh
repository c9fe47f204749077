#!/usr/bin/env bash
# The release build in dist/, split into a first module and modules loaded on first use.
#
# Trunk builds dist/ as before (HTML, minified CSS, copied files, content-hashed names) from a
# wasm compiled with `--features split` (the `lazy_part!` functions of src/lazy.rs become split
# points) and with its relocations kept (`--emit-relocs`, which wasm-split needs). Trunk 0.21
# cannot split (trunk-rs/trunk#1022), so the wasm it was built from is then split with
# wasm-split-cli, the main module goes through wasm-bindgen with `--keep-lld-exports` (the chunks
# link against those exports), every module through `wasm-opt -Oz`, and the results replace
# Trunk's JS and wasm in dist/ under the same names. Chunks are `split_<part>_<id>.wasm`, loaded
# by `__wasm_split.js` beside the main JS the first time their function is called; code that
# several parts share is in `chunk_<n>.wasm`, fetched with the first part that needs it.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

export RUSTFLAGS="-Clink-args=--emit-relocs"
trunk build --release --offline --features split "$@"

name=$(basename dist/http-playground-*_bg.wasm _bg.wasm)
work=target/split
rm -rf "$work"
mkdir -p "$work/split" "$work/bindgen"
wasm-split-cli target/wasm32-unknown-unknown/release/http-playground.wasm "$work/split" --out-name "$name" 2>&1 | grep -v 'unknown name subsection' || true
wasm-bindgen "$work/split/$name.wasm" --target web --keep-lld-exports --no-typescript \
  --out-dir "$work/bindgen" --out-name "$name"

optimize() { wasm-opt -Oz --converge --strip-producers --strip-debug "$1" -o "$2" 2>&1 | grep -v 'unknown name subsection' || true; }
rm -f dist/split_*.wasm dist/chunk_*.wasm dist/__wasm_split.js
optimize "$work/bindgen/${name}_bg.wasm" "dist/${name}_bg.wasm"
# split_<part>_<id>.wasm: what only that part reaches; chunk_<n>.wasm: what several parts share
# (fetched with the first of them).
for chunk in "$work"/split/split_*.wasm "$work"/split/chunk_*.wasm; do
  [ -e "$chunk" ] || continue
  optimize "$chunk" "dist/$(basename "$chunk")"
done
cp "$work/bindgen/$name.js" "dist/$name.js"
cp "$work/split/__wasm_split.js" dist/
rm -rf dist/snippets
cp -r "$work/bindgen/snippets" dist/snippets
