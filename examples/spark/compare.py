#!/usr/bin/env python3
"""Check Spark's records against `newsclean parse -c FILE`, dump by dump.

    compare.py NEWSCLEAN DUMPS_DIR SPARK_OUTPUT.jsonl

`parse -c FILE` is the reference: by definition it is what `batch --jsonl` writes for that file,
and what `stream` must make of the same text. For each *.txt under DUMPS_DIR, the Spark record with
that path as its id must exist exactly once and
- if parse accepted the file: have status "ok", error null, and, once `id`, `status`, `error` and
  `metadata` are removed, equal parse's record with `input` set to the id, key order included;
- if parse refused it: have status "error" and parse's reason (`newsclean: PATH: <reason>`).
No record may name a path that is not a dump. Ends with `N passed, M failed`.
"""

import json
import os
import subprocess
import sys
from urllib.parse import unquote, urlparse

STREAM_KEYS = ["id", "status", "error", "metadata"]


def local_path(spark_id):
    # wholeTextFiles names files by URI: file:/tmp/x/a.txt (percent-encoded where needed).
    if spark_id.startswith("file:"):
        return unquote(urlparse(spark_id).path)
    return spark_id


def reference(newsclean, path):
    """parse's record for one file as (True, record) or its refusal as (False, reason)."""
    run = subprocess.run([newsclean, "parse", "-c", path], capture_output=True)
    if run.returncode == 0:
        return True, json.loads(run.stdout)
    prefix = f"newsclean: {path}: "
    err = run.stderr.decode("utf-8", "replace").strip()
    if run.returncode == 1 and err.startswith(prefix):
        return False, err[len(prefix):]
    raise SystemExit(f"compare: parse {path}: exit {run.returncode}: {err}")


def main(newsclean, folder, spark_out):
    folder = os.path.realpath(folder)
    dumps = sorted(
        os.path.join(root, n)
        for root, _, files in os.walk(folder)
        for n in files
        if n.endswith(".txt")
    )
    got = {}
    failures = []
    with open(spark_out, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            record = json.loads(line)
            path = os.path.realpath(local_path(record["id"]))
            if path in got:
                failures.append(f"{path}: more than one record")
            got[path] = record
    passed = 0
    for path in dumps:
        record = got.pop(path, None)
        if record is None:
            failures.append(f"{path}: no record from spark")
            continue
        ok, expected = reference(newsclean, path)
        if ok:
            if record["status"] != "ok" or record["error"] is not None:
                failures.append(f"{path}: spark says {record['status']}: {record['error']}")
                continue
            trimmed = {k: v for k, v in record.items() if k not in STREAM_KEYS}
            expected["input"] = record["id"]
            if list(trimmed.items()) != list(expected.items()):
                diff = [k for k in set(trimmed) | set(expected)
                        if trimmed.get(k) != expected.get(k)]
                failures.append(f"{path}: records differ in {sorted(diff) or 'key order'}")
                continue
        else:
            if record["status"] != "error" or record["error"] != expected:
                failures.append(
                    f"{path}: parse refused it ({expected}); spark says "
                    f"{record['status']}: {record['error']}")
                continue
        passed += 1
    for path in got:
        failures.append(f"{path}: a record for something that is not a dump")
    for f in failures:
        print(f"compare: {f}", file=sys.stderr)
    print(f"spark: {passed} passed, {len(failures)} failed")
    return 1 if failures or passed == 0 else 0


if __name__ == "__main__":
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    sys.exit(main(*sys.argv[1:]))
