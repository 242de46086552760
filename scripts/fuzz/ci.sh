# The fuzz run of scripts/test.sh (sourced by it): scripts/fuzz.sh in the background, beside the
# checks and tests, then counted as one test. The seed is the day of the month (UTC) unless
# SLIPWAY_FUZZ_SEED is set, so CI explores other inputs each day; it is printed with the command
# that replays the run. Its size is a run's by hand (25 cases per operation and phase;
# SLIPWAY_FUZZ_MAX_EXAMPLES): about 85 CPU-seconds, most of it the coverage phase, which the
# size does not shorten (10 cases took 81), so a smaller one would save nothing worth a replay
# command that differs from `npm run fuzz`.
# Needs `say` (scripts/lib.sh); FUZZ_COMMAND replaces scripts/fuzz.sh (to check this file).

fuzz_seed="${SLIPWAY_FUZZ_SEED:-$((10#$(date -u +%d)))}"
fuzz_examples="${SLIPWAY_FUZZ_MAX_EXAMPLES:-25}"
fuzz_replay="SLIPWAY_FUZZ_SEED=$fuzz_seed${SLIPWAY_FUZZ_MAX_EXAMPLES:+ SLIPWAY_FUZZ_MAX_EXAMPLES=$fuzz_examples} npm run fuzz"

# fuzz_start LOG: starts the run, its output going to LOG; sets fuzz_pid.
fuzz_start() {
  fuzz_log="$1"
  say "fuzzing the API in the background: seed $fuzz_seed, $fuzz_examples cases per operation and phase (replay: $fuzz_replay)"
  SLIPWAY_FUZZ_SEED="$fuzz_seed" SLIPWAY_FUZZ_MAX_EXAMPLES="$fuzz_examples" \
    ${FUZZ_COMMAND:-bash scripts/fuzz.sh} >"$fuzz_log" 2>&1 &
  fuzz_pid=$!
}

# fuzz_count: waits for the run, prints its summary (and its failures when it failed), and adds
# it to `passed` or `failed`.
fuzz_count() {
  local status=0
  wait "$fuzz_pid" || status=$?
  fuzz_pid=""
  grep -E '^fuzz:|^  failing:' "$fuzz_log" || tail -n 30 "$fuzz_log"
  grep '^probes:' "$fuzz_log" | tail -n 1 || true
  if ((status == 0)); then
    say "fuzz (seed $fuzz_seed): passed"
    passed=$((passed + 1))
  else
    say "fuzz (seed $fuzz_seed): FAILED (exit $status); replay with: $fuzz_replay"
    sed -n '/^=* FAILURES =*$/,/^=* WARNINGS =*$/p' "$fuzz_log" | head -n 200
    failed=$((failed + 1))
  fi
}
