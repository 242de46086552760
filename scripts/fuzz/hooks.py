"""Schemathesis hooks for scripts/fuzz.sh (loaded through SCHEMATHESIS_HOOKS=hooks).

The fuzzer calls the API as the initial admin, with that admin's own token. Two calls would
lock it out for the rest of the run, though each is a correct answer of the API: revoking that
token (DELETE /api/v1/tokens/{id}) and deleting the admin's global admin role binding (DELETE
/api/v1/role-bindings/{id}); every later call would be a 401 or 403 and test nothing. Only those
requests, with exactly those ids (SLIPWAY_FUZZ_PROTECTED_IDS, found by the script), are pointed
at an id nothing has, which the API answers with a documented 404. The operations themselves
are still fuzzed, stateful chains that delete what the fuzzer created included; nothing else is
changed or skipped.
"""

import os

import schemathesis

PROTECTED_IDS = {i.strip().lower() for i in os.environ.get("SLIPWAY_FUZZ_PROTECTED_IDS", "").split(",") if i.strip()}
PROTECTED_OPERATIONS = {"/api/v1/tokens/{id}", "/api/v1/role-bindings/{id}"}
UNUSED_ID = "00000000-0000-4000-8000-000000000000"


@schemathesis.hook
def before_call(context, case, kwargs):
    operation = case.operation
    if operation.method.upper() != "DELETE" or operation.path not in PROTECTED_OPERATIONS:
        return
    target = (case.path_parameters or {}).get("id")
    if isinstance(target, str) and target.lower() in PROTECTED_IDS:
        case.path_parameters["id"] = UNUSED_ID
