#!/usr/bin/env bash
# Load test of the mock Braze server: POST /messages/send with a valid 2 KiB body on 127.0.0.1.
# Prints requests per second and p99 latency. Uses wrk (Debian package `wrk`; installed if missing and root).
#
#   bash benches/mock_load.sh                # 10 s per run, 1 wrk thread, 32 connections
#   DURATION=30s CONNECTIONS=64 THREADS=2 bash benches/mock_load.sh
#
# The server runs `--quiet` (no line per request) and with a rate limit high enough never to answer 429;
# a second run with logging on (to /dev/null) shows what the request log costs.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-1}
PORT=${PORT:-4019}
BODY=benches/data/messages_send_2k.json
URL="http://127.0.0.1:$PORT/messages/send"

. benches/need_tool.sh
need_tool wrk

cargo build --release --quiet --bin brazen
BIN=target/release/brazen

echo "body: $BODY, $(wc -c <"$BODY") bytes"
"$BIN" validate /messages/send "$BODY" >/dev/null || { echo "the benchmark body does not validate" >&2; exit 1; }

run() { # label, extra mock flags...
  local label=$1; shift
  "$BIN" mock --addr "127.0.0.1:$PORT" --rate-limit 1000000000 "$@" >/dev/null 2>/dev/null &
  local pid=$!
  trap 'kill $pid 2>/dev/null || true' EXIT
  for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.1; done
  local status
  status=$(curl -s -o /dev/null -w '%{http_code}' -H 'Authorization: Bearer sandbox-all' \
    -H 'Content-Type: application/json' -d @"$BODY" "$URL")
  [ "$status" = 201 ] || { echo "warm-up request answered $status, expected 201" >&2; exit 1; }
  local out
  out=$(BRAZEN_BENCH_BODY=$BODY wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s benches/mock_load.lua "$URL")
  kill -TERM $pid; wait $pid || true
  trap - EXIT
  local rps p99 errors
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx or 3xx responses:/ {print $5} /Socket errors:/ {print}' <<<"$out")
  printf '%-28s %12s req/s   p99 %8s   %s\n' "$label" "$rps" "$p99" "${errors:+non-2xx/errors: $errors}"
  [ -n "${VERBOSE:-}" ] && echo "$out"
  return 0
}

echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION on $(nproc) cores (wrk and the server share them)"
run "quiet (no request log)" --quiet
run "request log to /dev/null"
