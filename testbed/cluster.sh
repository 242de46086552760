#!/usr/bin/env bash
# Starts and stops a real local Kubernetes control plane: etcd, kube-apiserver,
# kube-controller-manager and kube-scheduler, with kwok standing in for the kubelets.
# kwokctl (binary runtime) picks free loopback ports, generates the certificates and writes
# the kubeconfig; every program it runs is one we built from source (testbed/build.sh).
#
# Usage:
#   testbed/cluster.sh start [NAME]       start (or reuse) cluster NAME (default: slipway);
#                                         prints the kubeconfig path as its last line
#   testbed/cluster.sh stop [NAME]        stop and delete it
#   testbed/cluster.sh kubeconfig [NAME]  print its kubeconfig path
#   testbed/cluster.sh status [NAME]      exit 0 when its API server answers
#
# Container logs (kubectl logs, pods/log) are served by kwok from one file for every
# container: container.log next to the kubeconfig, in the CRI log format
# (`<RFC 3339 time> stdout|stderr F <text>`); lines appended to it reach followers.
# Container CPU and memory metrics are emulated by kwok too (testbed/metrics/kwok-metrics.yaml),
# in the kubelet's /metrics/resource format; testbed/prometheus.sh scrapes them.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache="${SLIPWAY_CACHE:-$HOME/.cache/slipway}"
state="${SLIPWAY_STATE:-/tmp/slipway-state}"
nodes="${SLIPWAY_TESTBED_NODES:-3}"
cmd="${1:-}"; name="${2:-slipway}"
export KWOK_WORKDIR="$state/kwok"

bin_dir() { # newest cached build of a component
  local d; d="$(ls -d "$cache/bin/$1"-v* 2>/dev/null | sort -V | tail -1)"
  [[ -n "$d" && -f "$d/.complete" ]] || { echo "testbed: $1 is not built; run testbed/build.sh" >&2; exit 1; }
  echo "$d"
}

kubeconfig_path() { echo "$state/clusters/$name/kubeconfig"; }

write_logs() { # what kwok serves as every container's log, and the kwok setting that says so
  local log="$state/clusters/$name/container.log" now
  now="$(date -u +%Y-%m-%dT%H:%M:%S.%NZ)"
  printf '%s stdout F %s\n' \
    "$now" "testbed: container started" \
    "$now" "GET /healthz 200" \
    "$now" "WARN slow request: GET /orders took 1200ms" \
    "$now" "GET /orders 200" >"$log"
  printf '%s stderr F %s\n' "$now" "ERROR upstream payments timed out" >>"$log"
  cat >"$1" <<YAML
apiVersion: kwok.x-k8s.io/v1alpha1
kind: ClusterLogs
metadata: { name: slipway-testbed-logs }
spec:
  logs:
    - logsFile: $log
      follow: true
YAML
}

kctl() { "$(bin_dir kubernetes)/kubectl" --kubeconfig "$(kubeconfig_path)" "$@"; }

api_answers() { [[ -f "$(kubeconfig_path)" ]] && kctl get --raw /readyz >/dev/null 2>&1; }

add_nodes() { # fake nodes managed by kwok; big enough for benchmarks of hundreds of pods
  local i manifest=""
  for ((i = 0; i < nodes; i++)); do
    manifest+="
---
apiVersion: v1
kind: Node
metadata:
  name: kwok-node-$i
  annotations: { kwok.x-k8s.io/node: fake, node.alpha.kubernetes.io/ttl: \"0\" }
  labels:
    kubernetes.io/hostname: kwok-node-$i
    kubernetes.io/os: linux
    kubernetes.io/arch: amd64
    type: kwok
    topology.kubernetes.io/zone: zone-$((i % 3))
status:
  allocatable: { cpu: \"64\", memory: 256Gi, pods: \"1000\" }
  capacity: { cpu: \"64\", memory: 256Gi, pods: \"1000\" }"
  done
  kctl apply --server-side --field-manager=slipway-testbed -f - <<<"$manifest" >/dev/null
}

add_metrics() { # emulated container metrics (kwok Metric and ClusterResourceUsage objects)
  kctl wait --for condition=established --timeout 60s \
    crd/metrics.kwok.x-k8s.io crd/clusterresourceusages.kwok.x-k8s.io >/dev/null
  kctl apply --server-side --field-manager=slipway-testbed -f "$here/metrics/kwok-metrics.yaml" >/dev/null
}

wait_ready() { # nodes Ready and the default ServiceAccount present (pods need it)
  local deadline=$((SECONDS + 120))
  until [[ "$(kctl get nodes -o jsonpath='{range .items[*]}{.status.conditions[?(@.type=="Ready")].status}{"\n"}{end}' 2>/dev/null | grep -c True)" -ge "$nodes" ]] &&
    kctl get serviceaccount default -n default >/dev/null 2>&1; do
    ((SECONDS < deadline)) || { echo "testbed: cluster $name did not become ready in 120s" >&2; exit 1; }
    sleep 0.5
  done
}

create() { # one try: true once the kubeconfig is written and the API server answers (30 s at most)
  local conf="$1" logs="$2" k e w
  k="$(bin_dir kubernetes)"; e="$(bin_dir etcd)"; w="$(bin_dir kwok)"
  "$w/kwokctl" create cluster --name "$name" \
    --config "$conf" --config "$here/stages/nodes.yaml" --config "$here/stages/pods.yaml" --config "$logs" \
    --kube-apiserver-binary "$k/kube-apiserver" \
    --kube-controller-manager-binary "$k/kube-controller-manager" \
    --kube-scheduler-binary "$k/kube-scheduler" \
    --kwok-controller-binary "$w/kwok" \
    --etcd-binary "$e/etcd" \
    --kubeconfig "$(kubeconfig_path)" \
    --timeout 3m --wait 2m >"$state/clusters/$name/create.log" 2>&1 || return 1
  local deadline=$((SECONDS + 30))
  until api_answers; do
    ((SECONDS < deadline)) || return 1
    sleep 0.5
  done
}

tell_component_logs() { # the end of each component's log, where a start that failed says why
  local f
  for f in "$KWOK_WORKDIR/clusters/$name/logs/"*.log; do
    [[ -f "$f" ]] || continue
    echo "--- the last lines of $(basename "$f")" >&2
    tail -n 15 "$f" >&2
  done
}

start() {
  if api_answers; then
    echo "testbed: cluster $name already running" >&2
    [[ -f "$state/clusters/$name/container.log" ]] ||
      echo "testbed: cluster $name was started without container logs; stop and start it to have them" >&2
    kctl get metrics.kwok.x-k8s.io slipway-metrics-resource >/dev/null 2>&1 ||
      echo "testbed: cluster $name was started without container metrics; stop and start it to have them" >&2
    kubeconfig_path; return
  fi
  local k w started=$SECONDS
  k="$(bin_dir kubernetes)"; w="$(bin_dir kwok)"
  mkdir -p "$state/clusters/$name"
  "$w/kwokctl" delete cluster --name "$name" >/dev/null 2>&1 || true
  # kwokctl reads its own settings and our kwok stages from these files.
  local conf="$state/clusters/$name/kwokctl.yaml"
  cat >"$conf" <<YAML
apiVersion: config.kwok.x-k8s.io/v1alpha1
kind: KwokctlConfiguration
options:
  runtime: binary
  kubeVersion: $("$k/kube-apiserver" --version | awk '{print $2}')
  kubectlBinary: $k/kubectl
  bindAddress: 127.0.0.1
  disableQPSLimits: true
  # kwok reads these from the API server, so testbed/metrics/kwok-metrics.yaml is applied
  # after the cluster is up (kwokctl passes them in its config only with metrics-server).
  enableCRDs: [Metric, ClusterResourceUsage, ResourceUsage]
componentsPatches:
  # The API server's default range (10.0.0.0/24) holds 254 Services: bench deploy 1000 needs more.
  - name: kube-apiserver
    extraArgs:
      - key: service-cluster-ip-range
        value: 10.0.0.0/16
YAML
  local logs="$state/clusters/$name/logs.yaml" attempt
  write_logs "$logs"
  # kwokctl answers 0 even when its kubeconfig could not be written or the cluster never became
  # ready (it logs those), and twice a first start on a fresh machine did not come up while the
  # next came up in seconds: a start is checked, told in full, and tried once more.
  for attempt in 1 2; do
    create "$conf" "$logs" && break
    echo "testbed: cluster $name did not come up (attempt $attempt of 2); kwokctl said:" >&2
    cat "$state/clusters/$name/create.log" >&2
    tell_component_logs
    ((attempt < 2)) || exit 1
    "$w/kwokctl" delete cluster --name "$name" >/dev/null 2>&1 || true
    rm -f "$(kubeconfig_path)"
  done
  add_nodes
  add_metrics
  wait_ready
  echo "testbed: cluster $name ready in $((SECONDS - started))s ($(kctl config view --minify -o jsonpath='{.clusters[0].cluster.server}'))" >&2
  kubeconfig_path
}

stop() {
  local w; w="$(bin_dir kwok)"
  "$w/kwokctl" delete cluster --name "$name" >/dev/null 2>&1 || true
  rm -rf "$state/clusters/$name"
  echo "testbed: cluster $name stopped" >&2
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  kubeconfig) kubeconfig_path ;;
  status) api_answers ;;
  *) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
