#!/usr/bin/env python3
"""Generates the benchmark corpus from fixtures/*.txt: N dumps in nested folders.

Each dump is a fixture with small deterministic variations, so that no two files are the same
and the parser cannot be helped by any cache: figures are renumbered (same width, so layouts
keep their shape), body paragraphs are shuffled among themselves, and 0 to 3 paragraphs taken
from other fixtures are spliced into the body. Header lines, chrome and cards stay where they
are, so every layout in fixtures/ is represented in proportion.

Layout: OUT/part-P/FFF/dNNNNN-<fixture>.txt with 10,000 dumps per part and 100 per folder, so
that OUT/part-0 is a 10k corpus and OUT is the whole one (used for the two memory readings).

With --short, the corpus looks like real folders of scrapes rather than like the fixtures: most
stored pages stop near 2 KB, so 85% of the dumps longer than that are cut at a byte count drawn
between 1,800 and 2,200 (mid-word, mid-line, wherever it falls, backed off to a character
boundary), and the rest are kept whole. Per-dump costs (open, read, start of a record, the
writer) then weigh as they do on real folders.

Usage: gen_corpus.py [--short] FIXTURES_DIR OUT_DIR COUNT [SEED]
"""

import os
import random
import re
import sys

PER_PART = 10_000
PER_FOLDER = 100
DIGITS = re.compile(r"\d+")


def is_paragraph(line):
    """A body-looking line: long prose that ends a sentence."""
    t = line.rstrip("\r\n")
    return len(t) > 80 and t[-1:] in ".\"'’”" and " " in t


def renumber(text, shift):
    def repl(m):
        s = m.group(0)
        width = len(s)
        return str((int(s) + shift) % (10**width)).zfill(width)

    return DIGITS.sub(repl, text)


def vary(text, pool, rng):
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.split(newline)
    # Shuffle the paragraphs of the first two thirds of the page (the article, not the cards)
    # among their own positions.
    limit = max(1, len(lines) * 2 // 3)
    slots = [i for i in range(limit) if is_paragraph(lines[i])]
    if len(slots) > 2:
        # The first paragraph usually carries the dateline: keep it first.
        rest = [lines[i] for i in slots[1:]]
        rng.shuffle(rest)
        for i, line in zip(slots[1:], rest):
            lines[i] = line
    # Splice in extra paragraphs after a body paragraph (or at the end of the article part).
    for _ in range(rng.choice((0, 1, 1, 2, 3))):
        extra = rng.choice(pool)
        at = (rng.choice(slots) + 1) if slots else limit
        lines.insert(at, extra)
        slots = [s + 1 if s >= at else s for s in slots]
    out = newline.join(lines)
    return renumber(out, rng.randrange(1, 97)) if rng.random() < 0.9 else out


def cut(data, rng):
    """A real scrape's cut: near 2 KB, at a UTF-8 character boundary."""
    if len(data) <= 2200 or rng.random() >= 0.85:
        return data
    at = rng.randrange(1800, 2201)
    while at > 0 and (data[at] & 0xC0) == 0x80:
        at -= 1
    return data[:at]


def main():
    args = sys.argv[1:]
    short = "--short" in args
    args = [a for a in args if a != "--short"]
    fixtures_dir, out_dir, count = args[0], args[1], int(args[2])
    seed = int(args[3]) if len(args) > 3 else 7
    names = sorted(n for n in os.listdir(fixtures_dir) if n.endswith(".txt"))
    texts = []
    for n in names:
        with open(os.path.join(fixtures_dir, n), encoding="utf-8", errors="surrogateescape", newline="") as f:
            texts.append(f.read())
    pool = [l.rstrip("\r") for t in texts for l in t.split("\n") if is_paragraph(l)]
    rng = random.Random(seed)
    total = 0
    for k in range(count):
        i = k % len(names)
        text = vary(texts[i], pool, rng)
        folder = os.path.join(out_dir, f"part-{k // PER_PART}", f"{(k % PER_PART) // PER_FOLDER:03}")
        if k % PER_FOLDER == 0:
            os.makedirs(folder, exist_ok=True)
        data = text.encode("utf-8", errors="surrogateescape")
        if short:
            data = cut(data, rng)
        with open(os.path.join(folder, f"d{k:05}-{names[i]}"), "wb") as f:
            f.write(data)
        total += len(data)
    print(f"{count} dumps, {total / 1e6:.1f} MB from {len(names)} fixtures", file=sys.stderr)


if __name__ == "__main__":
    main()
