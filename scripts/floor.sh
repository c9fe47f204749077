#!/usr/bin/env bash
# The framework's floor for `make bench`: end2end/bench/floor (a Leptos CSR page with one input,
# a Send button and a gloo-net fetch) built with the app's release profile, wasm-bindgen and
# wasm-opt -Oz into target/floor/dist; prints its gzip size. end2end/bench/lazy.bench.mjs then
# measures its cold load beside the plain page and the app.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
src=end2end/bench/floor
out=target/floor
mkdir -p "$out/dist"
cp Cargo.lock "$src/Cargo.lock"
trap 'rm -f "$src/Cargo.lock"' EXIT
CARGO_TARGET_DIR="$out/build" cargo build --quiet --release --target wasm32-unknown-unknown \
  --manifest-path "$src/Cargo.toml"
wasm-bindgen "$out/build/wasm32-unknown-unknown/release/floor.wasm" --target web --no-typescript \
  --out-dir "$out/dist" --out-name floor
wasm-opt -Oz --converge --strip-producers --strip-debug "$out/dist/floor_bg.wasm" -o "$out/dist/floor_bg.wasm" 2>/dev/null
cat > "$out/dist/index.html" <<'HTML'
<!doctype html><html><head><meta charset="utf-8"><title>floor</title>
<link rel="modulepreload" href="/floor.js"><link rel="preload" href="/floor_bg.wasm" as="fetch" type="application/wasm" crossorigin="">
<script type="module">import init from "/floor.js"; init({ module_or_path: "/floor_bg.wasm" });</script></head><body></body></html>
HTML
total=0
for f in floor_bg.wasm floor.js index.html; do
  total=$((total + $(gzip -9 -c "$out/dist/$f" | wc -c)))
done
printf 'framework floor (Leptos page with an input, Send and a fetch): %d bytes gzip (%.1f KB)\n' "$total" "$(awk "BEGIN { print $total / 1000 }")"
