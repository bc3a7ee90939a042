#!/usr/bin/env bash
# `brazen validate` as a user runs it: a process per call, so the catalog is parsed every time (128 endpoints,
# their templates and the error rows). Times 200 runs on a 2 KiB /messages/send body and prints the median and
# the 90th percentile in ms. Compare two builds by passing the other binary: benches/validate_cli.sh [OTHER_BIN].
# Usage: benches/validate_cli.sh                 (builds release; needs python3)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin brazen
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cp benches/data/messages_send_2k.json "$WORK/body.json"
run() {
  python3 - "$1" "$WORK/body.json" <<'PY'
import subprocess, sys, time, statistics
binary, body = sys.argv[1], sys.argv[2]
times = []
for i in range(220):
    t = time.perf_counter()
    subprocess.run([binary, "validate", "/messages/send", body], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={"BRAZEN_HOME": "/nonexistent-brazen-home", "PATH": "/usr/bin:/bin"})
    if i >= 20:
        times.append((time.perf_counter() - t) * 1000)
times.sort()
print(f"{binary}: median {statistics.median(times):.2f} ms, p90 {times[int(len(times) * 0.9)]:.2f} ms (200 runs)")
PY
}
echo "body: $(wc -c < "$WORK/body.json") bytes"
run "$PWD/target/release/brazen"
if [[ $# -gt 0 ]]; then run "$1"; fi
