#!/usr/bin/env bash
# The release build in dist/, split into a first module and modules loaded on first use.
#
# Trunk builds dist/ as before (HTML, minified CSS, copied files) from a wasm compiled with
# `--features split` (the `lazy_part!` functions of src/ui/lazy.rs become split points) and with
# its relocations kept (`--emit-relocs`, which wasm-split needs). Trunk 0.21 cannot split
# (trunk-rs/trunk#1022), so the wasm it was built from is then split with wasm-split-cli, the
# main module goes through wasm-bindgen with `--keep-lld-exports` (the chunks link against those
# exports), every module through `wasm-opt -Oz`, and the results replace Trunk's JS and wasm in
# dist/. Parts are `split_<part>-<hash>.wasm`, code several parts share `chunk_<n>-<hash>.wasm`,
# loaded by `__wasm_split-<hash>.js` the first time a part is used; every name carries the hash
# of the final modules, so the companion server may cache them all as immutable and a page of
# one build never loads a module of another.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

export RUSTFLAGS="${RUSTFLAGS:+$RUSTFLAGS }-Clink-args=--emit-relocs"
trunk build --release --offline --features split "$@"

target_dir=${CARGO_TARGET_DIR:-target}
input="$target_dir/wasm32-unknown-unknown/release/http-playground.wasm"
trunk_name=$(basename dist/http-playground-*_bg.wasm _bg.wasm)
work="$target_dir/split"
rm -rf "$work"
mkdir -p "$work/split" "$work/bindgen" "$work/opt"

# Tools' own warnings about the relocation sections are dropped; their exit status is kept.
quiet() { "$@" 2>&1 | { grep -v -e 'unknown name subsection' -e 'linking section is present' || true; }; }
quiet wasm-split-cli "$input" "$work/split" --out-name main
quiet wasm-bindgen "$work/split/main.wasm" --target web --keep-lld-exports --no-typescript \
  --out-dir "$work/bindgen" --out-name main
quiet wasm-opt -Oz --converge --strip-producers --strip-debug "$work/bindgen/main_bg.wasm" -o "$work/opt/main_bg.wasm"
for chunk in "$work"/split/split_*.wasm "$work"/split/chunk_*.wasm; do
  [ -e "$chunk" ] || continue
  quiet wasm-opt -Oz --converge --strip-producers --strip-debug "$chunk" -o "$work/opt/$(basename "$chunk")"
done
for f in "$work/opt/main_bg.wasm" "$work/bindgen/main.js" "$work/split/__wasm_split.js"; do
  [ -s "$f" ] || { echo "build-release: $f was not made" >&2; exit 1; }
done

# One hash of everything the build loads names every file of it.
hash=$(cat "$work"/opt/*.wasm "$work/bindgen/main.js" "$work/split/__wasm_split.js" | sha256sum | cut -c1-16)
main="http-playground-$hash"
loader="__wasm_split-$hash.js"
rm -f dist/http-playground-*_bg.wasm dist/http-playground-*[0-9a-f].js dist/__wasm_split*.js dist/split_*.wasm dist/chunk_*.wasm
cp "$work/opt/main_bg.wasm" "dist/${main}_bg.wasm"
# The wasm imports from "./__wasm_split.js" by that name (the key of the JS's imports object);
# only the JS `from` clauses that load the file are renamed.
renames=(-e "s/\\bmain_bg\\.wasm\\b/${main}_bg.wasm/g" -e "s/from \"\\.\\/main\\.js\"/from \".\\/${main}.js\"/g" -e "s/from \"\\.\\/__wasm_split\\.js\"/from \".\\/${loader}\"/g")
for chunk in "$work"/opt/split_*.wasm "$work"/opt/chunk_*.wasm; do
  [ -e "$chunk" ] || continue
  stem=$(basename "$chunk" .wasm)
  cp "$chunk" "dist/$stem-$hash.wasm"
  renames+=(-e "s/\\b$stem\\.wasm\\b/$stem-$hash.wasm/g")
done
sed "${renames[@]}" "$work/bindgen/main.js" > "dist/$main.js"
sed "${renames[@]}" "$work/split/__wasm_split.js" > "dist/$loader"
sed -i -e "s/$trunk_name/$main/g" dist/index.html
grep -q "$main.js" dist/index.html || { echo "build-release: index.html does not name $main.js" >&2; exit 1; }
rm -rf dist/snippets
cp -r "$work/bindgen/snippets" dist/snippets
