#!/usr/bin/env bash
# Starts Slipway on its embedded defaults: the PGlite database in .slipway/data, and the local
# Kubernetes cluster unless KUBECONFIG points at another one. Does all setup a fresh machine
# needs first (npm packages, the cluster's programs). Ctrl-C stops Slipway; the local cluster
# keeps running for the next start (stop it with testbed/cluster.sh stop).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_npm
ensure_portal
say_cli_path
if [[ -z "${KUBECONFIG:-}" && -z "${SLIPWAY_CONFIG:-}" ]]; then
  ensure_testbed_binaries
  say "starting the local Kubernetes cluster"
  KUBECONFIG="$(bash "$repo/testbed/cluster.sh" start slipway)"
  export KUBECONFIG
fi
export SLIPWAY_DATA_DIR="${SLIPWAY_DATA_DIR:-$repo/.slipway/data}"
say "starting Slipway (database: ${SLIPWAY_DATABASE_URL:+PostgreSQL}${SLIPWAY_DATABASE_URL:-PGlite in $SLIPWAY_DATA_DIR}; cluster: ${KUBECONFIG:-from the config file})"
cd "$repo"
exec node --import tsx packages/server/src/main.ts "$@"
