import { ApiException } from '@kubernetes/client-node';
import { type FieldIssue, kubeFieldToPointer, SlipwayError } from '@slipway/core';

interface KubeStatus {
  message?: string;
  reason?: string;
  code?: number;
  details?: { name?: string; kind?: string; causes?: Array<{ reason?: string; message?: string; field?: string }> };
}

/**
 * Translates what the Kubernetes API said into Slipway's error model, keeping the API
 * server's own message and naming the object and, where it says so, the field.
 * `what` names the object, e.g. "Deployment web".
 */
export function fromKubeError(error: unknown, what: string): SlipwayError {
  if (!(error instanceof ApiException)) {
    const e = error as { code?: string; cause?: { code?: string }; message?: string };
    const code = e.code ?? e.cause?.code;
    return new SlipwayError(
      'unavailable',
      `Cannot reach the Kubernetes API while applying ${what}: ${code ?? e.message ?? String(error)}`,
      {
        cause: error,
      },
    );
  }
  const status = parseStatus(error.body);
  const message = status.message ?? `HTTP ${error.code}`;
  const fields: FieldIssue[] = (status.details?.causes ?? [])
    .filter((c) => c.field)
    .map((c) => ({ path: kubeFieldToPointer(c.field ?? ''), message: c.message ?? c.reason ?? 'is not valid' }));
  switch (error.code) {
    case 400:
    case 422:
      return new SlipwayError('invalid_input', `Kubernetes refused ${what}: ${message}`, { fields });
    case 404:
      return new SlipwayError('invalid_input', `The cluster has no API for ${what}: ${message}`, {
        hint: 'Is the CustomResourceDefinition installed, and is the apiVersion right?',
      });
    case 401:
    case 403:
      return new SlipwayError('cluster_forbidden', `Slipway may not apply ${what} in this cluster: ${message}`, {
        hint: "Check the RBAC rules of Slipway's ServiceAccount (docs/operator-guide.md).",
      });
    case 409:
      return new SlipwayError('conflict', `Conflict applying ${what}: ${message}`);
    default:
      return new SlipwayError('unavailable', `The Kubernetes API failed applying ${what}: ${message}`, {
        cause: error,
      });
  }
}

function parseStatus(body: unknown): KubeStatus {
  if (typeof body === 'string') {
    try {
      return JSON.parse(body) as KubeStatus;
    } catch {
      return { message: body.slice(0, 500) };
    }
  }
  return (body ?? {}) as KubeStatus;
}

/** Plain words for the socket errors a client meets when a cluster cannot be reached. */
const socketErrors: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
};

/**
 * The most telling part of a failed call to a cluster: the socket error in plain words, the
 * API server's own message, or the error's.
 */
export function describeFailure(error: unknown): string {
  const e = error as { code?: unknown; cause?: { code?: unknown }; body?: unknown; message?: string };
  const code = [e.code, e.cause?.code].find((c): c is string => typeof c === 'string');
  if (code) return socketErrors[code] ?? code;
  if (typeof e.body === 'string' && e.body) return parseStatus(e.body).message ?? e.body.slice(0, 200);
  return e.message ?? String(error);
}

/**
 * Whether a call failed because the cluster could not be reached (no answer at all: a socket
 * error, a timeout), as opposed to the API server answering with a refusal or an error. The
 * first says nothing about what was sent and is worth trying again; the second is a verdict.
 */
export function isUnreachable(error: unknown): boolean {
  for (const e of causes(error)) {
    if (e instanceof ApiException) return false;
    const { code, name, type } = e as { code?: unknown; name?: unknown; type?: unknown };
    if (typeof code === 'string' && code in socketErrors) return true;
    if (name === 'AbortError' || name === 'TimeoutError' || type === 'request-timeout') return true;
  }
  return false;
}

export function isNotFound(error: unknown): boolean {
  return error instanceof ApiException && error.code === 404;
}

/**
 * Whether a request died on a connection the other end closed as it was sent (reset, broken
 * pipe). With kept-alive connections (kube/connection-reuse.ts) that happens when the API
 * server closes an idle one in the instant a request goes out on it: the request never arrived,
 * and a read may be sent again at once.
 */
export function isConnectionReset(error: unknown): boolean {
  return causes(error).some((e) => {
    const { code } = e as { code?: unknown };
    return code === 'ECONNRESET' || code === 'EPIPE';
  });
}

/** An error and the causes it wraps, outermost first (five deep at most: a cycle ends there). */
function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e: unknown = error; e && chain.length < 5; e = (e as { cause?: unknown }).cause) chain.push(e);
  return chain;
}
