"""Hostile requests a schema-driven fuzzer does not make, sent by scripts/fuzz.sh after Schemathesis.

Schemathesis generates input from the OpenAPI document, so it never sends a body nested
10,000 deep, a `__proto__` key, or a Score workload whose image is a megabyte: each of those
once answered 500 or was accepted (issue 14). Every probe names what it expects; any other
answer, and any 5xx, is a failure. Usage:

    python3 probes.py BASE_URL TOKEN WEBHOOK_SECRET

Prints one line per failure and a summary line `probes: N sent, N failing`; exits 1 on a failure.
"""

import hashlib
import hmac
import json
import sys
import urllib.error
import urllib.request

DEPTH_LIMIT = 64  # maxNestingDepth in packages/core/src/errors/input-shape.ts
WEBHOOKS = {"/api/v1/webhooks/github": "pull_request", "/api/v1/webhooks/catalog": "push"}


def send(base, method, path, body, headers):
    data = body.encode() if isinstance(body, str) else body
    request = urllib.request.Request(base + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def error_of(text):
    try:
        return json.loads(text).get("error") or {}
    except ValueError:
        return {}


def operations_with_bodies(document):
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            content = (operation.get("requestBody") or {}).get("content", {})
            if "application/json" in content:
                # Path parameters get a plain value: the body is read before they are validated.
                concrete = "/".join("x" if part.startswith("{") else part for part in path.split("/"))
                yield method.upper(), concrete, operation.get("operationId", path)


def main():
    base, token, secret = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3]
    auth = {"authorization": f"Bearer {token}", "content-type": "application/json"}
    status, text = send(base, "GET", "/openapi.json", None, {})
    document = json.loads(text)
    failures, sent = [], 0

    def probe(name, method, path, body, expect, extra=None):
        nonlocal sent
        sent += 1
        headers = dict(auth)
        if path in WEBHOOKS:
            signature = hmac.new(secret.encode(), body.encode(), hashlib.sha256).hexdigest()
            headers.update({"x-github-event": WEBHOOKS[path], "x-hub-signature-256": f"sha256={signature}"})
        for key, value in (extra or {}).items():
            if value is None:
                headers.pop(key, None)
            else:
                headers[key] = value
        status, text = send(base, method, path, body, headers)
        problem = expect(status, error_of(text))
        if status >= 500 or problem:
            failures.append(f"  failing: {name} {method} {path} -> {status}: {problem or 'a server error'} {text[:200]}")

    def invalid(fragment, path=None):
        def check(status, error):
            if status != 400 or error.get("code") != "invalid_input":
                return "expected 400 invalid_input"
            if fragment not in error.get("message", ""):
                return f"expected the message to say {fragment!r}"
            paths = [f.get("path") for f in error.get("fields", [])]
            if path is not None and path not in paths:
                return f"expected a field at {path}, got {paths}"
            return None

        return check

    deep = '{"a":' * 10_000 + "1" + "}" * 10_000
    for method, path, operation in operations_with_bodies(document):
        probe(f"deep body ({operation})", method, path, deep, invalid(f"nested deeper than {DEPTH_LIMIT} levels"))
        probe(
            f"__proto__ key ({operation})",
            method,
            path,
            '{"x":{"__proto__":{"polluted":true}}}',
            invalid("key named __proto__ at /x/__proto__", "/x/__proto__"),
        )
    # The same without a token: public routes parse bodies too.
    for path in ("/api/v1/auth/token", "/api/v1/auth/session"):
        probe("deep body, signed out", "POST", path, "[" * 200_000 + "]" * 200_000, invalid("nested deeper"), {"authorization": None})

    megabyte = "x" * 1_048_576
    workload = {
        "apiVersion": "score.dev/v1b1",
        "metadata": {"name": "probe"},
        "containers": {"main": {"image": megabyte, "variables": {"BIG": megabyte}}},
    }
    body = json.dumps({"environment": "no-such-environment", "workload": workload})
    probe("Score as JSON, 1 MB image", "POST", "/api/v1/deploys", body, invalid("characters long", "/containers/main/image"))
    probe("Score as JSON, 1 MB variable", "POST", "/api/v1/deploys", body, invalid("characters long", "/containers/main/variables/BIG"))

    for line in failures:
        print(line)
    print(f"probes: {sent} sent, {len(failures)} failing")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
