import type { ErrorCode } from '@slipway/core';

/** The CLI's exit codes. Scripts branch on them, so they are as stable as the error codes. */
export const ExitCode = {
  ok: 0,
  failed: 1,
  usage: 2,
  unauthenticated: 3,
  unavailable: 4,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** One mapping from the API's error codes to exit codes, so every command agrees. */
export function exitCodeFor(code: ErrorCode): ExitCode {
  switch (code) {
    case 'invalid_input':
      return ExitCode.usage;
    case 'unauthenticated':
    case 'forbidden':
      return ExitCode.unauthenticated;
    case 'unavailable':
    case 'timeout':
      return ExitCode.unavailable;
    default:
      return ExitCode.failed;
  }
}

/** Thrown by a command that has already printed its report (e.g. doctor) to end with a code. */
export class ExitWith extends Error {
  constructor(readonly exitCode: ExitCode) {
    super(`exit ${exitCode}`);
    this.name = 'ExitWith';
  }
}

export const exitCodesHelp = `Exit codes:
  0  success
  1  a check or an operation failed, or was refused (a conflict, a deploy freeze)
  2  usage error: unknown command or option, bad argument
  3  not signed in, or the server refused the token (unauthenticated or forbidden)
  4  the server is unreachable or unavailable`;
