#!/usr/bin/env bash
# Invariant 1 (ARCHITECTURE.md): the pure core (model, codegen, import, openapi, state, viewer) never touches the
# browser or the framework. The same grep as the shared before-stop hook, failing loudly.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
for dir in src/model src/codegen src/import src/openapi src/state src/viewer; do
  [ -d "$dir" ] || continue
  if hits=$(grep -rnE '\b(leptos|web_sys|js_sys|wasm_bindgen|gloo_[a-z]+|gloo)::' "$dir"); then
    echo "PURITY VIOLATION: $dir must not use leptos, web_sys, js_sys, wasm_bindgen or gloo:" >&2
    echo "$hits" >&2
    status=1
  fi
done
# Components render and dispatch; logic lives in the pure modules. A component file past 400
# lines is where logic collects (ARCHITECTURE.md, invariant 1).
while read -r lines file; do
  if [ "$file" != total ] && [ "$lines" -gt 400 ]; then
    echo "SIZE VIOLATION: $file has $lines lines; move its logic to src/state or src/model (limit 400)" >&2
    status=1
  fi
done < <(wc -l src/ui/*.rs)
# Invariant 8: the workspace (request, variables, history, notice) changes only through
# state::Workspace::apply, which ui/workspace.rs runs; no component writes those signals itself.
if hits=$(grep -rnE '\b(request|environment|history|notice)\.(set|update|try_update|update_untracked|try_update_untracked|set_untracked)\(' src/ui --include='*.rs' | grep -v '^src/ui/workspace.rs:'); then
  echo "WORKSPACE VIOLATION: change the workspace with a state::Change through WorkspaceSignals::apply:" >&2
  echo "$hits" >&2
  status=1
fi
if [ $status -eq 0 ]; then
  echo "purity: src/model, src/codegen, src/import, src/openapi, src/state and src/viewer use no browser or framework crate; no file in src/ui is over 400 lines; the workspace changes only through Workspace::apply"
fi
exit $status
