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
    case 'self_approval':
      return ExitCode.unauthenticated;
    // Not `not_configured`: trying again does not help until an operator sets the server up,
    // and not `cluster_forbidden` under 3: it is Slipway's ServiceAccount that was refused.
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
  1  a check or an operation failed, or was refused (e.g. environment_paused, frozen, not_configured)
  2  usage error: unknown command or option, bad argument
  3  not signed in, or not allowed (unauthenticated, forbidden, self_approval)
  4  the server, or a service it depends on, is unreachable or unavailable (unavailable, timeout): try again later`;
