#!/usr/bin/env bash
# Validating a 1 MiB /messages/send body: brazen against `jq empty` on the very same file.
#  1. in-process: criterion's estimates for validate::check (run `cargo bench --bench validate` first for them);
#  2. whole process: `brazen validate` and `jq empty`, each started RUNS times (hyperfine when installed).
# Usage: benches/validate_vs_jq.sh [RUNS]   (default 30); BODY=FILE times another body (e.g. messages_send_1MiB_all_structure.json)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-30}
dir=target/bench-bodies

BRAZEN_BENCH_BODIES="$dir" cargo bench --quiet --bench validate >/dev/null
cargo build --quiet --release --bin brazen
bin=target/release/brazen
file=${BODY:-$dir/messages_send_1MiB.json}
printf 'body: %s (%d bytes)\n\n' "$file" "$(wc -c <"$file")"

if ! command -v jq >/dev/null; then
    echo "SKIP: jq is not installed (apt-get install jq); only brazen is timed" >&2
fi

echo "== in process (criterion, validate::check) =="
for name in 2KiB 1MiB 1MiB_all_structure 1MiB_syntax_error_at_end; do
    est=target/criterion/validate/$name/new/estimates.json
    if [ -f "$est" ] && command -v jq >/dev/null; then
        jq -r --arg n "$name" '"\($n): mean \(.mean.point_estimate / 1000 | floor) µs, median \(.median.point_estimate / 1000 | floor) µs"' "$est"
    else
        echo "$name: no estimate yet (run: cargo bench --bench validate)"
    fi
done
echo

echo "== whole process, $runs runs each =="
if command -v hyperfine >/dev/null; then
    cmds=("$bin validate /messages/send $file --format json")
    command -v jq >/dev/null && cmds+=("jq empty $file")
    hyperfine -N --warmup 3 --runs "$runs" "${cmds[@]}"
    exit 0
fi

# Without hyperfine: mean wall time of RUNS runs, in milliseconds.
time_it() {
    local start end
    start=$(date +%s%N)
    for _ in $(seq "$runs"); do "$@" >/dev/null || [ $? -eq 1 ]; done
    end=$(date +%s%N)
    echo "scale=2; ($end - $start) / $runs / 1000000" | bc
}
printf 'brazen validate: %s ms\n' "$(time_it "$bin" validate /messages/send "$file" --format json)"
if command -v jq >/dev/null; then
    printf 'jq empty:        %s ms\n' "$(time_it jq empty "$file")"
fi
