#!/usr/bin/env bash
# Fuzzes the HTTP API with Schemathesis against its own OpenAPI document: every operation gets
# schema examples, boundary values (coverage), random valid and invalid input (fuzzing) and
# chains of calls (stateful), and every response is checked against the document: no 5xx,
# only documented status codes, content types and headers, bodies matching their schemas.
# Then scripts/fuzz/probes.py sends what a schema never generates (deep nesting, __proto__
# keys, oversized Score fields) and checks each is refused as documented.
#
# It installs Schemathesis once into a venv under $SLIPWAY_CACHE (~/.cache/slipway), starts a
# local cluster (slipway-fuzz) and a Slipway server on a free port with its embedded defaults in
# a temporary directory, and fuzzes it with the initial admin token. Exits non-zero when a check
# fails. Reports (JUnit, NDJSON, the server log) go to reports/fuzz/.
#
# Usage: scripts/fuzz.sh [extra `st run` options]     e.g. --max-examples 200, --phases fuzzing
# Environment: SLIPWAY_FUZZ_SEED (default 1), SLIPWAY_FUZZ_MAX_EXAMPLES (default 25),
#              SLIPWAY_KEEP_TESTBED=1 keeps the cluster running afterwards.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

st_version=4.32.5
cache="${SLIPWAY_CACHE:-$HOME/.cache/slipway}"
venv="$cache/schemathesis-$st_version"
cluster=slipway-fuzz
webhook_secret=fuzz-webhook-secret-0123456789
seed="${SLIPWAY_FUZZ_SEED:-1}"
max_examples="${SLIPWAY_FUZZ_MAX_EXAMPLES:-25}"
reports="$repo/reports/fuzz"

ensure_npm
ensure_testbed_binaries
if [[ ! -x "$venv/bin/st" ]] || ! "$venv/bin/st" --version 2>/dev/null | grep -q "$st_version"; then
  say "installing Schemathesis $st_version into $venv"
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$st_version"
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/slipway-fuzz.XXXXXX")"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  [[ -f "$work/server.log" ]] && cp "$work/server.log" "$reports/server.log" 2>/dev/null || true
  rm -rf "$work"
  if [[ -z "${SLIPWAY_KEEP_TESTBED:-}" ]]; then
    bash "$repo/testbed/cluster.sh" stop "$cluster" >/dev/null 2>&1 || true
  fi
  bash "$repo/testbed/prometheus.sh" stop "$cluster" >/dev/null 2>&1 || true
}
trap cleanup EXIT

say "starting the local Kubernetes cluster $cluster"
kubeconfig="$(bash "$repo/testbed/cluster.sh" start "$cluster" | tail -1)"
# A real metrics source, so the metrics routes answer rather than 503 not_configured.
prometheus="$(bash "$repo/testbed/prometheus.sh" start "$cluster" | tail -1)"

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
# Embedded defaults (PGlite, generated key ring) in the temporary directory. The rate limits are
# raised so the fuzzer reaches the handlers behind them; 429 stays documented on those routes.
cat >"$work/slipway.yaml" <<YAML
server:
  host: 127.0.0.1
  port: $port
  rateLimits: { tokensPerMinute: 1000000, webhooksPerMinute: 1000000, signInsPerMinute: 1000000 }
database: { engine: pglite, dataDir: $work/data }
kubernetes: { kubeconfig: $kubeconfig, prometheus: { url: "$prometheus" } }
# Without a secret the webhooks answer a (documented) 503; with one, the fuzzer reaches the
# signature check and the handler behind it (and the probes sign their bodies with it).
github: { webhookSecret: $webhook_secret }
catalog: { webhookSecret: $webhook_secret }
# Written with its trailing dash, as operators do: it must start, and name namespaces fuzz-ENV.
environments: { namespacePrefix: "fuzz-" }
bootstrap: { tokenFile: $work/initial-admin-token }
log: { level: warn }
YAML

say "starting Slipway on port $port (data in $work)"
cd "$repo"
# Only the file configures this server: no SLIPWAY_* or KUBECONFIG from the caller's shell.
env -u SLIPWAY_DATABASE_URL -u SLIPWAY_DATA_DIR -u SLIPWAY_SECRET_KEYS -u KUBECONFIG \
  $(env | grep -o '^SLIPWAY_[A-Z_]*' | grep -v '^SLIPWAY_CACHE$\|^SLIPWAY_STATE$' | sed 's/^/-u /') \
  node packages/server/bin/slipway-server.mjs --config "$work/slipway.yaml" >"$work/server.log" 2>&1 &
server_pid=$!
base="http://127.0.0.1:$port"
deadline=$((SECONDS + 240))  # generous: CI starts it beside the type-check and the tests
until [[ -s "$work/initial-admin-token" ]] && curl -fsS "$base/readyz" >/dev/null 2>&1; do
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; echo "fuzz: Slipway did not start" >&2; exit 1; }
  ((SECONDS < deadline)) || { cat "$work/server.log" >&2; echo "fuzz: Slipway was not ready in 240s" >&2; exit 1; }
  sleep 0.5
done
token="$(tr -d '[:space:]' <"$work/initial-admin-token")"
# What the fuzzer must not delete, or it locks itself out (scripts/fuzz/hooks.py): the id of its
# token and of the admin's global admin role bindings.
api() { curl -fsS -H "Authorization: Bearer $token" "$base/api/v1/$1"; }
SLIPWAY_FUZZ_PROTECTED_IDS="$(
  { api tokens; echo; api 'role-bindings?user=admin' 2>/dev/null || echo '{"items": []}'; } | python3 -c '
import json, sys
tokens, bindings = (json.loads(line) for line in sys.stdin if line.strip())
ids = [t["id"] for t in tokens["items"] if t["name"].startswith("initial-admin-")]
ids += [b["id"] for b in bindings["items"] if b.get("role") == "admin"]
print(",".join(ids))'
)"
export SLIPWAY_FUZZ_PROTECTED_IDS

rm -rf "$reports"; mkdir -p "$reports"
say "fuzzing $base/openapi.json (seed $seed, up to $max_examples cases per operation and phase)"
started=$SECONDS
status=0
# Every check runs but positive_data_acceptance: it expects any schema-valid request to be
# accepted, while the API also checks what a schema cannot say (that a named cluster, environment
# or team exists, the password policy, a freeze ending after it starts, text PostgreSQL can store)
# and answers those with a documented 400 naming the field. 5xx, undocumented statuses, content
# types and headers, bodies off their schema, and invalid input accepted all still fail the run.
# From the temporary directory: Schemathesis keeps a cache of past failures in ./.schemathesis,
# and a run should depend on its seed only.
(cd "$work" && SCHEMATHESIS_HOOKS=hooks PYTHONPATH="$repo/scripts/fuzz" "$venv/bin/st" --no-color --config-file "$repo/scripts/fuzz/schemathesis.toml" run "$base/openapi.json" \
  --header "Authorization: Bearer $token" \
  --checks all \
  --exclude-checks positive_data_acceptance \
  --phases examples,coverage,fuzzing,stateful \
  --max-examples "$max_examples" \
  --seed "$seed" \
  --generation-database none \
  --workers 2 \
  --request-timeout 30 \
  --report junit,ndjson --report-dir "$reports" \
  --report-junit-path "$reports/junit.xml" --report-ndjson-path "$reports/events.ndjson" \
  "$@") | tee "$reports/schemathesis.txt" || status=$?
elapsed=$((SECONDS - started))

# Hostile requests the schema never generates (scripts/fuzz/probes.py): bodies nested 10,000
# deep and __proto__ keys on every operation with a body, signed out too, megabyte Score fields.
say "probing $base with hostile bodies"
probe_status=0
python3 "$repo/scripts/fuzz/probes.py" "$base" "$token" "$webhook_secret" | tee "$reports/probes.txt" || probe_status=$?

# One line to quote: operations, test cases, failures, server errors seen in the log, time.
unhandled="$(grep -c '"unhandled error"' "$work/server.log" || true)"
"$venv/bin/python" - "$reports" "$elapsed" "$unhandled" "$status" <<'PY'
import re, sys, xml.etree.ElementTree as ET
reports, elapsed, unhandled, status = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
cases = list(ET.parse(f"{reports}/junit.xml").getroot().iter("testcase"))
operations = [c for c in cases if c.get("name") != "Stateful tests"]
failing = [c.get("name") for c in cases if c.find("failure") is not None or c.find("error") is not None]
generated = re.search(r"(\d+) generated", open(f"{reports}/schemathesis.txt").read())
print(f"fuzz: {len(operations)} operations (+ stateful), {generated.group(1) if generated else '?'} test cases, "
      f"{len(failing)} failing, {unhandled} unhandled errors in the server log, {elapsed // 60}m{elapsed % 60:02d}s "
      f"(schemathesis exit {status}); reports in {reports}")
for name in failing:
    print(f"  failing: {name}")
PY
tail -1 "$reports/probes.txt"
if [[ "$probe_status" != 0 ]]; then
  echo "fuzz: a probe failed (see $reports/probes.txt)" >&2
  [[ "$status" != 0 ]] || status=1
fi
if [[ "$unhandled" != "0" ]]; then
  echo "fuzz: the server logged unhandled errors (see $reports/server.log)" >&2
  [[ "$status" != 0 ]] || status=1
fi
exit "$status"
