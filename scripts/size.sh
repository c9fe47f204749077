#!/usr/bin/env bash
# `make size`: release build (opt-level z, LTO, one codegen unit, panic=abort, wasm-opt -Oz) and
# the gzip size of every file in dist/, plus the total.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
scripts/ensure-tools.sh build
trunk build --release --offline >/dev/null
printf '%-72s %12s %12s\n' "file" "bytes" "gzip -9"
total_raw=0
total_gz=0
while IFS= read -r f; do
  raw=$(stat -c %s "$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  total_raw=$((total_raw + raw))
  total_gz=$((total_gz + gz))
  printf '%-72s %12d %12d\n' "${f#dist/}" "$raw" "$gz"
done < <(find dist -type f -not -path 'dist/lesson/*' | sort)
printf '%-72s %12d %12d\n' "total" "$total_raw" "$total_gz"
printf 'total gzip: %d bytes (%.1f KB)\n' "$total_gz" "$(echo "$total_gz" | awk '{ print $1 / 1000 }')"
# The runnable lesson (dist/lesson/) is a page that embeds the app, not part of it.
lesson=$(find dist/lesson -type f -exec cat {} + 2>/dev/null | gzip -9 | wc -c)
printf 'not counted: dist/lesson/ (the runnable lesson page), %d bytes gzip\n' "$lesson"
