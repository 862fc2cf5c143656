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

# Milliseconds of one run of a command, its output discarded; a run past
# $TIMEOUT seconds (default 600) is stopped and counted as "timeout".
timeout_s=${TIMEOUT:-600}
millis() {
  local start end
  start=$(date +%s%N)
  if ! timeout "$timeout_s" "$@" > /dev/null; then
    echo timeout
    return
  fi
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
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
  echo "store: $(du -sm "$store" | cut -f1) MB on disk"
  echo 'SELECT ?e WHERE { ?e a <https://w3id.org/diplograph/ns#Event> } LIMIT 1' > "$work/one-event.rq"
  event=$("$bin" query --store "$store" "$work/one-event.rq" --format csv | sed -n 2p | tr -d '\r')
  printf "%-14s %10s %10s %8s\n" query median_ms max_ms rows
  for q in $("$bin" queries | awk '/^[a-z]/ {print $1}'); do
    params=()
    case $q in
      between) params=(--param a=USA --param b=CHN) ;;
      evidence) params=(--param "event=<$event>") ;;
    esac
    times=()
    for _ in $(seq "$runs"); do
      t=$(millis "$bin" query --store "$store" "$q" "${params[@]}" --format tsv)
      times+=("$t")
      # One run past the time limit is enough to know.
      [ "$t" = timeout ] && break
    done
    if [ "${times[-1]}" = timeout ]; then
      printf "%-14s %10s %10s %8s\n" "$q" ">${timeout_s}s" ">${timeout_s}s" "-"
      continue
    fi
    rows=$("$bin" query --store "$store" "$q" "${params[@]}" --format tsv | tail -n +2 | wc -l)
    stats=$(printf "%s\n" "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%10d %10d", a[int((NR+1)/2)], a[NR]}')
    printf "%-14s %s %8s\n" "$q" "$stats" "$rows"
  done
done
