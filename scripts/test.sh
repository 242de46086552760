#!/usr/bin/env bash
# Runs every check and test of the repository against real services: it installs what is
# missing, starts a local Kubernetes cluster and a PostgreSQL server of its own, runs the
# type-check, the linter and all tests, and stops the services again. The last line it
# prints is `N passed, N failed`. Arguments filter test files by path.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_npm
ensure_testbed_binaries

cluster=slipway-test
# A second control plane on other ports: environments of one service on two clusters.
second=slipway-test-2
cleanup() {
  if [[ -z "${SLIPWAY_KEEP_TESTBED:-}" ]]; then
    bash "$repo/testbed/cluster.sh" stop "$cluster" >/dev/null 2>&1 || true
    bash "$repo/testbed/cluster.sh" stop "$second" >/dev/null 2>&1 || true
    bash "$repo/testbed/postgres.sh" stop >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT

say "starting two local Kubernetes clusters and PostgreSQL"
SLIPWAY_TEST_KUBECONFIG="$(bash "$repo/testbed/cluster.sh" start "$cluster")"
SLIPWAY_TEST_KUBECONFIG_2="$(bash "$repo/testbed/cluster.sh" start "$second")"
SLIPWAY_TEST_POSTGRES_URL="$(bash "$repo/testbed/postgres.sh" start | tail -1)"
export SLIPWAY_TEST_KUBECONFIG SLIPWAY_TEST_KUBECONFIG_2 SLIPWAY_TEST_POSTGRES_URL

cd "$repo"
say "type-check"
npx tsc -p tsconfig.json --noEmit
npx tsc -p packages/web/tsconfig.json
say "web portal: build and size budget"
(cd packages/web && npx vite build --logLevel warn)
node scripts/web-budget.mjs
say "lint"
npx biome check .
say "OpenAPI document is current"
node --import tsx packages/server/src/http/openapi-export.ts --check
say "tests"
node scripts/run-tests.mjs "$@"
