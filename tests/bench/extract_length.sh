#!/usr/bin/env bash
# Benchmark: extraction time against article length. VOA stories are joined
# into articles of 1x, 4x, 16x and 64x a story's length, at the same total
# volume of text, and `diplograph extract` runs over each file on one core.
# Extraction is linear when the per-byte time stays flat (target: 64x within
# 1.5x of 1x).
#   bash tests/bench/extract_length.sh
#   FACTORS="1 4 16 64 128" VOLUME=128 bash tests/bench/extract_length.sh
#   DIPLOGRAPH=/path/to/diplograph RUNS=5 bash tests/bench/extract_length.sh
# Prints, per factor: articles, bytes, best-of-RUNS seconds, MB/s, the
# per-byte time relative to 1x, and the same net of start-up (the time of a
# run over one short article).
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${DIPLOGRAPH:-target/release/diplograph}
corpus=${CORPUS:-../shared/corpus/voa_stories.jsonl}
factors=${FACTORS:-1 4 16 64}
volume=${VOLUME:-128}
runs=${RUNS:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 tests/bench/extract_length.py "$corpus" "$work" "$volume" $factors 1
head -n 1 "$work/x1.jsonl" > "$work/startup.jsonl"
one_core=()
if command -v taskset > /dev/null; then
  one_core=(taskset -c 0)
else
  echo "(taskset not found: RAYON_NUM_THREADS=1 only)"
fi
# Best wall-clock seconds of $runs runs of `extract FILE`.
best_of() {
  local best="" t0 t1
  for _ in $(seq "$runs"); do
    t0=$(date +%s.%N)
    RAYON_NUM_THREADS=1 "${one_core[@]}" "$bin" extract "$1" > /dev/null 2> "$work/stderr"
    t1=$(date +%s.%N)
    best=$(python3 -c "import sys; a, b, *c = map(float, sys.argv[1:]); print(f'{min([b - a, *c]):.3f}')" "$t0" "$t1" $best)
  done
  echo "$best"
}
startup=$(best_of "$work/startup.jsonl")
echo "binary: $bin; $runs runs each, best; one core; start-up ${startup} s"
printf '%-7s %8s %10s %8s %8s %9s %9s\n' factor articles bytes seconds MB/s per-byte net/byte
base=""
for f in $factors; do
  file="$work/x$f.jsonl"
  bytes=$(python3 -c "import json,sys; print(sum(len(json.loads(l)['text'].encode()) for l in open(sys.argv[1])))" "$file")
  articles=$(wc -l < "$file")
  secs=$(best_of "$file")
  read -r mbs ratio net base <<< "$(python3 - "$secs" "$bytes" "$startup" "$base" <<'PY'
import sys
secs, size, startup = float(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
base = sys.argv[4] if len(sys.argv) > 4 else ""
per = secs / size
net = max(secs - startup, 1e-9) / size
b_per, b_net = (float(x) for x in base.split(",")) if base else (per, net)
print(f"{size / secs / 1e6:.2f} {per / b_per:.2f} {net / b_net:.2f} {b_per},{b_net}")
PY
)"
  printf '%-7s %8s %10s %8s %8s %8sx %8sx\n' "${f}x" "$articles" "$bytes" "$secs" "$mbs" "$ratio" "$net"
done
