#!/usr/bin/env bash
# Starts Slipway on its embedded defaults: the PGlite database in .slipway/data, and the local
# Kubernetes cluster unless KUBECONFIG points at another one. Does all setup a fresh machine
# needs first (npm packages, the cluster's programs). Ctrl-C stops Slipway; the local cluster
# keeps running for the next start (stop it with testbed/cluster.sh stop).
#
# scripts/up.sh --postgres runs Slipway on PostgreSQL instead: Debian's server binaries
# (apt-get install postgresql-15) started by testbed/postgres.sh with its files in
# .slipway-postgres/postgres (apart from the test server's), a role and database `slipway_app`
# made for Slipway, and Slipway's state directory in .slipway-postgres/state.
# Stop that server with: SLIPWAY_STATE=.slipway-postgres bash testbed/postgres.sh stop
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

postgres=false
if [[ "${1:-}" == "--postgres" ]]; then
  postgres=true
  shift
fi

ensure_npm
ensure_portal
say_cli_path
if [[ -z "${KUBECONFIG:-}" && -z "${SLIPWAY_CONFIG:-}" ]]; then
  ensure_testbed_binaries
  say "starting the local Kubernetes cluster"
  KUBECONFIG="$(bash "$repo/testbed/cluster.sh" start slipway)"
  export KUBECONFIG
fi
if $postgres; then
  start_postgres # sets SLIPWAY_DATABASE_URL and SLIPWAY_STATE_DIR
else
  export SLIPWAY_DATA_DIR="${SLIPWAY_DATA_DIR:-$repo/.slipway/data}"
fi
# Never the URL itself: it holds the password.
database="PGlite in ${SLIPWAY_DATA_DIR:-}"
[[ -n "${SLIPWAY_DATABASE_URL:-}" ]] && database="PostgreSQL at ${SLIPWAY_DATABASE_URL#*@}"
say "starting Slipway (database: $database; cluster: ${KUBECONFIG:-from the config file})"
cd "$repo"
exec node packages/server/bin/slipway-server.mjs "$@"
