#!/usr/bin/env bash
# Fuzzing: the property tests of tests/fuzz.rs, each target run for
# FUZZ_SECONDS (default 600) over fresh seeds; prints per target the cases
# run and the failures, exits 1 on any failure. A failing case is shrunk and
# kept under proptest-regressions/fuzz/ (commit it: every run replays it).
#   bash tests/bench/fuzz.sh [TARGET...]
# Targets: readers (JSONL, JSON, .txt, LineReader, sizes), dates (PartialDate
# parsing, find_dates), extract (extract + article_quads), and
# extract_sentences (every piece of evidence inside its own sentence).
# FUZZ_SEED (default: the time) picks the seeds;
# inputs the extractor took over FUZZ_SLOW_SECONDS (default 1) are saved in
# FUZZ_SLOW_DIR (default: a new temporary folder, printed).
set -uo pipefail
cd "$(dirname "$0")/../.."
export FUZZ_SECONDS=${FUZZ_SECONDS:-600}
export FUZZ_SEED=${FUZZ_SEED:-$(date +%s)}
export FUZZ_SLOW_DIR=${FUZZ_SLOW_DIR:-$(mktemp -d -t fuzz-slow.XXXXXX)}
targets=${*:-readers dates extract extract_sentences}
# Build once, then run the test binary itself: cargo keeps no lock on the
# target folder while the fuzzing runs.
bin=$(cargo test --release --test fuzz --no-run 2>&1 | tee /dev/stderr |
  sed -n 's/.*Executable tests\/fuzz.rs (\(.*\))$/\1/p' | tail -n 1)
if [ ! -x "$bin" ]; then
  echo "fuzz.sh: could not build tests/fuzz.rs" >&2
  exit 2
fi
echo "seed $FUZZ_SEED, $FUZZ_SECONDS s per target, slow inputs in $FUZZ_SLOW_DIR"
status=0
summary=""
for t in $targets; do
  secs=$FUZZ_SECONDS
  log=$(mktemp -t "fuzz-$t.XXXXXX")
  echo "== $t ($secs s)"
  FUZZ_SECONDS=$secs "$bin" "fuzz_$t" --exact --nocapture --test-threads 1 >"$log" 2>&1
  rc=$?
  grep -E '^(fuzz |FUZZ )' "$log" | grep -v FAILURE
  grep -E -A1 'FAILURE' "$log" | grep -v '^--$' | cut -c1-2000
  line=$(grep -E "^FUZZ target=$t " "$log" | tail -n 1)
  cases=$(sed -n 's/.* cases=\([0-9]*\).*/\1/p' <<<"$line")
  failures=$(sed -n 's/.* failures=\([0-9]*\).*/\1/p' <<<"$line")
  if [ "$rc" -ne 0 ] || [ -z "$line" ]; then
    status=1
    [ -z "$line" ] && tail -n 20 "$log"
  fi
  summary+=$(printf '%-18s %10s cases %4s failures (exit %s)' "$t" "${cases:-?}" "${failures:-?}" "$rc")$'\n'
  rm -f "$log"
done
echo "== summary (seed $FUZZ_SEED)"
printf '%s' "$summary"
exit $status
