#!/usr/bin/env python3
"""Writes the inputs of extract_length.sh: the same VOA story texts joined
into articles of 1, 4, 16, ... stories each, so every file holds the same
text and only the article length changes.

    extract_length.py CORPUS.jsonl OUTDIR VOLUME FACTOR [FACTOR ...]

VOLUME is the number of stories' worth of text in each file (stories are
reused in order when the corpus has fewer). Standard library only.
"""
import json
import sys


def main():
    corpus, outdir, volume = sys.argv[1], sys.argv[2], int(sys.argv[3])
    factors = [int(f) for f in sys.argv[4:]]
    stories = [json.loads(line) for line in open(corpus, encoding="utf-8") if line.strip()]
    stories = [s for s in stories if s.get("text")]
    picked = [stories[i % len(stories)] for i in range(volume)]
    for factor in factors:
        with open(f"{outdir}/x{factor}.jsonl", "w", encoding="utf-8") as f:
            for n, first in enumerate(range(0, volume, factor)):
                group = picked[first : first + factor]
                record = {
                    "id": f"len{factor}-{n}",
                    "title": group[0].get("title"),
                    "published": group[0].get("published"),
                    "text": "\n\n".join(s["text"] for s in group),
                }
                f.write(json.dumps(record) + "\n")


if __name__ == "__main__":
    main()
