#!/usr/bin/env bash
# Benchmark: every saved query on stores of growing size.
#   bash tests/bench/queries.sh [SIZES]
# SIZES (default "10 100 1124"): copies of the 89 VOA stories in
# ../shared/corpus (x10 = 890 articles, x100 = 8,900, x1124 = 100,036).
# Copies of x10 and x100 keep the stories' dates (so every copy reports the
# same incidents, which then share their nodes); the largest size is spread
# over days (tests/bench/copies.py --spread), a stand-in for a varied corpus.
# For each store: ingest time and peak memory, store size on disk, then the
# median and max of 5 runs of each saved query (result rows discarded).
# STORES=DIR keeps the stores there (and reuses them on the next run).
set -euo pipefail
cd "$(dirname "$0")/../.."
sizes=${SIZES:-${1:-10 100 1124}}
bin=${DIPLOGRAPH:-target/release/diplograph}
corpus=${CORPUS:-../shared/corpus/voa_stories.jsonl}
runs=${RUNS:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
stores=${STORES:-$work}
mkdir -p "$stores"

# Seconds of one run of a command, its output discarded.
seconds() {
  local start end
  start=$(date +%s.%N)
  "$@" > /dev/null
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}

for n in $sizes; do
  store="$stores/voa-x$n"
  if [ ! -d "$store" ]; then
    spread=""
    [ "$n" -gt 100 ] && spread="--spread"
    python3 tests/bench/copies.py "$n" "$corpus" $spread > "$work/corpus.jsonl"
    /usr/bin/time -f "%e %M" -o "$work/ingest.time" \
      "$bin" ingest --quiet --store "$store" "$work/corpus.jsonl"
    read -r secs kb < "$work/ingest.time"
    echo "== VOA x$n: $(wc -l < "$work/corpus.jsonl") articles, $(du -b "$work/corpus.jsonl" | cut -f1) bytes; ingest ${secs} s, peak $((kb / 1024)) MB"
    rm -f "$work/corpus.jsonl"
  else
    echo "== VOA x$n (existing store)"
  fi
  echo "store: $(du -sm "$store" | cut -f1) MB on disk, $("$bin" stats --store "$store" | grep -m1 -i quads || true)"
  event=$("$bin" query --store "$store" events --format csv | awk -F, 'NR==2 {print $6}')
  printf "%-14s %10s %10s %8s\n" query median_ms max_ms rows
  for q in $("$bin" queries | awk '{print $1}'); do
    params=()
    case $q in
      between) params=(--param a=USA --param b=CHN) ;;
      evidence) params=(--param "event=<${event/event:/https://w3id.org/diplograph/id/event/}>") ;;
    esac
    times=()
    for _ in $(seq "$runs"); do
      times+=("$(seconds "$bin" query --store "$store" "$q" "${params[@]}" --format tsv)")
    done
    rows=$("$bin" query --store "$store" "$q" "${params[@]}" --format tsv | tail -n +2 | wc -l)
    stats=$(printf "%s\n" "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%10.0f %10.0f", a[int((NR+1)/2)]*1000, a[NR]*1000}')
    printf "%-14s %s %8s\n" "$q" "$stats" "$rows"
  done
done
