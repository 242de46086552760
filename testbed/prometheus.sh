#!/usr/bin/env bash
# Runs a real Prometheus for tests and local development, from Debian's package
# (apt-get install prometheus), under ${SLIPWAY_STATE:-/tmp/slipway-state}/prometheus/NAME.
#
# It listens on 127.0.0.1 only, on a free port chosen at start, scrapes every 2 s
# (SLIPWAY_TESTBED_PROMETHEUS_SCRAPE_INTERVAL) and accepts remote write at /api/v1/write, so tests can
# push request metrics for a service. It scrapes the emulated container CPU and memory metrics
# of the local cluster NAME (testbed/cluster.sh; testbed/metrics/kwok-metrics.yaml), or of the
# cluster whose kubeconfig SLIPWAY_TESTBED_PROMETHEUS_KUBECONFIG names: kwok's Prometheus service
# discovery lists one target per node, reached over HTTPS with the kubeconfig's client
# certificate. Series carry `cluster` (the kubeconfig's folder name, which is the cluster's name
# for testbed/cluster.sh), `node`, `namespace`, `pod` and `container`.
# Samples up to 30 days old are accepted out of order (for seeding history).
# SLIPWAY_TESTBED_PROMETHEUS_TLS=1 serves HTTPS with a certificate of a CA made for it (web/ca.crt in
# its folder); SLIPWAY_TESTBED_PROMETHEUS_BASIC_AUTH=user:password asks every request for that user.
#
# Usage:
#   testbed/prometheus.sh start [NAME]    start (or reuse) Prometheus NAME (default: slipway);
#                                         prints its base URL as the last line
#   testbed/prometheus.sh stop [NAME]     stop it and delete its data
#   testbed/prometheus.sh url [NAME]      print the base URL of the running server
#   testbed/prometheus.sh status [NAME]   exit 0 when it is ready (/-/ready)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache="${SLIPWAY_CACHE:-$HOME/.cache/slipway}"
state_root="${SLIPWAY_STATE:-/tmp/slipway-state}"
cmd="${1:-}"; name="${2:-slipway}"
mkdir -p "$state_root"
dir="$(cd "$state_root" && pwd)/prometheus/$name"
interval="${SLIPWAY_TESTBED_PROMETHEUS_SCRAPE_INTERVAL:-2s}"
kubeconfig="${SLIPWAY_TESTBED_PROMETHEUS_KUBECONFIG:-$state_root/clusters/$name/kubeconfig}"

say() { echo "prometheus: $*" >&2; }
die() { say "$*"; exit 1; }

binary() {
  local b="${SLIPWAY_TESTBED_PROMETHEUS_BINARY:-$(command -v prometheus || echo /usr/bin/prometheus)}"
  [[ -x "$b" ]] || die "no prometheus binary found (apt-get install prometheus)"
  echo "$b"
}

pid() { cat "$dir/pid" 2>/dev/null || true; }
is_running() { local p; p="$(pid)"; [[ -n "$p" ]] && kill -0 "$p" 2>/dev/null; }
url() { cat "$dir/url"; }

own_curl() { # curl as a client of this Prometheus: its CA, its user
  local args=(-sf -m 2)
  [[ ! -f "$dir/web/ca.crt" ]] || args+=(--cacert "$dir/web/ca.crt")
  [[ ! -f "$dir/web/basic-auth" ]] || args+=(-u "$(cat "$dir/web/basic-auth")")
  curl "${args[@]}" "$@"
}
is_ready() { is_running && own_curl "$(url)/-/ready" >/dev/null 2>&1; }

# The --web.config.file of exporter-toolkit: TLS with a certificate for 127.0.0.1 signed by a
# CA made here, and basic auth with a bcrypt hash; prints the file, or nothing when neither is asked.
web_config() {
  local tls="${SLIPWAY_TESTBED_PROMETHEUS_TLS:-}" basic="${SLIPWAY_TESTBED_PROMETHEUS_BASIC_AUTH:-}" w="$dir/web"
  [[ -n "$tls$basic" ]] || return 0
  mkdir -p "$w"; chmod 700 "$w"
  : >"$w/web.yml"
  if [[ -n "$tls" ]]; then
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
      -subj /CN=slipway-testbed-prometheus-ca -keyout "$w/ca.key" -out "$w/ca.crt" 2>/dev/null
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=127.0.0.1 \
      -keyout "$w/server.key" -out "$w/server.csr" 2>/dev/null
    openssl x509 -req -in "$w/server.csr" -CA "$w/ca.crt" -CAkey "$w/ca.key" -CAcreateserial -days 2 \
      -extfile <(printf 'subjectAltName=IP:127.0.0.1') -out "$w/server.crt" 2>/dev/null
    printf 'tls_server_config: { cert_file: %s, key_file: %s }\n' "$w/server.crt" "$w/server.key" >>"$w/web.yml"
  fi
  if [[ -n "$basic" ]]; then
    (umask 077 && printf '%s' "$basic" >"$w/basic-auth" && printf '%s' "${basic#*:}" >"$w/password")
    local hash # bcrypt, as exporter-toolkit wants; a low cost, the password is a test's
    hash="$(python3 -W ignore -c 'import crypt, sys; print(crypt.crypt(sys.argv[1], crypt.mksalt(crypt.METHOD_BLOWFISH, rounds=16)))' "${basic#*:}")" ||
      die "cannot hash the password (python3's crypt module is needed)"
    printf 'basic_auth_users: { "%s": "%s" }\n' "${basic%%:*}" "$hash" >>"$w/web.yml"
  fi
  echo "$w/web.yml"
}

free_port() { # asks the kernel for a free port on 127.0.0.1
  local code='import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
  if command -v python3 >/dev/null; then python3 -c "$code"; return; fi
  node -e 'const s = require("node:net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })'
}

kctl() { # the newest cached kubectl (testbed/build.sh), on the scraped cluster
  local d; d="$(ls -d "$cache/bin/kubernetes"-v* 2>/dev/null | sort -V | tail -1)"
  [[ -n "$d" && -x "$d/kubectl" ]] || return 1
  "$d/kubectl" --kubeconfig "$kubeconfig" "$@"
}

# Writes the kubeconfig's CA and client certificate into files Prometheus reads, and prints
# the port of kwok's kubelet server; prints nothing when there is no cluster to scrape.
cluster_certs_and_port() {
  [[ -f "$kubeconfig" ]] || return 0
  local port key
  port="$(kctl get nodes -o jsonpath='{.items[0].status.daemonEndpoints.kubeletEndpoint.Port}' 2>/dev/null)" || return 0
  [[ -n "$port" ]] || return 0
  for key in certificate-authority-data:clusters[0].cluster client-certificate-data:users[0].user \
    client-key-data:users[0].user; do
    kctl config view --raw --minify --flatten -o "jsonpath={.${key#*:}.${key%%:*}}" | base64 -d >"$dir/tls/${key%%-data:*}.pem"
  done
  echo "$port"
}

write_config() {
  local kwok_port tls
  mkdir -p "$dir/tls" "$dir/data"
  chmod 700 "$dir/tls"
  kwok_port="$(cluster_certs_and_port)"
  tls="{ ca_file: $dir/tls/certificate-authority.pem, cert_file: $dir/tls/client-certificate.pem, key_file: $dir/tls/client-key.pem }"
  cat >"$dir/prometheus.yml" <<YAML
# Generated by testbed/prometheus.sh; rewritten at every start.
global:
  scrape_interval: $interval
  scrape_timeout: $interval
  evaluation_interval: $interval
  external_labels: { testbed: "$name" }
storage:
  tsdb: { out_of_order_time_window: 30d }
scrape_configs:
  - job_name: prometheus
    static_configs: [{ targets: ["127.0.0.1:$(cat "$dir/port")"] }]
YAML
  [[ ! -f "$dir/web/ca.crt" ]] ||
    printf '    scheme: https\n    tls_config: { ca_file: %s }\n' "$dir/web/ca.crt" >>"$dir/prometheus.yml"
  [[ ! -f "$dir/web/basic-auth" ]] ||
    printf '    basic_auth: { username: "%s", password_file: %s }\n' \
      "$(cut -d: -f1 "$dir/web/basic-auth")" "$dir/web/password" >>"$dir/prometheus.yml"

  if [[ -z "$kwok_port" ]]; then
    say "no cluster answers at $kubeconfig: scraping no container metrics"
    return
  fi
  cat >>"$dir/prometheus.yml" <<YAML
  # kwok's emulated kubelet /metrics/resource, one target per node (testbed/metrics).
  - job_name: kubelet
    scheme: https
    tls_config: $tls
    http_sd_configs:
      - url: https://127.0.0.1:$kwok_port/discovery/prometheus
        refresh_interval: 5s
        tls_config: $tls
    relabel_configs:
      - { source_labels: [__metrics_path__], regex: "/metrics/nodes/([^/]+)/.*", target_label: node }
      - { source_labels: [node], target_label: instance }
      - { target_label: cluster, replacement: "$(basename "$(dirname "$kubeconfig")")" }
      - { action: labeldrop, regex: metrics_name }
YAML
}

wait_ready() {
  local deadline=$((SECONDS + 60))
  until is_ready; do
    is_running || { tail -n 20 "$dir/prometheus.log" >&2; die "Prometheus exited; see $dir/prometheus.log"; }
    ((SECONDS < deadline)) || die "Prometheus $name was not ready in 60s; see $dir/prometheus.log"
    sleep 0.2
  done
}

start() {
  mkdir -p "$dir"
  if is_running; then # a restarted cluster has a new kwok port: reload the configuration
    write_config
    kill -HUP "$(pid)"
    wait_ready
    say "$name already running; configuration reloaded"
    url; return
  fi
  free_port >"$dir/port"
  local web scheme=http
  web="$(web_config)"
  [[ ! -f "$dir/web/ca.crt" ]] || scheme=https
  echo "$scheme://127.0.0.1:$(cat "$dir/port")" >"$dir/url"
  write_config
  local bin; bin="$(binary)"
  "$bin" --config.file="$dir/prometheus.yml" --storage.tsdb.path="$dir/data" ${web:+--web.config.file="$web"} \
    --web.listen-address="127.0.0.1:$(cat "$dir/port")" --web.enable-remote-write-receiver \
    --storage.tsdb.retention.time=31d --log.level=warn \
    </dev/null >"$dir/prometheus.log" 2>&1 &
  echo $! >"$dir/pid"
  disown
  wait_ready
  say "$name ready at $(url) (log: $dir/prometheus.log)"
  url
}

stop() {
  local p; p="$(pid)"
  if is_running; then
    kill "$p"
    kill -CONT "$p" 2>/dev/null || true # a test may have frozen it (SIGSTOP)
    local deadline=$((SECONDS + 30))
    while kill -0 "$p" 2>/dev/null; do
      ((SECONDS < deadline)) || { kill -9 "$p" 2>/dev/null || true; break; }
      sleep 0.1
    done
  fi
  rm -rf "$dir"
  say "$name stopped"
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  url) is_running || die "$name is not running; start it with: testbed/prometheus.sh start $name"; url ;;
  status) is_ready ;;
  *) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
