#!/usr/bin/env bash
# Installs what the build (and, with `test`, the tests) need, skipping whatever is already there.
# Safe to run any number of times: a second run installs nothing.
#   scripts/ensure-tools.sh build   wasm32 target, trunk, wasm-bindgen-cli, wasm-split-cli,
#                                   binaryen's wasm-opt
#   scripts/ensure-tools.sh test    all of the above, plus chromium, chromedriver, firefox-esr,
#                                   geckodriver, httpbin venv
#   scripts/ensure-tools.sh bench   the test tools, plus wrk
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WASM_SPLIT_VERSION=0.2.4
GECKODRIVER_VERSION=0.37.1
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
say() { printf '\033[1m[tools]\033[0m %s\n' "$*"; }

ensure_build_tools() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  if ! rustup component list --installed | grep -q '^clippy'; then
    rustup component add clippy rustfmt
  fi
  if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
    say "installing trunk $TRUNK_VERSION (about 6 minutes)"
    cargo install trunk --version "$TRUNK_VERSION" --locked
  fi
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
    say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION to match Cargo.lock (about 4 minutes)"
    # Not --locked: that release's lockfile names a crate the registry no longer has.
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
  fi
  # wasm-split-cli has no --version: cargo's list of installed packages says which it is.
  if ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
    say "installing wasm-split-cli $WASM_SPLIT_VERSION, which splits the release wasm (about 3 minutes)"
    cargo install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --locked --features build-binary
  fi
  if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] || [ ! -x node_modules/.bin/prettier ] || [ ! -f node_modules/axe-core/axe.min.js ] || [ ! -x node_modules/.bin/json-server ]; then
    say "installing binaryen (wasm-opt), playwright-core, prettier, axe-core and json-server from npm"
    npm ci --no-audit --no-fund
  fi
}

ensure_test_tools() {
  local packages=()
  command -v chromium >/dev/null || packages+=(chromium)
  command -v chromedriver >/dev/null || packages+=(chromium-driver)
  command -v firefox-esr >/dev/null || command -v firefox >/dev/null || packages+=(firefox-esr)
  if [ ${#packages[@]} -gt 0 ]; then
    say "installing Debian's ${packages[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
  fi
  # `--version | head -1` would close the pipe early and make geckodriver panic: read it whole.
  if [[ "$(geckodriver --version 2>/dev/null)" != "geckodriver $GECKODRIVER_VERSION"* ]]; then
    say "installing geckodriver $GECKODRIVER_VERSION (about 2.5 minutes)"
    cargo install geckodriver --version "$GECKODRIVER_VERSION" --locked
  fi
  if [ ! -x .venv/bin/gunicorn ] || [ ! -x .venv/bin/black ] || ! .venv/bin/python -c "import httpbin, requests, httpx, websockets" 2>/dev/null; then
    say "installing httpbin, gunicorn, requests, httpx, websockets and black into .venv"
    python3 -m venv .venv
    .venv/bin/pip install --quiet --disable-pip-version-check httpbin gunicorn requests httpx websockets black
  fi
}

ensure_bench_tools() {
  ensure_test_tools
  if ! command -v wrk >/dev/null; then
    say "installing wrk (load generator)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
  fi
}

ensure_build_tools
case "${1:-build}" in
  test) ensure_test_tools ;;
  bench) ensure_bench_tools ;;
esac
