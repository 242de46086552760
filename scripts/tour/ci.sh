# The tour run of scripts/test.sh (sourced by it): scripts/tour/run.ts in the background, beside
# the checks and tests: the README's and docs' shell blocks as a newcomer runs them, on PGlite
# and then PostgreSQL, each database counted as one test. Needs `say` (scripts/lib.sh).

# tour_start LOG: starts the run, its output going to LOG; sets tour_pid.
tour_start() {
  tour_log="$1"
  say "the README's tour and the docs' commands in the background, on PGlite and PostgreSQL (alone: npm run tour)"
  node --import tsx scripts/tour/run.ts >"$tour_log" 2>&1 &
  tour_pid=$!
}

# tour_count: waits for the run, prints its summary (the failing step when one failed), and adds
# its tally to `passed` and `failed`.
tour_count() {
  local status=0 tally
  wait "$tour_pid" || status=$?
  tour_pid=""
  grep -E '^tour on |^✖|^  (the document shows|it printed)|^    \|' "$tour_log" | head -n 120 || true
  tally="$(tail -n 1 "$tour_log" | sed -nE 's/^([0-9]+) passed, ([0-9]+) failed$/\1 \2/p')"
  if [[ -z "$tally" ]]; then
    say "tour: ended without a tally (exit $status)"
    tail -n 30 "$tour_log"
    tally="0 2"
  fi
  read -r tour_passed tour_failed <<<"$tally"
  say "tour: $tour_passed passed, $tour_failed failed"
  passed=$((passed + tour_passed)) failed=$((failed + tour_failed))
}
