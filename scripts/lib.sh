# Shared by scripts/up.sh and scripts/test.sh: the setup both need on a fresh machine.

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export SLIPWAY_STATE="${SLIPWAY_STATE:-/tmp/slipway-state}"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# npm packages, from the lock file; skipped when node_modules already matches it.
ensure_npm() {
  if [[ ! -f "$repo/node_modules/.package-lock.json" || "$repo/package-lock.json" -nt "$repo/node_modules/.package-lock.json" ]]; then
    say "installing npm packages"
    (cd "$repo" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

# The web portal, built by Vite into packages/web/dist when it is missing or older than its
# sources; the server serves it at /.
ensure_portal() {
  local dist="$repo/packages/web/dist/index.html"
  if [[ ! -f "$dist" ]] || [[ -n "$(find "$repo/packages/web/src" "$repo/packages/web/index.html" -newer "$dist" -print -quit)" ]]; then
    say "building the web portal"
    (cd "$repo/packages/web" && npx vite build --logLevel warn)
  fi
}

# The local cluster's programs, built from the Go module proxy once and cached by version.
ensure_testbed_binaries() {
  command -v go >/dev/null || { echo "Go is needed to build the local cluster (go.dev/dl)" >&2; exit 1; }
  bash "$repo/testbed/build.sh" >&2
}
