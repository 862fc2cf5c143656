#!/usr/bin/env bash
# Benchmark: time and peak memory of `diplograph dot` on a store of about
# 100,000 events (25,000 synthetic articles of four events each).
#   bash tests/bench/dot_100k.sh [ARTICLES]
# STORE=DIR reuses (or keeps) a store instead of a temporary one.
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-25000}
bin=${DIPLOGRAPH:-target/release/diplograph}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
store=${STORE:-$work/store}
if [ ! -d "$store" ]; then
  python3 tests/bench/synthetic.py "$n" > "$work/articles.jsonl"
  /usr/bin/time -f "ingest: %e s, peak %M KB" "$bin" ingest --quiet --store "$store" "$work/articles.jsonl"
fi
events=$("$bin" query --store "$store" by-category --format csv | awk -F, 'NR>1 {s+=$2} END {print s}')
echo "events in store: $events"
for view in relations events; do
  /usr/bin/time -f "dot $view: %e s, peak %M KB" "$bin" dot --store "$store" "$view" --output "$work/$view.dot"
done
/usr/bin/time -f "analyze: %e s, peak %M KB" "$bin" analyze --store "$store" --format json > /dev/null
