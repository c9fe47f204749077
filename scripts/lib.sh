# Sourced by the scripts: PATH for the project's tools, and loopback helpers.
# shellcheck shell=bash
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"

# A free TCP port on 127.0.0.1 (bound and released, so nothing listens on it right after).
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Waits until http://127.0.0.1:$1$2 answers, for at most 30 s.
wait_http() {
  local port=$1 path=${2:-/}
  for _ in $(seq 1 150); do
    if python3 -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:$port$path', timeout=1)" 2>/dev/null; then
      return 0
    fi
    sleep 0.2
  done
  echo "nothing answered on 127.0.0.1:$port$path within 30 s" >&2
  return 1
}
