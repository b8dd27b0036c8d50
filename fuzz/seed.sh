#!/usr/bin/env bash
# Seeds the fuzz corpus (fuzz/corpus/parse, not committed) with the golden fixtures, so libFuzzer
# starts from real layouts instead of from nothing. Run from anywhere; safe to re-run.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
mkdir -p "$root/fuzz/corpus/parse"
cp "$root"/fixtures/*.txt "$root/fuzz/corpus/parse/"
echo "seeded $(ls "$root/fuzz/corpus/parse" | wc -l) files into fuzz/corpus/parse"
