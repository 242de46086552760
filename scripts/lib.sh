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

# Debian packages the tests drive for real: PostgreSQL's server (the second database engine),
# Chromium (the portal's browser tests, through playwright-core), libfaketime (the suite's
# year-ahead run) and Prometheus (the metrics source; testbed/prometheus.sh runs it). Installed
# with apt when missing and running as root; otherwise stop at once with the command that
# installs them.
ensure_test_system_packages() {
  local missing=()
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
  [[ -x "${SLIPWAY_CHROMIUM:-/usr/bin/chromium}" ]] || missing+=(chromium)
  [[ -n "$(faketime_library)" ]] || missing+=(faketime)
  [[ -x "${SLIPWAY_TESTBED_PROMETHEUS_BINARY:-/usr/bin/prometheus}" ]] || missing+=(prometheus)
  ((${#missing[@]})) || return 0
  if [[ "$(id -u)" != 0 ]] || ! command -v apt-get >/dev/null; then
    echo "The tests need Debian packages that are not installed: ${missing[*]}" >&2
    echo "Install them, then run this again:  sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  say "installing ${missing[*]} (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  local pkg others=()
  for pkg in "${missing[@]}"; do [[ "$pkg" == prometheus ]] || others+=("$pkg"); done
  ((${#others[@]} == 0)) || apt-get install -y -qq "${others[@]}" >/dev/null
  [[ " ${missing[*]} " != *" prometheus "* ]] || install_prometheus_quietly
}

# Debian's prometheus starts (and enables) a system-wide service on install, and recommends a
# node exporter that does too; the tests run their own Prometheus, so neither is wanted.
# A policy-rc.d that refuses keeps dpkg from starting the service; systemd then forgets it.
install_prometheus_quietly() {
  local policy=/usr/sbin/policy-rc.d own_policy=""
  if [[ ! -e "$policy" ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && own_policy=1
  fi
  local status=0
  apt-get install -y -qq --no-install-recommends prometheus >/dev/null || status=$?
  [[ -z "$own_policy" ]] || rm -f "$policy"
  ((status == 0)) || return "$status"
  if [[ -d /run/systemd/system ]]; then systemctl disable --now prometheus.service >/dev/null 2>&1 || true; fi
}

# libfaketime's preload library, which moves a process's clock (empty when not installed).
faketime_library() {
  compgen -G '/usr/lib/*/faketime/libfaketime.so.1' | head -1 || true
}

# The local cluster's programs, built from the Go module proxy once and cached by version.
ensure_testbed_binaries() {
  command -v go >/dev/null || { echo "Go is needed to build the local cluster (go.dev/dl)" >&2; exit 1; }
  bash "$repo/testbed/build.sh" >&2
}

# The `slipway` command is packages/cli/bin/slipway, a launcher that runs the CLI from the folder
# it is called in. Nothing is installed outside the checkout (two checkouts never overwrite each
# other's); when `slipway` on PATH is not this checkout's, say the line that puts it there.
say_cli_path() {
  local bin="$repo/packages/cli/bin" found
  found="$(command -v slipway || true)"
  [[ -n "$found" && "$(readlink -f "$found")" == "$(readlink -f "$bin/slipway")" ]] && return 0
  say "the slipway command is in $bin; to run it from any folder, add it to PATH (e.g. in ~/.bashrc):"
  printf '    export PATH="%s:$PATH"\n' "$bin" >&2
}

# Starts the PostgreSQL of `scripts/up.sh --postgres` (its own, in .slipway-postgres/, not the
# test server) and makes a role and database for Slipway that own nothing else: the role may
# create tables in its database (migrations) and nothing more.
start_postgres() {
  local root="$repo/.slipway-postgres" admin_url password url
  mkdir -p "$root/state"
  admin_url="$(SLIPWAY_STATE="$root" bash "$repo/testbed/postgres.sh" start | tail -n 1)"
  if [[ ! -f "$root/state/app-password" ]]; then
    (umask 077 && od -An -N16 -tx1 /dev/urandom | tr -d ' \n' >"$root/state/app-password")
  fi
  password="$(cat "$root/state/app-password")"
  node "$repo/scripts/postgres-app-db.mjs" "$admin_url" slipway_app "$password"
  url="${admin_url%/postgres}/slipway_app"
  url="postgres://slipway_app:$password@${url#*@}"
  export SLIPWAY_DATABASE_URL="$url" SLIPWAY_STATE_DIR="${SLIPWAY_STATE_DIR:-$root/state}"
  say "PostgreSQL: data in $root/postgres/data, log $root/postgres/postgres.log, admin URL in $root/postgres/url"
  say "Slipway's database: slipway_app (role slipway_app, password in $root/state/app-password); state directory $SLIPWAY_STATE_DIR"
}
