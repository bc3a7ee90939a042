#!/usr/bin/env bash
# Whole-process time of one `brazen send` against a running `brazen mock`, compared with `curl` making the same
# request (same URL, headers and 2 KiB body). Uses hyperfine (Debian package `hyperfine`; installed if missing and
# root).
#
#   bash benches/send_vs_curl.sh               # 200 runs each after 10 warm-ups
#   RUNS=500 bash benches/send_vs_curl.sh
#
# What brazen does beyond curl: load the config, validate the body, classify and explain the answer; the
# "history" variant also appends the exchange to SQLite (one fsync'd transaction). The sandbox variant starts
# the in-process mock itself, as `brazen send` does with no key configured.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-200}
PORT=${PORT:-4029}
BODY=benches/data/messages_send_2k.json
URL="http://127.0.0.1:$PORT"

. benches/need_tool.sh
need_tool hyperfine

cargo build --release --quiet --bin brazen
BIN=$PWD/target/release/brazen
HOME_DIR=$(mktemp -d)
trap 'rm -rf "$HOME_DIR"' EXIT
export BRAZEN_HOME=$HOME_DIR NO_COLOR=1

"$BIN" mock --addr "127.0.0.1:$PORT" --rate-limit 1000000000 --quiet >/dev/null 2>&1 &
MOCK=$!
trap 'kill $MOCK 2>/dev/null || true; rm -rf "$HOME_DIR"' EXIT
for _ in $(seq 50); do curl -s -o /dev/null "$URL/" && break; sleep 0.1; done

CURL="curl -s -o /dev/null -H 'Authorization: Bearer sandbox-all' -H 'Content-Type: application/json' --data-binary @$BODY $URL/messages/send"
status=$(eval "curl -s -o /dev/null -w '%{http_code}' -H 'Authorization: Bearer sandbox-all' -H 'Content-Type: application/json' --data-binary @$BODY $URL/messages/send")
[ "$status" = 201 ] || { echo "curl warm-up answered $status, expected 201" >&2; exit 1; }
BRAZE_API_KEY=sandbox-all "$BIN" send /messages/send "$BODY" --url "$URL" --no-history >/dev/null \
  || { echo "brazen send warm-up failed" >&2; exit 1; }

echo "body: $BODY, $(wc -c <"$BODY") bytes; $(nproc) cores; mock and client share them"
BRAZE_API_KEY=sandbox-all hyperfine -N --warmup 10 --runs "$RUNS" --export-markdown "$HOME_DIR/result.md" \
  -n curl "$CURL" \
  -n "brazen send --no-history" "$BIN send /messages/send $BODY --url $URL --no-history" \
  -n "brazen send (history)" "$BIN send /messages/send $BODY --url $URL" \
  -n "brazen send --env sandbox (own mock)" "$BIN send /messages/send $BODY --env sandbox --no-history"
cat "$HOME_DIR/result.md"
