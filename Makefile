# HTTP Playground. Every target installs what it needs first, and skips what is already there.
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

.PHONY: serve test test-native test-codegen-rust size tools clean

## make serve: build and serve the app at http://127.0.0.1:8080 with live reload.
serve: tools
	trunk serve --offline

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
