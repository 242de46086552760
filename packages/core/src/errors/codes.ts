/**
 * The catalogue of error codes a user can see, from the API, the CLI or the portal.
 * A code is stable: clients branch on it, so it is never renamed or reused. Each distinct
 * refusal has its own code; `conflict`, `forbidden` and `unavailable` are left for the cases
 * no finer code describes.
 * The HTTP status lives here too so that every transport maps an error the same way, and so
 * do the words of the API reference's error table (`when` it happens, the `action` to take),
 * so the table is generated from here and cannot drift.
 * Within one status the generic code comes first: it is what an unknown answer maps to.
 */
export const errorCodes = {
  invalid_input: {
    status: 400,
    title: 'The request is not valid',
    when: 'A field, parameter or header breaks a rule; `fields` holds the JSON Pointer of each offending field.',
    action: 'Fix the named fields and send the request again.',
  },
  invalid_config: {
    status: 400,
    title: 'The configuration is not valid',
    when: "Slipway's own configuration (file, environment variables, key ring) is wrong or incomplete.",
    action: 'An operator fixes the configuration; the message names the setting.',
  },
  invalid_promql: {
    status: 400,
    title: 'Prometheus refused the query',
    when: "A PromQL query does not parse or cannot be run (e.g. it matches many series to many); the message is Prometheus's own.",
    action: 'Fix the query where the message says (line:column) and try it in Prometheus first.',
  },
  policy_violation: {
    status: 400,
    title: 'A policy refuses the release',
    when: "The release breaks an enforced CEL policy of the platform; `fields` holds each violation's path and message, the hint each fix.",
    action:
      'Change the workload as the hint says, or ask a platform engineer about the policy (`slipway policy list`).',
  },
  unauthenticated: {
    status: 401,
    title: 'Sign in first',
    when: 'No token or session was sent, or it is unknown, expired or revoked; or a sign-in or webhook signature failed.',
    action: 'Sign in again (`slipway login`) or send a valid API token.',
  },
  forbidden: {
    status: 403,
    title: 'Not allowed',
    when: 'Your roles, or the scopes of your token, do not allow this request.',
    action: 'Ask an admin for a role that allows it, or use a token with the `write` scope.',
  },
  csrf_failed: {
    status: 403,
    title: 'The CSRF token is missing or wrong',
    when: 'A request that changes something came with a session cookie but without its CSRF token.',
    action: 'Send the `x-csrf-token` header the session gave; reload the portal if it is open.',
  },
  self_approval: {
    status: 403,
    title: 'Someone else must approve',
    when: 'You tried to approve a release you asked for: approvals take two people.',
    action: 'Ask a colleague to approve it (`slipway approve ID`).',
  },
  cluster_forbidden: {
    status: 403,
    title: "The cluster refused Slipway's ServiceAccount",
    when: 'The Kubernetes API refused to let Slipway read or apply objects (its RBAC rules); your own rights are not at stake.',
    action: "An operator grants Slipway's ServiceAccount the rules in docs/operator-guide.md.",
  },
  not_found: {
    status: 404,
    title: 'Not found',
    when: 'The route, or the object it names, does not exist (or was deleted).',
    action: 'Check the name or id; list what exists with the matching `GET` route.',
  },
  method_not_allowed: {
    status: 405,
    title: 'Method not allowed',
    when: 'The path exists but not with this HTTP method.',
    action: 'Use one of the methods in the `allow` header.',
  },
  request_timeout: {
    status: 408,
    title: 'The request did not arrive in time',
    when: 'The request line, headers or body did not all arrive before the server stopped waiting.',
    action: 'Send the request again; check the network between you and Slipway if it keeps happening.',
  },
  conflict: {
    status: 409,
    title: 'Conflict with the current state',
    when: 'The object changed while the request ran (e.g. two requests at once), or Kubernetes refused an apply as conflicting.',
    action: 'Read the current state and try again.',
  },
  already_exists: {
    status: 409,
    title: 'It exists already',
    when: 'An object with this name (or namespace, or binding) exists already.',
    action: 'Pick another name, or use or delete the existing one.',
  },
  in_use: {
    status: 409,
    title: 'Still in use',
    when: 'What you delete is still used: an environment type by environments, a cluster by environments, a team owning services or environments.',
    action: 'Delete or move what uses it first; the message names them.',
  },
  state_dir_in_use: {
    status: 409,
    title: 'Another server uses this state directory',
    when: 'A Slipway server starts on a state directory another running server holds (its `server.lock`).',
    action: 'Stop the other server, or give this one its own `stateDir` (`SLIPWAY_STATE_DIR`).',
  },
  last_admin: {
    status: 409,
    title: 'The last admin stays',
    when: 'Removing this role binding would leave Slipway without an admin.',
    action: 'Make someone else an admin first.',
  },
  self_disable: {
    status: 409,
    title: 'You cannot disable yourself',
    when: 'An admin tried to disable their own account.',
    action: 'Another admin can disable it.',
  },
  environment_paused: {
    status: 409,
    title: 'The environment is paused',
    when: 'A deploy, redeploy or promotion went to a paused environment.',
    action: 'Resume it first (`slipway env resume NAME`).',
  },
  environment_deleting: {
    status: 409,
    title: 'The environment is being deleted',
    when: 'The environment is being deleted, so it takes no release and no change.',
    action: 'Wait until it is gone and create it again, or use another environment.',
  },
  environment_deleted: {
    status: 409,
    title: 'The environment was deleted',
    when: 'A redeploy or rollback named a release of an environment that no longer exists.',
    action: 'Deploy to a live environment instead.',
  },
  release_not_awaiting_approval: {
    status: 409,
    title: 'The release is not waiting for approval',
    when: 'An approval or rejection came for a release that is not (or no longer) waiting for one: someone else decided first, or it expired.',
    action: 'Look at the release (`slipway releases`); nothing is left to decide.',
  },
  release_never_applied: {
    status: 409,
    title: 'The release never applied',
    when: 'A rollback named a release whose objects never reached the cluster (it failed, was rejected or is still waiting).',
    action: 'Roll back to a release that applied; `slipway releases` shows them.',
  },
  release_not_healthy: {
    status: 409,
    title: 'The release is not healthy',
    when: 'A promotion named a release that never became healthy; only healthy releases are promoted.',
    action: 'Fix it where it runs, or promote the last healthy release by leaving the number out.',
  },
  release_not_verified: {
    status: 409,
    title: 'The release did not pass verification',
    when: 'A promotion into an environment whose type takes only verified releases named a release that did not pass its metric checks where it runs (none applied there, or they failed).',
    action:
      "Promote a release that passed verification (`slipway releases` shows it), or give the source environment's type checks.",
  },
  release_is_current: {
    status: 409,
    title: 'The release is the current one',
    when: 'A rollback named the release that is running now: there is nothing to go back to.',
    action: 'Name an earlier release (`slipway rollback SERVICE --env ENV --to N`).',
  },
  no_healthy_release: {
    status: 409,
    title: 'No healthy release',
    when: 'A promotion, or a rollback without `--to`, found no healthy release to take.',
    action: 'Deploy and let a release become healthy first, or name the release.',
  },
  ambiguous_name: {
    status: 409,
    title: 'The name is ambiguous',
    when: 'A name given to the CLI matches more than one object (e.g. two active tokens of one name).',
    action: 'Name it by id; the hint lists the ids.',
  },
  template_run_ended: {
    status: 409,
    title: 'The template run has ended',
    when: 'A template run was ended elsewhere (another server marked it interrupted) while this one still worked on it.',
    action: 'Start the template again if its result is missing.',
  },
  /** The API server refused a container's logs (not started yet, gone, kubelet unreachable); the message has its reason. */
  logs_unavailable: {
    status: 409,
    title: 'The cluster cannot serve these logs now',
    when: 'The cluster refused the logs of a container: it has not started, is gone, or its node is unreachable.',
    action: 'Wait for the container to start, or read the logs of another one; the message says why.',
  },
  frozen: {
    status: 409,
    title: 'Deploys are frozen',
    when: 'A deploy freeze covers the environment now.',
    action: 'Wait until the freeze ends, or ask whoever set it; `slipway freeze list` shows them.',
  },
  payload_too_large: {
    status: 413,
    title: 'The request body is too large',
    when: 'The body is larger than `server.bodyLimitBytes` (default 4 MiB).',
    action: 'Send less, or ask an operator to raise the limit.',
  },
  unsupported_media_type: {
    status: 415,
    title: 'Unsupported content type',
    when: 'The body is not `application/json` (or the type the route takes).',
    action: 'Send `content-type: application/json`.',
  },
  rate_limited: {
    status: 429,
    title: 'Too many requests',
    when: 'Too many requests (or sign-in attempts) came in a short time.',
    action: 'Wait for the time in the `retry-after` header and try again.',
  },
  headers_too_large: {
    status: 431,
    title: 'The request line and headers are too large',
    when: 'The URL and headers together are over 16 KiB, more than the HTTP parser reads.',
    action: 'Send fewer or shorter query parameters (or a long filter in parts), or smaller cookies and headers.',
  },
  internal: {
    status: 500,
    title: 'Something went wrong inside Slipway',
    when: 'An unexpected error inside Slipway.',
    action: "Try again; if it persists, report it with the server's log.",
  },
  unavailable: {
    status: 503,
    title: 'A service Slipway depends on is unavailable',
    when: 'The database, the Kubernetes API, a Git host or the identity provider could not be reached or failed.',
    action: 'Try again later; if it persists, an operator checks that service (`slipway doctor`).',
  },
  not_configured: {
    status: 503,
    title: 'This Slipway is not set up for it',
    when: 'The feature needs a setting this server lacks: a Kubernetes cluster, a key ring for secrets, a webhook secret, the catalog.',
    action: 'An operator sets it up; the hint names the setting. Trying again does not help until then.',
  },
  timeout: {
    status: 504,
    title: 'A service Slipway depends on did not answer in time',
    when: 'A service Slipway waited on (the cluster, a preview) did not answer or settle in time.',
    action: 'Try again; check the cluster if it persists.',
  },
} as const satisfies Record<string, ErrorCodeInfo>;

/** What the catalogue says about one code. */
export interface ErrorCodeInfo {
  status: number;
  title: string;
  /** When it happens, in a sentence (the API reference's error table). */
  when: string;
  /** What the client or the user does about it. */
  action: string;
}

export type ErrorCode = keyof typeof errorCodes;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(errorCodes, value);
}
