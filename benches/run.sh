#!/usr/bin/env bash
# benches/run.sh: end-to-end throughput, scaling, start-up and memory of the newsclean binary.
#
# What it measures, on a generated corpus of COUNT dumps (default 30,000, about 50 MB) made from
# fixtures/*.txt with small deterministic variations (benches/gen_corpus.py) in nested folders:
#   - the floor: `wc -w` over the same files (find | xargs cat | wc -w: walk, read, count words);
#   - `newsclean batch DIR --jsonl FILE` with -j1 and -j2 (walk, read, parse, write JSON Lines);
#   - `newsclean parse` of one typical dump (the median-sized fixture), start-up included;
#   - peak resident memory of `batch -j2` on the first 10,000 dumps and on the whole corpus.
# How: one warm-up run per command so the page cache holds the corpus for every timed run. The
# three corpus-wide commands then run in RUNS rounds (default 7) of wc, -j1, -j2, timed with
# `date +%s.%N`: a slow spell on a shared machine hits all three of a round alike, and each
# ratio is the median of the ratios within rounds. `parse` is timed by hyperfine -N (installed
# with apt-get when missing and we are root; otherwise a bash loop) over PARSE_RUNS runs
# (default 100). Times reported are medians. Peak memory comes
# from GNU time's %M (`/usr/bin/time`, package `time`). The -j1 and -j2 outputs are compared
# byte for byte, since SPEC promises the same bytes whatever the thread count.
# Targets (issue 7): batch -j1 within 3x of wc -w; -j2 at least 1.6x faster than -j1; peak
# memory under 150 MB and flat (30k within 20% of 10k); parse of one dump under 5 ms wall.
#
# Usage: benches/run.sh            (env: COUNT=30000 RUNS=7 PARSE_RUNS=100)
# Generated data lives under target/bench-corpus (gitignored) and is reused while the generator,
# the fixtures and COUNT are unchanged. Timings are wall-clock: on a machine shared with other
# builds they are noisy, so compare runs made under the same load.

set -euo pipefail

cd "$(dirname "$0")/.."
COUNT=${COUNT:-30000}
RUNS=${RUNS:-7}
PARSE_RUNS=${PARSE_RUNS:-100}
WORK=target/bench-corpus
CORPUS=$WORK/corpus
OUT=$WORK/out
BIN=target/release/newsclean
export LC_ALL=C # wc -w counts bytes-delimited words fastest here: the floor is the lowest one

log() { printf '%s\n' "== $*" >&2; }

# --- tools -----------------------------------------------------------------------------------
if ! command -v hyperfine >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "installing hyperfine"
    apt-get install -y -qq hyperfine >/dev/null 2>&1 ||
        { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq hyperfine >/dev/null 2>&1; } ||
        log "no hyperfine; timing with a bash loop"
fi
if [ ! -x /usr/bin/time ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "installing GNU time"
    apt-get install -y -qq time >/dev/null 2>&1 ||
        { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq time >/dev/null 2>&1; } || true
fi
[ -x /usr/bin/time ] || { echo "benches/run.sh: /usr/bin/time (package time) is needed" >&2; exit 2; }

# --- corpus ----------------------------------------------------------------------------------
stamp="$COUNT $(cat benches/gen_corpus.py fixtures/*.txt | cksum)"
if [ "$(cat "$WORK/stamp" 2>/dev/null)" != "$stamp" ]; then
    log "generating $COUNT dumps in $CORPUS"
    rm -rf "$CORPUS" "$WORK/stamp"
    mkdir -p "$CORPUS"
    python3 benches/gen_corpus.py fixtures "$CORPUS" "$COUNT"
    echo "$stamp" >"$WORK/stamp"
fi
rm -rf "$OUT"
mkdir -p "$OUT"
SMALL=$CORPUS/part-0 # the first 10,000 dumps (or all of them when COUNT is smaller)
n_all=$(find "$CORPUS" -name '*.txt' | wc -l)
n_small=$(find "$SMALL" -name '*.txt' | wc -l)
bytes=$(find "$CORPUS" -name '*.txt' -print0 | xargs -0 cat | wc -c)
# The median-sized fixture, as benches/parse.rs calls "typical".
TYPICAL=$(wc -c fixtures/*.txt | grep -v ' total$' | sort -n -k1,1 -k2,2 |
    awk '{ n[NR] = $2 } END { print n[int(NR / 2) + 1] }')

# --- build -----------------------------------------------------------------------------------
log "cargo build --release"
cargo build --release --quiet

# --- timing ----------------------------------------------------------------------------------
# seconds CMD: the wall seconds CMD took, its output discarded.
seconds() {
    local t0 t1
    t0=$(date +%s.%N)
    bash -c "$1" >/dev/null 2>&1
    t1=$(date +%s.%N)
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f\n", b - a }'
}

declare -A CMD=(
    [wc]="find $CORPUS -name '*.txt' -print0 | xargs -0 cat | wc -w"
    [j1]="$BIN batch $CORPUS --jsonl $OUT/j1.jsonl -j1 --no-progress"
    [j2]="$BIN batch $CORPUS --jsonl $OUT/j2.jsonl -j2 --no-progress"
)
log "timing: $RUNS rounds of wc, -j1, -j2 (after one warm-up each)"
for name in wc j1 j2; do
    seconds "${CMD[$name]}" >/dev/null
    : >"$OUT/$name.runs"
done
for ((round = 1; round <= RUNS; round++)); do
    for name in wc j1 j2; do
        seconds "${CMD[$name]}" >>"$OUT/$name.runs"
    done
    log "round $round: wc $(tail -n 1 "$OUT/wc.runs") s, -j1 $(tail -n 1 "$OUT/j1.runs") s, -j2 $(tail -n 1 "$OUT/j2.runs") s"
done

log "timing: parse of one typical dump, $PARSE_RUNS runs"
parse_cmd="$BIN parse --compact $TYPICAL"
if command -v hyperfine >/dev/null; then
    hyperfine -N --warmup 5 --runs "$PARSE_RUNS" --style basic --export-json "$OUT/parse.json" \
        --command-name parse "$parse_cmd" >&2
    python3 -c 'import json,sys; print("\n".join(map(str, json.load(open(sys.argv[1]))["results"][0]["times"])))' \
        "$OUT/parse.json" >"$OUT/parse.runs"
else
    : >"$OUT/parse.runs"
    for ((i = 0; i < PARSE_RUNS; i++)); do seconds "$parse_cmd" >>"$OUT/parse.runs"; done
fi

cmp -s "$OUT/j1.jsonl" "$OUT/j2.jsonl" || { echo "benches/run.sh: -j1 and -j2 outputs differ" >&2; exit 1; }
records=$(wc -l <"$OUT/j1.jsonl")
[ "$records" -eq "$n_all" ] || { echo "benches/run.sh: $records records for $n_all dumps" >&2; exit 1; }

# --- memory ----------------------------------------------------------------------------------
peak_kb() { # peak resident set of `batch -j2` over DIR, in KB
    /usr/bin/time -f '%M' -o "$OUT/time.txt" \
        "$BIN" batch "$1" --jsonl "$OUT/mem.jsonl" -j2 --no-progress 2>/dev/null
    tail -n 1 "$OUT/time.txt"
}
log "peak memory of batch -j2 at $n_small and $n_all dumps"
mem_small=$(peak_kb "$SMALL")
mem_all=$(peak_kb "$CORPUS")

# --- report ----------------------------------------------------------------------------------
python3 - "$OUT" "$bytes" "$n_all" "$n_small" "$mem_small" "$mem_all" "$TYPICAL" <<'EOF'
import os, sys
out, nbytes, n_all, n_small, mem_small, mem_all, typical = sys.argv[1:]
nbytes, n_all, n_small = int(nbytes), int(n_all), int(n_small)
from statistics import median
runs = {k: [float(x) for x in open(os.path.join(out, k + ".runs")).read().split()]
        for k in ("wc", "j1", "j2", "parse")}
sec = {k: median(v) for k, v in runs.items()}
# Ratios within each round (the runs of a round were made back to back), then their median.
floor_ratio = median(j1 / wc for wc, j1 in zip(runs["wc"], runs["j1"]))
speedup = median(j1 / j2 for j1, j2 in zip(runs["j1"], runs["j2"]))
mb_small, mb_all = int(mem_small) / 1024, int(mem_all) / 1024
mb = nbytes / 1e6

print(f"\ncorpus: {n_all:,} dumps, {mb:.1f} MB; typical dump: {os.path.basename(typical)}")
print(f"{'command':<28}{'median s':>10}{'MB/s':>10}{'dumps/s':>10}")
for key, name in (("wc", "wc -w (floor)"), ("j1", "batch --jsonl -j1"), ("j2", "batch --jsonl -j2")):
    s = sec[key]
    print(f"{name:<28}{s:>10.3f}{mb / s:>10.1f}{n_all / s:>10,.0f}")
print(f"{'parse (one typical dump)':<28}{sec['parse']:>10.4f}")

rows = [
    ("batch -j1 / wc -w", floor_ratio, "x", "<= 3.0", floor_ratio <= 3.0),
    ("-j1 / -j2 speed-up", speedup, "x", ">= 1.6", speedup >= 1.6),
    ("parse, wall incl. start-up", sec["parse"] * 1000, "ms", "< 5", sec["parse"] * 1000 < 5),
    (f"peak RSS -j2, {n_small:,} dumps", mb_small, "MB", "< 150", mb_small < 150),
    (f"peak RSS -j2, {n_all:,} dumps", mb_all, "MB", "< 150, flat",
     mb_all < 150 and mb_all <= 1.2 * mb_small),
]
print(f"\n{'target':<30}{'value':>10}  {'goal':<12}met")
for name, value, unit, goal, ok in rows:
    print(f"{name:<30}{value:>8.2f} {unit:<2} {goal:<12}{'yes' if ok else 'NO'}")
missed = sum(not r[4] for r in rows)
print(f"\ntargets: {len(rows) - missed} met, {missed} missed")
EOF
