#!/usr/bin/env bash
# Runs a throwaway PostgreSQL server for tests and local development, from Debian's server
# binaries (apt install postgresql-15), under ${SLIPWAY_STATE:-/tmp/slipway-state}/postgres.
#
# It listens on 127.0.0.1 only, on a free port chosen at start, with its unix socket in the
# state directory, and lets in one superuser, `slipway`, with a random password kept there.
# Durability is switched off (fsync and friends): the data is for tests, speed matters more.
#
# Usage: testbed/postgres.sh start   start (or find running) and print the URL as the last line
#        testbed/postgres.sh url     print the URL of the running server
#        testbed/postgres.sh stop    stop it (fast mode); fine when it is not running
set -euo pipefail

state_root="${SLIPWAY_STATE:-/tmp/slipway-state}"
mkdir -p "$state_root"
state="$(cd "$state_root" && pwd)/postgres"
data="$state/data"
log="$state/postgres.log"

say() { echo "postgres: $*" >&2; }
die() { say "$*"; exit 1; }

bin_dir() { # the newest installed major version
  local ctl
  ctl="$( (compgen -G '/usr/lib/postgresql/*/bin/pg_ctl' || true) | sort -V | tail -n 1)"
  [[ -n "$ctl" ]] || die "no PostgreSQL server found under /usr/lib/postgresql (apt-get install postgresql-15)"
  dirname "$ctl"
}
bin="$(bin_dir)"

is_root() { [[ "$(id -u)" == 0 ]]; }

as_owner() { # the server refuses to run as root, so root runs it as the postgres user
  if is_root; then runuser -u postgres -- "$@"; else "$@"; fi
}

own() { # hands files to the user the server runs as
  if is_root; then chown postgres:postgres "$@"; fi
}

is_running() { [[ -f "$data/PG_VERSION" ]] && as_owner "$bin/pg_ctl" status -D "$data" >/dev/null 2>&1; }

free_port() { # asks the kernel for a free port on 127.0.0.1
  local code='import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
  if command -v python3 >/dev/null; then python3 -c "$code"; return; fi
  node -e 'const s = require("node:net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })'
}

port_is_free() { # binds the way the server does (SO_REUSEADDR), so a just-stopped server's port counts as free
  command -v python3 >/dev/null && python3 -c '
import socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1])))' "$1" 2>/dev/null
}

prepare_state() {
  mkdir -p "$state"
  chmod 700 "$state"
  if is_root; then
    id postgres >/dev/null 2>&1 || die "there is no postgres OS user (apt-get install postgresql-15 creates it)"
    own "$state"
    as_owner test -w "$state" || die "the postgres user cannot write to $state; set SLIPWAY_STATE to a directory it can reach"
  fi
}

init_cluster() {
  local major
  major="$(basename "$(dirname "$bin")")"
  if [[ -f "$data/PG_VERSION" ]]; then
    [[ "$(cat "$data/PG_VERSION")" == "$major" ]] ||
      die "$data holds a PostgreSQL $(cat "$data/PG_VERSION") cluster but the server is $major; delete $state to start over"
    return
  fi
  say "creating a cluster in $data"
  local pwfile="$state/password"
  (umask 077 && od -An -N16 -tx1 /dev/urandom | tr -d ' \n' >"$pwfile")
  own "$pwfile"
  as_owner "$bin/initdb" -D "$data" -U slipway --pwfile="$pwfile" --auth=scram-sha-256 \
    -E UTF8 --locale=C >"$state/initdb.log" 2>&1 || die "initdb failed; see $state/initdb.log"
  cat >>"$data/postgresql.conf" <<EOF

# testbed/postgres.sh
listen_addresses = '127.0.0.1'
unix_socket_directories = '$state'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
EOF
}

start_server() {
  local port
  port="$(cat "$state/port" 2>/dev/null || true)"
  if [[ -z "$port" ]] || ! port_is_free "$port"; then port="$(free_port)"; fi
  echo "$port" >"$state/port"
  say "starting PostgreSQL $(basename "$(dirname "$bin")") on 127.0.0.1:$port (log: $log)"
  touch "$log"
  own "$log"
  as_owner "$bin/pg_ctl" start -D "$data" -l "$log" -o "-p $port" -w -t 60 >/dev/null ||
    die "PostgreSQL did not start; see $log"
  wait_ready "$port"
}

wait_ready() {
  local tries=0
  until "$bin/pg_isready" -q -h 127.0.0.1 -p "$1" -t 2; do
    ((++tries < 60)) || die "PostgreSQL does not accept connections on 127.0.0.1:$1; see $log"
    sleep 0.5
  done
}

url() {
  echo "postgres://slipway:$(cat "$state/password")@127.0.0.1:$(cat "$state/port")/postgres"
}

cmd_start() {
  prepare_state
  if ! is_running; then
    init_cluster
    start_server
  fi
  (umask 077 && url >"$state/url")
  url
}

cmd_url() {
  is_running || die "not running; start it with: testbed/postgres.sh start"
  url
}

cmd_stop() {
  if is_running; then
    as_owner "$bin/pg_ctl" stop -D "$data" -m fast -w >/dev/null
    say "stopped"
  else
    say "not running"
  fi
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  url) cmd_url ;;
  *) die "usage: testbed/postgres.sh start|stop|url" ;;
esac
