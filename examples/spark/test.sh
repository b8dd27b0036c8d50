#!/usr/bin/env bash
# Runs newsclean_spark.py on a real (local-mode) Spark and checks its records dump by dump against
# `newsclean parse -c FILE`, the reference `batch --jsonl` is defined by (see compare.py).
#
# Needs python3 (with venv) and Java 17+. PySpark comes from PyPI into a venv that is kept between
# runs (SPARK_VENV, default target/spark-venv). About a minute on a fresh machine: ~40 s of pip
# install, ~30 s of Spark. NEWSCLEAN=path/to/newsclean skips the build.
set -euo pipefail
cd "$(dirname "$0")/../.."

PYSPARK_VERSION="${PYSPARK_VERSION:-4.3.0}"
venv="${SPARK_VENV:-target/spark-venv}"

. tests/engines/lib.sh
require spark/test.sh java "Spark needs Java 17 or later: openjdk-17-jre-headless"

if ! "$venv/bin/python" -c "import pyspark, sys; sys.exit(pyspark.__version__ != '$PYSPARK_VERSION')" 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "pyspark==$PYSPARK_VERSION"
fi

newsclean_binary
python3 tests/engines/make_corpus.py dumps "$work/dumps" --fixtures fixtures --count 120

# Spark's own Python must be the venv's, on the driver and in the (local) workers alike.
export PYSPARK_PYTHON="$PWD/$venv/bin/python" PYSPARK_DRIVER_PYTHON="$PWD/$venv/bin/python"
if ! "$venv/bin/python" examples/spark/newsclean_spark.py --master 'local[2]' --partitions 4 \
    --newsclean "$NEWSCLEAN" --single-file "$work/dumps" "$work/records.jsonl" \
    > "$work/spark.log" 2>&1; then
    echo "spark/test.sh: the Spark job failed:" >&2
    tail -40 "$work/spark.log" >&2
    exit 1
fi

"$venv/bin/python" examples/spark/compare.py "$NEWSCLEAN" "$work/dumps" "$work/records.jsonl"
