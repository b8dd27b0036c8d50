#!/usr/bin/env python3
"""Clean a folder of news dumps (or a JSON Lines file) on Apache Spark with `newsclean stream`.

    python newsclean_spark.py DUMPS_DIR OUT            # OUT: a folder of part files (saveAsTextFile)
    python newsclean_spark.py DUMPS_DIR OUT.jsonl --single-file
    python newsclean_spark.py --jsonl IN.jsonl OUT     # lines already {"id": ..., "text": ...}
    spark-submit newsclean_spark.py ...                # on a cluster: same arguments

Each dump becomes one stream line `{"id": "<its path>", "text": "<the dump>"}`; each partition is
piped through one `newsclean stream` process with `rdd.pipe`, which writes the partition's lines to
the process and reads back exactly one line per line, in order: the record, with `id`, `status`
("ok" or "error") and `error`. A bad dump is an error record, not a failed task: stream exits 0
whatever the data, so `checkCode=True` only fails a task when the process itself broke.

newsclean must exist on every executor: install it on each node (the default command is
`newsclean`, found on PATH), or ship it with `spark-submit --files /path/to/newsclean` and pass
`--newsclean ./newsclean` (YARN and Kubernetes put shipped files in the task's working folder).
Spark already runs one task per core, so each process gets `-j1` unless --jobs says otherwise.

Read the result back with `spark.read.json(OUT)`: every line has the same four trailing keys
(`error` is null on ok lines), so Spark infers one schema.
"""

import argparse
import json
import os
import shlex
import sys

from pyspark.sql import SparkSession


def parse_args(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("input", help="a folder of *.txt dumps (searched recursively), or with "
                    "--jsonl a JSON Lines file of stream input lines")
    ap.add_argument("output", help="output folder (part files), or one .jsonl file with "
                    "--single-file")
    ap.add_argument("--jsonl", action="store_true",
                    help="INPUT is already JSON Lines ({\"id\", \"text\", ...} per line)")
    ap.add_argument("--single-file", action="store_true",
                    help="write one JSON Lines file on the driver instead of part files")
    ap.add_argument("--newsclean", default="newsclean",
                    help="the newsclean command on the executors (default: newsclean on PATH)")
    ap.add_argument("--jobs", type=int, default=1,
                    help="threads inside each newsclean process (default 1: Spark already "
                    "runs a task per core)")
    ap.add_argument("--rules", help="a rules file, at the same path on every executor")
    ap.add_argument("--partitions", type=int, default=0,
                    help="minimum number of partitions (default: Spark's choice)")
    ap.add_argument("--master", help="e.g. local[2]; default: whatever spark-submit says")
    return ap.parse_args(argv)


def stream_line(path_and_text):
    path, text = path_and_text
    # json.dumps escapes newlines, so a whole dump is one line, as stream and rdd.pipe need.
    return json.dumps({"id": path, "text": text})


def main(argv):
    args = parse_args(argv)
    builder = SparkSession.builder.appName("newsclean")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel("ERROR")

    min_partitions = args.partitions or None
    if args.jsonl:
        lines = sc.textFile(args.input, minPartitions=min_partitions)
    else:
        # wholeTextFiles reads one folder level unless Hadoop is told to recurse.
        sc._jsc.hadoopConfiguration().set(
            "mapreduce.input.fileinputformat.input.dir.recursive", "true")
        dumps = sc.wholeTextFiles(args.input, minPartitions=min_partitions)
        lines = dumps.filter(lambda pt: pt[0].endswith(".txt")).map(stream_line)

    command = [args.newsclean, "stream", "-j", str(args.jobs)]
    if args.rules:
        command += ["--rules", args.rules]
    records = lines.pipe(shlex.join(command), checkCode=True)

    if args.single_file:
        # toLocalIterator pulls one partition at a time: the driver never holds them all.
        tmp = args.output + ".tmp"
        with open(tmp, "w", encoding="utf-8") as out:
            for record in records.toLocalIterator():
                out.write(record + "\n")
        os.replace(tmp, args.output)
    else:
        records.saveAsTextFile(args.output)
    spark.stop()


if __name__ == "__main__":
    main(sys.argv[1:])
