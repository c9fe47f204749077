# HTTP Playground. Every target installs what it needs first, and skips what is already there.
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

.PHONY: serve dev bench test test-native test-codegen-rust size tools clean

## make serve: the release app, the echo API (/echo) and /api/config from the companion server
## at http://127.0.0.1:8080, with no internet needed. PROXY="--proxy --proxy-allow api.example.com"
## turns the CORS proxy on for those hosts.
serve: tools
	scripts/build-release.sh
	cargo build --profile server -p http-playground-server
	target/server/http-playground-server --port 8080 --dist dist $(PROXY)

## make dev: trunk's dev server with live reload at http://127.0.0.1:8080 (no echo API).
dev: tools
	trunk serve --offline

## make bench: load runs against the echo API and httpbin (wrk, loopback); figures for BENCHMARKS.md.
bench:
	scripts/bench.sh

## make test: every test: purity, lints, native, headless-browser, end-to-end.
test:
	scripts/test.sh

## make test-native: the fast pure-core tests only (no browser, no server).
test-native:
	scripts/check-purity.sh
	cargo test

## make test-codegen-rust: the reqwest snippets of every case, compiled in one crate and run.
test-codegen-rust:
	scripts/test.sh codegen-rust

## make size: release build and the gzip size of dist/.
size:
	scripts/size.sh

tools:
	scripts/ensure-tools.sh build

clean:
	cargo clean
	rm -rf dist end2end/results
