#!/usr/bin/env bash
# `make bench`: load runs on loopback with wrk (a separate process): the echo API against
# gunicorn httpbin (same machine, same request), and the proxy's overhead against a direct
# request; then the browser benchmarks (end2end/bench/browser.bench.mjs: the response viewer on
# 1-100 MB JSON, cold load and a small GET, each against what the browser alone costs). Prints
# tables for BENCHMARKS.md. Each wrk run is bounded: DURATION seconds (default 10); the browser
# runs take RUNS (default 5) and SIZES (MB, default 1,10,50,100); then the editing benchmark
# (end2end/bench/editing.bench.mjs: a large body pasted and typed into, against a bare textarea).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
scripts/ensure-tools.sh bench
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}

cargo build --quiet --profile server -p http-playground-server
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

ours=$(free_port)
target/server/http-playground-server --port "$ours" --dist /nonexistent >/dev/null 2>&1 &
PIDS+=($!)
proxied=$(free_port)
target/server/http-playground-server --port "$proxied" --dist /nonexistent \
  --proxy --proxy-allow 127.0.0.1 --proxy-allow-loopback --proxy-per-client 1000 >/dev/null 2>&1 &
PIDS+=($!)
theirs=$(free_port)
# httpbin as make test runs it: gunicorn, 2 workers x 8 threads (this machine has 2 cores).
.venv/bin/gunicorn --bind "127.0.0.1:$theirs" --workers 2 --threads 8 --log-level warning httpbin:app &
PIDS+=($!)
wait_http "$ours" /echo/get
wait_http "$proxied" /echo/get
wait_http "$theirs" /get

# One wrk run: prints "req/s p50 p99 errors".
run() {
  local out
  out=$(wrk --latency -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" "$1")
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ { print $2 }' <<<"$out")
  p50=$(awk '$1 == "50%" { print $2 }' <<<"$out")
  p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
  errors=$(awk '/Non-2xx|Socket errors/ { e = 1 } END { print e ? "yes" : "0" }' <<<"$out")
  [ "$errors" = yes ] && errors=$(grep -E 'Non-2xx|Socket errors' <<<"$out" | tr -s ' ' | tr '\n' ';')
  echo "$rps|$p50|$p99|$errors"
}

printf '| run (wrk -t%s -c%s -d%ss, loopback) | req/s | p50 | p99 | errors |\n|---|---:|---:|---:|---|\n' \
  "$THREADS" "$CONNECTIONS" "$DURATION"
row() { IFS='|' read -r rps p50 p99 errors <<<"$2"; printf '| %s | %s | %s | %s | %s |\n' "$1" "$rps" "$p50" "$p99" "$errors"; }
a=$(run "http://127.0.0.1:$theirs/get?q=python+tutorial")
row "httpbin (gunicorn 2x8) GET /get" "$a"
b=$(run "http://127.0.0.1:$ours/echo/get?q=python+tutorial")
row "echo API GET /echo/get" "$b"
c=$(run "http://127.0.0.1:$ours/echo/anything?q=1")
row "echo API GET /echo/anything" "$c"
d=$(run "http://127.0.0.1:$proxied/proxy?url=http%3A%2F%2F127.0.0.1%3A$ours%2Fecho%2Fget")
row "proxy -> echo API GET /echo/get" "$d"
ratio=$(awk -v a="${a%%|*}" -v b="${b%%|*}" 'BEGIN { printf "%.1f", b / a }')
overhead=$(awk -v b="${b%%|*}" -v d="${d%%|*}" 'BEGIN { printf "%.0f", (1 - d / b) * 100 }')
echo
echo "echo API vs httpbin throughput: ${ratio}x; proxy costs ${overhead}% of the direct echo throughput"

echo
echo "## Echo API under hostile input (release build, loopback)"
echo
# A 15 MB multipart body whose 60 KB boundary is all dashes, with runs of dashes one short of
# it in the preamble and the file: the worst case for a naive boundary search (the old parser
# took 19 s, and re-parsed per line of /stream/100). Then 15 MB of NUL bytes. Best and median
# of 3, answer size, and the server's peak RSS (VmHWM) afterwards.
ours_pid=${PIDS[0]}
python3 - "$ours" <<'PY'
import sys, time, urllib.request
port = sys.argv[1]
boundary = "-" * 60000
def near_miss(n):
    unit = "\r\n" + "-" * (len(boundary) + 1) + "x"
    return unit * (n // len(unit) + 1)
head = ("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"f\"; "
        "filename=\"f.txt\"\r\nContent-Type: text/plain\r\n\r\n")
multipart = (near_miss(5 << 20) + head + near_miss(10 << 20) + "\r\n--" + boundary + "--\r\n").encode()
cases = [
    ("POST", "/echo/post", multipart, "multipart/form-data; boundary=" + boundary, "multipart, 60 KB boundary"),
    ("GET", "/echo/stream/100", multipart, "multipart/form-data; boundary=" + boundary, "multipart, 60 KB boundary"),
    ("POST", "/echo/post", bytes(15 << 20), "text/plain", "NUL bytes"),
]
print("| request (body) | best | median | answer |")
print("|---|---:|---:|---:|")
for method, path, body, kind, what in cases:
    times = []
    for _ in range(3):
        request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=body, method=method,
                                         headers={"Content-Type": kind})
        started = time.perf_counter()
        answer = urllib.request.urlopen(request, timeout=120).read()
        times.append(time.perf_counter() - started)
    times.sort()
    print(f"| {method} {path} ({len(body) / 2**20:.1f} MB, {what}) | {times[0]:.2f} s | {times[1]:.2f} s | {len(answer) / 2**20:.1f} MB |")
PY
echo
echo "server peak RSS after these: $(awk '/VmHWM/ { printf "%.0f MB", $2 / 1024 }' "/proc/$ours_pid/status")"

echo
echo "## Browser: the response viewer, cold load, small GET (Debian chromium, loopback)"
echo
scripts/build-release.sh >/dev/null
node end2end/bench/browser.bench.mjs

echo
echo "## Editing a large body"
echo
# A large JSON body pasted with Ctrl+V into the Body editor, then 20 characters typed at its
# end, against a bare textarea (end2end/bench/editing.bench.mjs; EDIT_SIZES MB, default 1,5; EDIT_RUNS, default 3).
node end2end/bench/editing.bench.mjs

echo
echo "## First load and lazily loaded parts"
echo
# Cold load of the split build against a plain page, the lesson page with one widget, and the
# first use of each lazily loaded part, with its module held back until the click and after the
# idle prefetch (end2end/bench/lazy.bench.mjs; RUNS, default 5); beside them the framework's
# floor, a Leptos page with an input, Send and a fetch (scripts/floor.sh).
scripts/floor.sh
node end2end/bench/lazy.bench.mjs

echo
echo "## Streams"
echo
# A Server-Sent Events stream read as it arrives: 100 events a second for 60 s, and 1,000,000
# events at once (end2end/bench/streams.bench.mjs; STREAM_SECONDS, BURST_EVENTS).
node end2end/bench/streams.bench.mjs

echo
echo "## API descriptions"
echo
# GitHub's REST description (13 MB, 1,223 operations) opened by URL: open time, memory, the
# filter's time to the next frame, choosing an operation (end2end/bench/openapi.bench.mjs; RUNS, default 3).
node end2end/bench/openapi.bench.mjs
