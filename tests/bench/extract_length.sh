#!/usr/bin/env bash
# Benchmark: extraction time against article length. VOA stories are joined
# into articles of 1x, 4x, 16x and 64x a story's length, at the same total
# volume of text, and `diplograph extract` runs over each file on one core.
# Extraction is linear when the per-byte time stays flat (target: 64x within
# 1.5x of 1x).
#   bash tests/bench/extract_length.sh
#   FACTORS="1 4 16 64 128" VOLUME=128 bash tests/bench/extract_length.sh
#   DIPLOGRAPH=/path/to/diplograph RUNS=5 bash tests/bench/extract_length.sh
# Prints, per factor: articles, bytes, best-of-RUNS seconds, MB/s and the
# per-byte time relative to 1x, by wall clock and by CPU time (the steadier
# figure on a shared machine), plus the start-up time (one short article).
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${DIPLOGRAPH:-target/release/diplograph}
corpus=${CORPUS:-../shared/corpus/voa_stories.jsonl}
factors=${FACTORS:-1 4 16 64}
volume=${VOLUME:-128}
runs=${RUNS:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 tests/bench/extract_length.py make "$corpus" "$work" "$volume" $factors 1
head -n 1 "$work/x1.jsonl" > "$work/startup.jsonl"
one_core=()
if command -v taskset > /dev/null; then
  one_core=(taskset -c 0)
else
  echo "(taskset not found: RAYON_NUM_THREADS=1 only)"
fi
# "wall cpu": best seconds of $runs runs of `extract FILE` on one core.
best_of() {
  RAYON_NUM_THREADS=1 python3 tests/bench/extract_length.py time "$runs" "${one_core[@]}" "$bin" extract "$1"
}
read -r startup startup_cpu <<< "$(best_of "$work/startup.jsonl")"
echo "binary: $bin; best of $runs runs; one core; start-up ${startup} s wall, ${startup_cpu} s CPU"
echo "MB/s and per-byte time relative to 1x, by wall-clock and by CPU time (user + system)"
printf '%-7s %8s %10s %8s %8s %9s %8s %8s %9s\n' factor articles bytes wall-s MB/s per-byte cpu-s MB/s per-byte
base=""
for f in $factors; do
  file="$work/x$f.jsonl"
  bytes=$(python3 -c "import json,sys; print(sum(len(json.loads(l)['text'].encode()) for l in open(sys.argv[1])))" "$file")
  articles=$(wc -l < "$file")
  read -r wall cpu <<< "$(best_of "$file")"
  read -r wall_mbs wall_ratio cpu_mbs cpu_ratio base <<< "$(python3 - "$bytes" "$wall" "$cpu" "$base" <<'PY'
import sys
size, wall, cpu = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
base = sys.argv[4] if len(sys.argv) > 4 and sys.argv[4] else f"{wall / size},{cpu / size}"
b_wall, b_cpu = (float(x) for x in base.split(","))
print(f"{size / wall / 1e6:.2f} {wall / size / b_wall:.2f} {size / cpu / 1e6:.2f} {cpu / size / b_cpu:.2f} {base}")
PY
)"
  printf '%-7s %8s %10s %8s %8s %8sx %8s %8s %8sx\n' "${f}x" "$articles" "$bytes" "$wall" "$wall_mbs" "$wall_ratio" "$cpu" "$cpu_mbs" "$cpu_ratio"
done
