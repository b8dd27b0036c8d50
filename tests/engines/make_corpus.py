#!/usr/bin/env python3
"""Build the inputs the engine tests run newsclean on: a folder of dumps, and the same as JSON Lines.

    make_corpus.py dumps OUT [--fixtures DIR] [--count N]   copy DIR's *.txt, top up with made-up dumps
    make_corpus.py jsonl DIR                                 {"id": relative path, "text": dump} lines

The engines split their input by size (GNU parallel's --block, Spark's partitions), so a test is
only meaningful when there are enough dumps to make several pieces: the fixtures are used as they
are, and made-up dumps in the layouts of FORMATS.md (compact, logo, plain, crawler prefix, captions,
sign-offs, cut-off endings) fill the folder up to --count. Two deliberately bad dumps (empty and
blank) check that error records survive the trip too. Everything is seeded: same corpus every run.

A fixture that is not valid UTF-8 is left out: a JSON string cannot carry its bytes, so its trip
through stream is lossy by design and would not compare with `parse FILE`.
"""

import argparse
import json
import os
import random
import shutil
import sys

PLACES = ["KUALA LUMPUR", "GEORGE TOWN", "KOTA KINABALU", "IPOH", "BUSAN, South Korea",
          "LONDON/PARIS", "TOKYO", "SINGAPORE", "JOHOR BAHRU", "KUCHING"]
OUTLETS = ["The Star", "Malay Mail", "New Straits Times", "Free Malaysia Today", "CNA",
           "Kyodo News", "Borneo Post", "Sinar Daily"]
AGES = ["11 minutes ago", "an hour ago", "3 hours ago", "a day ago", "5 days ago", "14-02-2025"]
AGENCIES = ["Reuters", "Bernama", "AFP", "BERNAMA-KYODO"]
SUBJECTS = ["The minister", "State officials", "Residents", "The council", "Police",
            "Traders", "The company", "Engineers", "Teachers", "Health workers"]
VERBS = ["said", "warned", "confirmed", "announced", "expected", "denied", "welcomed"]
OBJECTS = ["the new bridge would open before the monsoon season",
           "prices of cooking oil had risen for a third month",
           "a flood warning remained in force along the river",
           "the budget for rural schools would double next year",
           "two suspects had been detained for questioning",
           "the ferry service would resume on Monday",
           "talks with the union were making progress",
           "the café on Jalan Ampang would reopen “within weeks”"]
HEADLINES = ["Bridge to open before monsoon, says minister", "Cooking oil prices rise again",
             "Flood warning stays for river towns", "Rural school budget to double",
             "Two held over warehouse fire", "Ferry service resumes Monday",
             "‘Stay calm': minister urges traders", "Union talks make progress [WATCH]"]


def sentence(rng):
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}."


def paragraph(rng):
    return " ".join(sentence(rng) for _ in range(rng.randint(1, 3)))


def made_up_dump(rng, n):
    headline = f"{rng.choice(HEADLINES)} ({n})"
    body = [paragraph(rng) for _ in range(rng.randint(2, 8))]
    body[0] = f"{rng.choice(PLACES)}: {body[0]}"
    if rng.random() < 0.3:
        body.append(f"— {rng.choice(AGENCIES)}")
    layout = rng.choice(["compact", "logo", "plain", "crawler"])
    if layout == "compact":
        text = "\n" + headline + "\n" + "\n".join(body) + "\n"
    elif layout == "logo":
        stamp = rng.choice(OUTLETS) + rng.choice(AGES)
        caption = "A view of the site on Tuesday. (EPA Images pic)"
        text = ("logo\n" + headline + "\n\n" + headline + "\n\n" + stamp + "\n\n"
                + caption + "\n\n" + "\n\n".join(body) + "\n")
    elif layout == "plain":
        text = headline + "\n" + "\n".join(body) + "\n"
    else:
        text = " date 2025-03-14 " + headline + "\n\n" + "\n\n".join(body) + "\n"
    if rng.random() < 0.15:
        # A scraper's cut: the dump ends mid-word.
        text = text.rstrip("\n")
        text = text[: max(len(text) - rng.randint(5, 40), len(text) // 2)]
    return text


def make_dumps(out, fixtures, count):
    os.makedirs(out, exist_ok=True)
    have = 0
    if fixtures and os.path.isdir(fixtures):
        for root, dirs, files in os.walk(fixtures):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if not name.endswith(".txt") or name.startswith("."):
                    continue
                src = os.path.join(root, name)
                with open(src, "rb") as f:
                    data = f.read()
                try:
                    data.decode("utf-8")
                except UnicodeDecodeError:
                    print(f"make_corpus: {src}: not valid UTF-8, left out", file=sys.stderr)
                    continue
                dst = os.path.join(out, "fixtures", os.path.relpath(src, fixtures))
                os.makedirs(os.path.dirname(dst), exist_ok=True)
                shutil.copyfile(src, dst)
                have += 1
    rng = random.Random(20250314)
    made = os.path.join(out, "made-up")
    os.makedirs(made, exist_ok=True)
    # The bad ones come first so that they are always there, whatever --count.
    bad = {"bad-empty.txt": "", "bad-blank.txt": "  \n\t\n"}
    for name, text in bad.items():
        with open(os.path.join(made, name), "w", encoding="utf-8") as f:
            f.write(text)
    have += len(bad)
    n = 0
    while have < count:
        n += 1
        with open(os.path.join(made, f"dump-{n:04}.txt"), "w", encoding="utf-8", newline="") as f:
            f.write(made_up_dump(rng, n))
        have += 1


def write_jsonl(folder):
    paths = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        paths += [os.path.join(root, n) for n in files if n.endswith(".txt")]
    out = sys.stdout
    for path in sorted(paths):
        with open(path, encoding="utf-8", newline="") as f:
            text = f.read()
        rel = os.path.relpath(path, folder)
        out.write(json.dumps({"id": rel, "text": text, "source": "make_corpus"},
                             ensure_ascii=False) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dumps")
    d.add_argument("out")
    d.add_argument("--fixtures", default="fixtures")
    d.add_argument("--count", type=int, default=300)
    j = sub.add_parser("jsonl")
    j.add_argument("folder")
    args = ap.parse_args()
    if args.cmd == "dumps":
        make_dumps(args.out, args.fixtures, args.count)
    else:
        write_jsonl(args.folder)


if __name__ == "__main__":
    main()
