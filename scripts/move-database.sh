#!/usr/bin/env bash
# Moves a stopped Slipway's PGlite database into PostgreSQL, every table in one transaction on
# the target, and checks the row counts afterwards (packages/server/src/db/move.ts).
# Usage: scripts/move-database.sh --from .slipway/data --to postgres://USER:PASS@HOST:PORT/DB [--replace]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Relative paths are the caller's, not the repository's.
exec node --import "$repo/node_modules/tsx/dist/loader.mjs" "$repo/packages/server/src/db/move-main.ts" "$@"
