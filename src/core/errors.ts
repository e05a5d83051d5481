/**
 * Expected failures are typed. A `UserError` (and its subclasses) is shown to the
 * user as is; anything else is treated as a bug: logged with a reference id and
 * shown only as "something went wrong (ref …)". The single place that makes this
 * distinction is `Bot.handle` in ./bot.ts.
 */
import { randomBytes } from 'node:crypto';

export type UserErrorCode =
  | 'user_error'
  | 'bad_arguments'
  | 'unknown_command'
  | 'forbidden'
  | 'unsupported'
  | 'not_found'
  | 'limit_exceeded';

export class UserError extends Error {
  override readonly name: string = 'UserError';
  readonly code: UserErrorCode;
  /** Optional machine-readable details (shown in `--json` output as `data`). */
  readonly data: Record<string, unknown> | undefined;

  constructor(message: string, options: { code?: UserErrorCode; data?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code ?? 'user_error';
    this.data = options.data;
  }
}

/** Arguments did not match the command's schema (or could not be tokenised). */
export class ArgumentError extends UserError {
  override readonly name = 'ArgumentError';
  constructor(message: string, data?: Record<string, unknown>) {
    super(message, data === undefined ? { code: 'bad_arguments' } : { code: 'bad_arguments', data });
  }
}

/** The user may not run this command (the denial is also logged by the router). */
export class PermissionError extends UserError {
  override readonly name = 'PermissionError';
  constructor(message: string) {
    super(message, { code: 'forbidden' });
  }
}

/** The platform adapter lacks an optional capability (history, file upload, …). */
export class CapabilityError extends UserError {
  override readonly name = 'CapabilityError';
  constructor(platform: string, capability: string, hint?: string) {
    super(`This bot cannot ${capability} on ${platform}${hint ? `: ${hint}` : '.'}`, { code: 'unsupported' });
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

/** A short reference id that a user can quote and an operator can grep in the logs. */
export function newErrorRef(): string {
  return randomBytes(4).toString('hex');
}
