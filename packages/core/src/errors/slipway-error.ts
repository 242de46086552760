import { type ErrorCode, errorCodes, isErrorCode } from './codes.ts';

/** One problem with one field of the input, addressed by a JSON Pointer (RFC 6901). */
export interface FieldIssue {
  /** JSON Pointer to the offending field, e.g. `/containers/main/image`; `` for the whole input. */
  path: string;
  message: string;
  /** Which part of an HTTP request holds the field; absent for the body or a file. */
  in?: 'body' | 'query' | 'path' | 'header';
}

/** The wire shape of every error Slipway returns: `{ "error": ErrorBody }`. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  fields?: FieldIssue[];
  /** A hint at what to do about it, in plain words. */
  hint?: string;
}

export interface SlipwayErrorOptions {
  fields?: FieldIssue[];
  hint?: string;
  cause?: unknown;
}

/**
 * The one error type of Slipway's domain. Transports (HTTP, CLI, portal) map it once;
 * code below them throws it and never thinks about status codes.
 */
export class SlipwayError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldIssue[] | undefined;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, options: SlipwayErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SlipwayError';
    this.code = code;
    this.fields = options.fields;
    this.hint = options.hint;
  }

  get status(): number {
    return errorCodes[this.code].status;
  }

  toBody(): ErrorBody {
    const body: ErrorBody = { code: this.code, message: this.message };
    if (this.fields?.length) body.fields = this.fields;
    if (this.hint) body.hint = this.hint;
    return body;
  }

  /**
   * Rebuilds an error from a wire body (used by the CLI and the portal). A code this client
   * does not know yet (a newer server's) becomes the generic code of the status, keeping the
   * server's message and hint.
   */
  static fromBody(body: unknown, fallbackStatus?: number): SlipwayError {
    const inner = (body as { error?: Partial<Record<keyof ErrorBody, unknown>> } | undefined)?.error;
    if (inner && typeof inner.code === 'string' && typeof inner.message === 'string') {
      const code = isErrorCode(inner.code) ? inner.code : codeForStatus(fallbackStatus);
      return new SlipwayError(code, inner.message, {
        ...(Array.isArray(inner.fields) ? { fields: inner.fields as FieldIssue[] } : {}),
        ...(typeof inner.hint === 'string' && inner.hint ? { hint: inner.hint } : {}),
      });
    }
    return new SlipwayError(
      codeForStatus(fallbackStatus),
      `Unexpected response${fallbackStatus ? ` (HTTP ${fallbackStatus})` : ''}`,
    );
  }
}

/** The code that best describes an HTTP status we did not produce ourselves. */
export function codeForStatus(status: number | undefined): ErrorCode {
  const match = Object.entries(errorCodes).find(([, v]) => v.status === status);
  if (match) return match[0] as ErrorCode;
  return status !== undefined && status >= 400 && status < 500 ? 'invalid_input' : 'internal';
}

export const invalidInput = (message: string, fields: FieldIssue[] = [], hint?: string) =>
  new SlipwayError('invalid_input', message, { fields, ...(hint ? { hint } : {}) });

export const notFound = (what: string, hint?: string) =>
  new SlipwayError('not_found', `${what} was not found`, hint ? { hint } : {});

export const conflict = (message: string, hint?: string) => new SlipwayError('conflict', message, hint ? { hint } : {});

export const alreadyExists = (message: string, hint?: string) =>
  new SlipwayError('already_exists', message, hint ? { hint } : {});
