#!/usr/bin/env bash
# `make test`: installs what is missing, starts httpbin on loopback, runs every test (lint,
# native, code execution, headless-browser, end-to-end), stops the server even when a test
# fails, and exits non-zero on any failure.
# `scripts/test.sh codegen-rust` (`make test-codegen-rust`) runs only the reqwest execution test.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

scripts/ensure-tools.sh test

# Browser drivers leave a profile (up to 150 MB) in TMPDIR for each browser a test runner
# kills instead of closing: this run's temporary files go in one folder, removed with it.
RUN_TMP=$(mktemp -d)
export TMPDIR="$RUN_TMP"
RESULTS=$(mktemp)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$RUN_TMP"
}
trap cleanup EXIT
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
# Runs a cargo test command, keeping its "test result" lines for the summary.
cargo_test() { "$@" 2>&1 | tee -a "$RESULTS" | { grep -vE '^\s+(Compiling|Checking|Downloaded|Downloading)' || true; }; }

start_httpbin() {
  step "starting httpbin on loopback"
  HTTPBIN_PORT=$(free_port)
  .venv/bin/gunicorn --bind "127.0.0.1:$HTTPBIN_PORT" --workers 2 --threads 8 --log-level warning httpbin:app &
  PIDS+=($!)
  wait_http "$HTTPBIN_PORT" /get
  export HTTPBIN_URL="http://127.0.0.1:$HTTPBIN_PORT"
  # A port nothing listens on, for the connection-refused test.
  export CLOSED_PORT_URL="http://127.0.0.1:$(free_port)/"
  echo "httpbin at $HTTPBIN_URL"
}
export CHROMEDRIVER=${CHROMEDRIVER:-$(command -v chromedriver)}
GECKODRIVER=${GECKODRIVER:-$(command -v geckodriver)}
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
export WASM_BINDGEN_TEST_TIMEOUT=120

# The companion server: its streams are read by the generated programs, its pages by the
# end-to-end tests.
build_server() {
  cargo build --quiet -p http-playground-server
  export SERVER_BIN="$ROOT/target/debug/http-playground-server"
}

if [ "${1:-all}" = codegen-rust ]; then
  start_httpbin
  build_server
  step "reqwest snippets compiled in one crate and run against httpbin"
  CODEGEN_TARGETS=rust-reqwest,rust-reqwest-blocking cargo_test cargo test --test codegen_exec -- --include-ignored --nocapture
  exit 0
fi

step "purity of the core"
scripts/check-purity.sh

step "format and lints"
cargo fmt --all -- --check
cargo clippy --all-targets --quiet -- -D warnings
cargo clippy --all-targets --quiet --target wasm32-unknown-unknown -- -D warnings
cargo clippy --quiet --target wasm32-unknown-unknown --features split -- -D warnings
cargo clippy -p http-playground-server --all-targets --quiet -- -D warnings

start_httpbin

step "native tests: model, golden fixtures, formatters, properties, curl import, short fuzz"
cargo_test cargo test

step "code execution: every snippet of 8 targets run against httpbin and the companion server"
build_server
cargo_test cargo test --test codegen_exec -- --include-ignored --nocapture

step "companion server: SSRF tables, bad input, proxy, and parity with httpbin"
cargo_test cargo test -p http-playground-server -- --include-ignored

step "browser tests (wasm-bindgen-test in headless Chromium)"
cargo_test cargo test --target wasm32-unknown-unknown

step "the same browser tests in headless Firefox"
# The runner picks Chromium while CHROMEDRIVER is set.
cargo_test env -u CHROMEDRIVER GECKODRIVER="$GECKODRIVER" cargo test --target wasm32-unknown-unknown

step "release build (trunk, split with wasm-split-cli) and end-to-end tests (Playwright)"
scripts/build-release.sh
node --test end2end/ 2>&1 | tee -a "$RESULTS"

step "summary"
passed=$(grep -oE '(test result: ok\. |^# pass )[0-9]+' "$RESULTS" | grep -oE '[0-9]+$' | awk '{ s += $1 } END { print s + 0 }')
failed=$(grep -oE '([0-9]+ failed|^# fail [0-9]+)' "$RESULTS" | grep -oE '[0-9]+' | awk '{ s += $1 } END { print s + 0 }')
echo "make test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
