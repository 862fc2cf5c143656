#!/usr/bin/env python3
"""Writes N copies of a JSON Lines corpus with fresh ids: a volume test.

    copies.py N CORPUS.jsonl [--spread] > out.jsonl

Each copy k gives every record the id "{id}-x{k}". With --spread, copy k
is also published k days later (counting from the record's own date), so
relative dates ("on Friday", "last week") resolve to other days and the
copies do not all report the same incidents: a stand-in for a large,
varied corpus. Standard library only.
"""
import datetime
import json
import sys


def shifted(published, days):
    try:
        d = datetime.date.fromisoformat(published[:10])
    except (TypeError, ValueError):
        return published
    return (d + datetime.timedelta(days=days)).isoformat()


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    spread = "--spread" in sys.argv
    n, path = int(args[0]), args[1]
    records = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    out = sys.stdout
    for k in range(n):
        for r in records:
            c = dict(r)
            c["id"] = f"{r['id']}-x{k}"
            if spread and k:
                c["published"] = shifted(r.get("published"), k)
            out.write(json.dumps(c, ensure_ascii=False))
            out.write("\n")


if __name__ == "__main__":
    main()
