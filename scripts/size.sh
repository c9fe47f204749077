#!/usr/bin/env bash
# `make size`: the split release build (opt-level z, LTO, one codegen unit, panic=abort,
# wasm-split-cli, wasm-opt -Oz on every module) and the gzip size of what a first visit
# fetches before Send works, of what a lesson page with one <http-playground> fetches, and of
# every module loaded on first use.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
scripts/ensure-tools.sh build
scripts/build-release.sh >/dev/null

gz() { gzip -9 -c "$1" | wc -c; }
row() { printf '%-64s %10d %10d\n' "$1" "$(stat -c %s "dist/$1")" "$(gz "dist/$1")"; }
sum() {
  local total=0 f
  for f in "$@"; do total=$((total + $(gz "dist/$f"))); done
  echo "$total"
}
kb() { awk '{ printf "%.1f KB", $1 / 1000 }' <<<"$1"; }

cd dist
main_js=$(ls http-playground-*.js | grep -v _bg)
loader=$(ls __wasm_split-*.js)
main_wasm=$(ls http-playground-*_bg.wasm)
css=$(ls main-*.css)
snippets=$(find snippets -type f | sort)
cd ..
# The app page: the HTML, its CSS, the main JS (which imports the snippets and the split
# loader) and the main wasm. The widget: its loader, the app's index.html (read for the hashed
# names), the same JS and wasm, and the CSS its shadow roots link.
first=(index.html "$css" "$main_js" "$main_wasm" "$loader" $snippets)
widget=(http-playground.js index.html "$css" "$main_js" "$main_wasm" "$loader" $snippets)

printf '%-64s %10s %10s\n' "first load (app page)" "bytes" "gzip -9"
for f in "${first[@]}"; do row "$f"; done
first_total=$(sum "${first[@]}")
printf 'first load total: %d bytes gzip (%s)\n' "$first_total" "$(kb "$first_total")"
widget_total=$(sum "${widget[@]}")
printf 'lesson page with one <http-playground>: %d bytes gzip (%s), the page itself not counted\n' "$widget_total" "$(kb "$widget_total")"
echo
printf '%-64s %10s %10s\n' "loaded on first use" "bytes" "gzip -9"
lazy_total=0
for f in $(cd dist && ls split_*.wasm chunk_*.wasm 2>/dev/null | sort); do
  row "$f"
  lazy_total=$((lazy_total + $(gz "dist/$f")))
done
printf 'lazily loaded total: %d bytes gzip (%s)\n' "$lazy_total" "$(kb "$lazy_total")"
echo "(the app page, not the widget, also fetches split_history_panel and the chunks it needs at once: History is on its first screen)"
printf 'everything: %d bytes gzip (%s)\n' "$((first_total + lazy_total + $(gz dist/http-playground.js)))" "$(kb "$((first_total + lazy_total + $(gz dist/http-playground.js)))")"
# The runnable lesson (dist/lesson/) is a page that embeds the app, not part of it.
lesson=$(find dist/lesson -type f -exec cat {} + 2>/dev/null | gzip -9 | wc -c)
printf 'not counted: dist/lesson/ (the runnable lesson page), %d bytes gzip\n' "$lesson"
