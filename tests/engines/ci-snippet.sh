#!/usr/bin/env bash
# The engine tests, for .ci/run: paste the lines below `---8<---` into it (after the cd), or run
# this file as it is. CI runs as root on a fresh machine, so it installs what the tests need:
# GNU parallel, and Java only if the machine lacks it (Spark needs 17+). PySpark comes from PyPI
# inside examples/spark/test.sh. Adds about a minute: ~40 s pip install, ~20 s Spark, ~5 s parallel.
set -euo pipefail
cd "$(dirname "$0")/../.."
# ---8<---
echo "--- engines: tools"
if ! command -v parallel >/dev/null 2>&1 || ! command -v java >/dev/null 2>&1; then
    apt-get update -qq
    command -v parallel >/dev/null 2>&1 || apt-get install -y -qq parallel >/dev/null
    command -v java >/dev/null 2>&1 || apt-get install -y -qq openjdk-17-jre-headless >/dev/null
fi
cargo build --quiet --locked --bin newsclean
export NEWSCLEAN="$PWD/target/debug/newsclean"

echo "--- engines: GNU parallel --pipe -k (tests/engines/parallel.sh)"
bash tests/engines/parallel.sh

echo "--- engines: Spark rdd.pipe, local[2] (examples/spark/test.sh)"
bash examples/spark/test.sh
