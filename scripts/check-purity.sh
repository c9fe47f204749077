#!/usr/bin/env bash
# Invariant 1 (ARCHITECTURE.md): the pure core (model, codegen, import, state, viewer) never touches the
# browser or the framework. The same grep as the shared before-stop hook, failing loudly.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
for dir in src/model src/codegen src/import src/state src/viewer; do
  [ -d "$dir" ] || continue
  if hits=$(grep -rnE '\b(leptos|web_sys|js_sys|wasm_bindgen|gloo_[a-z]+|gloo)::' "$dir"); then
    echo "PURITY VIOLATION: $dir must not use leptos, web_sys, js_sys, wasm_bindgen or gloo:" >&2
    echo "$hits" >&2
    status=1
  fi
done
if [ $status -eq 0 ]; then
  echo "purity: src/model, src/codegen, src/import, src/state and src/viewer use no browser or framework crate"
fi
exit $status
