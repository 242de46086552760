#!/usr/bin/env bash
# Runs every check and test of the repository against real services: it installs what is
# missing, starts a local Kubernetes cluster and a PostgreSQL server of its own, runs the
# type-check, the linter and all tests, and stops the services again. The last line it
# prints is `N passed, N failed`. Arguments filter test files by path.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_npm
ensure_test_system_packages
ensure_testbed_binaries
# The Git host the publish actions are tested against (only the tests need it).
bash "$repo/testbed/build.sh" gitea >&2

cluster=slipway-test
year_ahead_state="$SLIPWAY_STATE/year-ahead"
# A second control plane on other ports: environments of one service on two clusters.
second=slipway-test-2
cleanup() {
  # The fuzz and tour runs stop their own clusters and servers when they end: let them, rather
  # than orphan them.
  [[ -z "${fuzz_pid:-}" ]] || wait "$fuzz_pid" 2>/dev/null || true
  [[ -z "${tour_pid:-}" ]] || wait "$tour_pid" 2>/dev/null || true
  if [[ -z "${SLIPWAY_KEEP_TESTBED:-}" ]]; then
    bash "$repo/testbed/cluster.sh" stop "$cluster" >/dev/null 2>&1 || true
    bash "$repo/testbed/cluster.sh" stop "$second" >/dev/null 2>&1 || true
    bash "$repo/testbed/prometheus.sh" stop "$cluster" >/dev/null 2>&1 || true
    bash "$repo/testbed/gitea.sh" stop >/dev/null 2>&1 || true
    bash "$repo/testbed/postgres.sh" stop >/dev/null 2>&1 || true
  fi
  SLIPWAY_STATE="$year_ahead_state" bash "$repo/testbed/postgres.sh" stop >/dev/null 2>&1 || true
}
trap cleanup EXIT

say "starting two local Kubernetes clusters, Prometheus, PostgreSQL and Gitea"
SLIPWAY_TEST_KUBECONFIG="$(bash "$repo/testbed/cluster.sh" start "$cluster")"
SLIPWAY_TEST_KUBECONFIG_2="$(bash "$repo/testbed/cluster.sh" start "$second")"
# Scrapes the first cluster's emulated container metrics; tests push request metrics to it.
SLIPWAY_TEST_PROMETHEUS_URL="$(bash "$repo/testbed/prometheus.sh" start "$cluster" | tail -1)"
SLIPWAY_TEST_POSTGRES_URL="$(bash "$repo/testbed/postgres.sh" start | tail -1)"
# On that PostgreSQL: a database of its own.
SLIPWAY_TEST_GITEA_URL="$(bash "$repo/testbed/gitea.sh" start | tail -1)"
SLIPWAY_TEST_GITEA_TOKEN_FILE="$(bash "$repo/testbed/gitea.sh" token)"
export SLIPWAY_TEST_KUBECONFIG SLIPWAY_TEST_KUBECONFIG_2 SLIPWAY_TEST_PROMETHEUS_URL SLIPWAY_TEST_POSTGRES_URL \
  SLIPWAY_TEST_GITEA_URL SLIPWAY_TEST_GITEA_TOKEN_FILE

cd "$repo"
reports="$(mktemp -d)"
# The HTTP API fuzzed against its own OpenAPI document, beside everything below (scripts/fuzz/ci.sh).
if (($# == 0)); then
  source "$repo/scripts/fuzz/ci.sh"
  fuzz_start "$reports/fuzz.log"
fi
say "type-check"
npx tsc -p tsconfig.json --noEmit
npx tsc -p packages/web/tsconfig.json
say "web portal: build and size budget"
(cd packages/web && npx vite build --logLevel warn)
node scripts/web-budget.mjs
say "lint"
npx biome check .
node scripts/check-test-clocks.mjs
# Every repository file the docs name exists (docs/architecture.md walks a deploy through them).
node scripts/check-doc-paths.mjs
# Routes read their inputs typed from their schemas, never cast.
node scripts/check-route-casts.mjs
# No import circles in packages/, and each layer imports only what lies below it.
npm run --silent deps
say "OpenAPI document is current"
node --import tsx packages/server/src/http/openapi-export.ts --check
# The tests that need no cluster and read the time most (core's rules, the stores of tokens,
# sessions, audit and instances, sign-in) run a second time with the clock a year ahead, in
# this process and in a PostgreSQL server of their own: libfaketime cannot move the clock of
# the cluster's Go programs, so the tests that compare with Kubernetes' timestamps stay out.
year_ahead_tests=(packages/core/ packages/server/test/db/ packages/server/test/auth/ packages/server/test/audit/
  packages/server/test/crypto/ packages/server/test/harness-checks/)
year_ahead() {
  export FAKETIME=+365d LD_PRELOAD="$(faketime_library)" SLIPWAY_STATE="$year_ahead_state"
  SLIPWAY_TEST_POSTGRES_URL="$(bash "$repo/testbed/postgres.sh" start 2>/dev/null | tail -1)"
  echo "clock: $(date -u +%FT%TZ) (a year ahead)"
  SLIPWAY_TEST_CONCURRENCY=1 node scripts/run-tests.mjs "${year_ahead_tests[@]}"
}

# The README's tour and the docs' commands, as a newcomer runs them, beside the tests
# (scripts/tour/ci.sh).
if (($# == 0)); then
  source "$repo/scripts/tour/ci.sh"
  tour_start "$reports/tour.log"
fi

say "tests"
if (($# == 0)); then year_ahead >"$reports/year-ahead.log" 2>&1 & year_ahead_pid=$!; fi
set +e
node scripts/run-tests.mjs "$@" | tee "$reports/main.log"
main_status=${PIPESTATUS[0]}
set -e
tally() { tail -n 1 "$1" | sed -nE 's/^([0-9]+) passed, ([0-9]+) failed$/\1 \2/p'; }
read -r passed failed <<<"$(tally "$reports/main.log")"
passed=${passed:-0} failed=${failed:-1}
if [[ -n "${year_ahead_pid:-}" ]]; then
  wait "$year_ahead_pid" || true
  read -r more_passed more_failed <<<"$(tally "$reports/year-ahead.log")"
  say "the same tests with the clock a year ahead: ${more_passed:-0} passed, ${more_failed:-1} failed"
  [[ "${more_failed:-1}" == 0 ]] || sed -n '/failing tests:/,$p' "$reports/year-ahead.log" | head -200
  passed=$((passed + ${more_passed:-0})) failed=$((failed + ${more_failed:-1}))
fi
[[ -z "${fuzz_pid:-}" ]] || fuzz_count
[[ -z "${tour_pid:-}" ]] || tour_count
echo "$passed passed, $failed failed"
((main_status == 0 && failed == 0))
