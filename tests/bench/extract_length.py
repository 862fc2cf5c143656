#!/usr/bin/env python3
"""Helpers of extract_length.sh. Standard library only.

    extract_length.py make CORPUS.jsonl OUTDIR VOLUME FACTOR [FACTOR ...]
    extract_length.py time RUNS COMMAND [ARG ...]

`make` writes OUTDIR/xFACTOR.jsonl: the same VOA story texts joined into
articles of FACTOR stories each, so every file holds the same text and only
the article length changes. VOLUME is the number of stories' worth of text
in each file (stories are reused in order when the corpus has fewer).

`time` runs COMMAND (stdout and stderr discarded) RUNS times and prints the
best wall-clock seconds and the best CPU seconds (user + system) of a run:
on a shared machine CPU time is the steadier figure.
"""
import json
import os
import resource
import subprocess
import sys
import time


def time_runs(runs, command):
    best_wall = best_cpu = float("inf")
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        best_wall, best_cpu = min(best_wall, wall), min(best_cpu, cpu)
    print(f"{best_wall:.3f} {best_cpu:.3f}")


def main():
    if sys.argv[1] == "time":
        time_runs(int(sys.argv[2]), sys.argv[3:])
        return
    corpus, outdir, volume = sys.argv[2], sys.argv[3], int(sys.argv[4])
    factors = [int(f) for f in sys.argv[5:]]
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
