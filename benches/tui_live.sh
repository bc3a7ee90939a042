#!/usr/bin/env bash
# The real workbench in a real terminal (tmux), release build:
#   1. time to first frame (exec → first frame on screen, and from `main` in-process), 10 starts;
#   2. memory (RSS) and CPU while idle for 10 s (the sandbox mock running in-process);
#   3. memory with a 10 MB JSON response open, and the draw time of each frame while paging through it.
# Targets (issue 5): first frame < 50 ms, idle CPU < 1 %, < 16 ms a frame.
# Usage: benches/tui_live.sh            (needs tmux and python3; ONLY_BIG=1 runs part 3 only)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v tmux >/dev/null || { echo "SKIP: tmux is not installed (apt-get install -y tmux)"; exit 0; }
cargo build --release --quiet --bin brazen
BIN="$PWD/target/release/brazen"
WORK=$(mktemp -d)
SOCK="brazen-bench-$$"
tm() { tmux -L "$SOCK" "$@"; }
cleanup() { tm kill-server 2>/dev/null || true; [[ -n "${SERVER_PID:-}" ]] && kill "$SERVER_PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
CLK=$(getconf CLK_TCK)

# Starts brazen in a fresh session; $1 = BRAZEN_HOME, rest = extra env.
start() {
  local home=$1; shift
  tm kill-server 2>/dev/null || true
  tm new-session -d -s b -x 120 -y 40 "sh -c 'date +%s%N > $home/start_ns; exec env -u BRAZE_API_KEY BRAZEN_HOME=$home BRAZEN_TUI_TIMINGS=$home/timings $* $BIN'"
  for _ in $(seq 200); do
    [[ -s $home/timings ]] && grep -q first_frame_epoch_ns "$home/timings" && break
    sleep 0.05
  done
  PID=$(tm display -p -t b '#{pane_pid}')
}
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$PID/status"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$PID/stat"; }
wait_screen() { for _ in $(seq 300); do tm capture-pane -p -t b | grep -q "$1" && return 0; sleep 0.05; done; echo "timeout waiting for $1"; tm capture-pane -p -t b; exit 1; }

if [[ -z "${ONLY_BIG:-}" ]]; then
echo "== 1. time to first frame (10 starts, 120x40, sandbox) =="
for i in $(seq 10); do
  H="$WORK/start$i"; mkdir -p "$H"
  start "$H"
  s=$(cat "$H/start_ns"); f=$(awk '/first_frame_epoch_ns/ {print $2}' "$H/timings")
  inproc=$(awk '/first_frame_ms/ {print $2}' "$H/timings")
  echo "exec_to_first_frame_ms $(( (f - s) / 1000 )) in_process_ms $inproc" | awk '{printf "  start %2d: exec→first frame %.1f ms (from main: %s ms)\n", '"$i"', $2/1000, $4}'
  tm send-keys -t b C-c
  sleep 0.3
done

echo "== 2. idle: RSS and CPU over 10 s =="
H="$WORK/idle"; mkdir -p "$H"
start "$H"
wait_screen "offline mock"
sleep 2
echo "  RSS idle: $(( $(rss_kb) / 1024 )) MiB ($(rss_kb) kB)"
t0=$(cpu_ticks); sleep 10; t1=$(cpu_ticks)
awk -v d=$((t1 - t0)) -v clk="$CLK" 'BEGIN { printf "  CPU idle: %d ticks in 10 s = %.2f %%\n", d, d / clk / 10 * 100 }'
frames_before=$(grep -c frame_ms "$H/timings")
sleep 3
echo "  frames drawn while idle for 3 s: $(( $(grep -c frame_ms "$H/timings") - frames_before ))"
tm send-keys -t b C-c; sleep 0.3

fi

echo "== 3. a 10 MB JSON response =="
H="$WORK/big"; mkdir -p "$H"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 - "$PORT" <<'PY' &
import http.server, json, sys
users = []
size = 0
i = 0
while size < 10_000_000:
    u = {"external_id": f"user-{i:08}", "first_name": "지우", "email": f"user{i}@example.com",
         "custom_attributes": {"tier": "gold", "score": i % 997}, "push_tokens": []}
    size += len(json.dumps(u)) + 1
    users.append(u)
    i += 1
body = json.dumps({"message": "success", "users": users}, separators=(",", ":")).encode()
class H(http.server.BaseHTTPRequestHandler):
    def answer(self):
        n = int(self.headers.get("content-length") or 0)
        self.rfile.read(n)
        self.send_response(201)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    do_POST = answer
    do_GET = answer
    def log_message(self, *a): pass
http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
PY
SERVER_PID=$!
cat > "$H/config.toml" <<EOF2
default_environment = "bigbody"
[environment.bigbody]
url = "http://127.0.0.1:$PORT"
api_key_env = "BENCH_KEY"
EOF2
sleep 1.5
start "$H" BENCH_KEY=bench-key-0123456789 ${BENCH_ENV:-}
wait_screen "bigbody"
echo "  RSS before sending: $(( $(rss_kb) / 1024 )) MiB"
tm send-keys -t b C-s
wait_screen " 201 "
sleep 2
echo "  RSS with the 10 MB response open: $(( $(rss_kb) / 1024 )) MiB"
tm send-keys -t b Tab Tab
sleep 0.3
before=$(grep -c frame_ms "$H/timings")
for _ in $(seq 10); do tm send-keys -t b -N 20 PageDown; sleep 0.1; done
tm send-keys -t b -N 20 j
sleep 1
tm capture-pane -p -t b | tail -4 | head -1
echo "  frames while paging (draw time, ms):"
tail -n +"$((before + 1))" "$H/timings" | awk '/frame_ms/ {print $2}' | sort -n | awk '
  { v[NR] = $1; s += $1 }
  END {
    if (NR == 0) { print "    none"; exit }
    p50 = int(NR * 0.50) + 1; if (p50 > NR) p50 = NR
    p99 = int(NR * 0.99) + 1; if (p99 > NR) p99 = NR
    printf "    n=%d mean=%.3f p50=%.3f p99=%.3f max=%.3f\n", NR, s / NR, v[p50], v[p99], v[NR]
  }'
echo "  RSS after paging: $(( $(rss_kb) / 1024 )) MiB"
tm send-keys -t b C-c; sleep 0.3
