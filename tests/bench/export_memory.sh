#!/usr/bin/env bash
# Benchmark: peak memory of `diplograph export` on the dev set ingested once
# and 100 times (under different ids). Streaming keeps it flat.
#   bash tests/bench/export_memory.sh            # x1 and x100
#   COPIES="1 100 1000" bash tests/bench/export_memory.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${DIPLOGRAPH:-target/release/diplograph}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
copies_list=${COPIES:-1 100}
python3 - "$work" $copies_list <<'PY'
import glob, json, sys
work = sys.argv[1]
docs = [json.load(open(p)) for p in sorted(glob.glob("../shared/eval/dev/*.json"))]
for copies in map(int, sys.argv[2:]):
    with open(f"{work}/dev{copies}.jsonl", "w") as f:
        for c in range(copies):
            for d in docs:
                rec = {k: d[k] for k in ("id", "title", "published", "publisher", "text") if k in d}
                rec["id"] = f"{d['id']}-{c}"
                f.write(json.dumps(rec) + "\n")
PY
for copies in $copies_list; do
  "$bin" ingest --quiet --store "$work/s$copies" "$work/dev$copies.jsonl" 2>&1 | tail -n 1
  for format in nq ttl jsonld; do
    /usr/bin/time -f "export dev x$copies $format: %e s, peak %M KB" "$bin" export --store "$work/s$copies" --format "$format" --output "$work/out.$format"
    echo "  $(wc -c < "$work/out.$format") bytes"
  done
done
