#!/usr/bin/env bash
# GNU parallel: `parallel --pipe -k` cuts the stream into blocks at line ends and runs one
# `newsclean stream` per block; with -k the outputs come back in block order. The stream contract
# (one line out per line in, output of a line with an id independent of where it falls) means the
# result must be byte-identical to one process over the whole stream. This checks that on the
# fixtures (topped up with made-up dumps, see make_corpus.py), on this machine, and through
# parallel's --sshlogin code path with `:` (parallel's name for the local machine, so no ssh
# server is needed; real hosts differ only in the login string).
#
# Usage: tests/engines/parallel.sh   (NEWSCLEAN=path/to/newsclean to skip the build)
# Skips with a message when GNU parallel is missing, except under CI, where that is a failure.
set -euo pipefail
cd "$(dirname "$0")/../.."

. tests/engines/lib.sh
require parallel.sh parallel "apt-get install parallel"
newsclean_binary

python3 tests/engines/make_corpus.py dumps "$work/dumps" --fixtures fixtures --count 300
python3 tests/engines/make_corpus.py jsonl "$work/dumps" > "$work/in.jsonl"
lines_in=$(wc -l < "$work/in.jsonl")

# One process: the reference.
"$NEWSCLEAN" stream -j1 < "$work/in.jsonl" > "$work/one.jsonl"

fail=0
check() { # name, output file, joblog
    local name="$1" out="$2" joblog="$3"
    local lines_out jobs
    lines_out=$(wc -l < "$out")
    jobs=$(($(wc -l < "$joblog") - 1))
    if [ "$jobs" -lt 2 ]; then
        echo "parallel.sh: $name: only $jobs job(s); the corpus is too small to test splitting" >&2
        fail=1
    elif [ "$lines_out" -ne "$lines_in" ]; then
        echo "parallel.sh: $name: $lines_in lines in, $lines_out lines out" >&2
        fail=1
    elif ! cmp -s "$work/one.jsonl" "$out"; then
        echo "parallel.sh: $name: output differs from one process:" >&2
        diff <(cut -c1-200 "$work/one.jsonl") <(cut -c1-200 "$out") | head -20 >&2 || true
        fail=1
    elif awk -F'\t' 'NR > 1 && $7 != 0 { bad = 1 } END { exit !bad }' "$joblog"; then
        echo "parallel.sh: $name: a job exited non-zero:" >&2
        cat "$joblog" >&2
        fail=1
    else
        echo "parallel.sh: $name: ok ($lines_in lines, $jobs jobs, byte-identical)"
    fi
}

# -j1 inside each process: parallel already runs one process per core.
parallel --will-cite --pipe -k --block 20k -j2 --joblog "$work/local.log" \
    "$NEWSCLEAN" stream -j1 < "$work/in.jsonl" > "$work/local.jsonl"
check "local, --block 20k" "$work/local.jsonl" "$work/local.log"

parallel --will-cite --pipe -k --block 20k --sshlogin 2/: --joblog "$work/ssh.log" \
    "$NEWSCLEAN" stream -j1 < "$work/in.jsonl" > "$work/ssh.jsonl"
check "--sshlogin 2/:" "$work/ssh.jsonl" "$work/ssh.log"

errors=$(grep -c '"status":"error"' "$work/one.jsonl" || true)
if [ "$errors" -lt 2 ]; then
    echo "parallel.sh: expected the corpus's bad dumps to give error records, found $errors" >&2
    fail=1
fi

if [ "$fail" -ne 0 ]; then
    echo "parallel.sh: 0 passed, 1 failed"
    exit 1
fi
echo "parallel.sh: 1 passed, 0 failed"
