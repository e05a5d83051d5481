/**
 * The one place that turns a failure into what the user sees. A `UserError`
 * is shown as is; anything else is a bug: logged with a reference id, and the
 * user sees only the ref. The router (`Bot.handle`) uses it for command
 * failures; an adapter uses it for the rare failure that escapes the router
 * (a broken handler, a reply that could not be delivered), so the wording and
 * the logging are the same everywhere.
 */
import type { Logger } from 'pino';
import { isUserError, newErrorRef } from './errors.js';
import type { Reply } from './reply.js';

export interface FailureReport {
  readonly reply: Reply;
  readonly error: { readonly code: string; readonly message: string; readonly ref?: string };
}

/** The text a user sees for an unexpected failure: the ref, never the error itself. `during` says when ("while answering"). */
export function internalErrorText(ref: string, during?: string): string {
  return `Something went wrong${during === undefined ? '' : ` ${during}`} (ref ${ref}). It has been logged; please try again or report the ref.`;
}

export interface FailureContext {
  /** Fields added to the log line (command, user, message id). */
  readonly fields?: Record<string, unknown>;
  /** The log message for an unexpected failure. */
  readonly what?: string;
  /** Added to the user's text for an unexpected failure: "while answering". */
  readonly during?: string;
}

/** Log `error` and build the reply for it. */
export function reportFailure(error: unknown, log: Logger, context: FailureContext = {}): FailureReport {
  const fields = context.fields ?? {};
  if (isUserError(error)) {
    log.info({ ...fields, code: error.code }, 'user error');
    const reply: Reply = { text: error.message, tone: 'error', ephemeral: true, ...(error.data ? { data: error.data } : {}) };
    return { reply, error: { code: error.code, message: error.message } };
  }
  const ref = newErrorRef();
  log.error({ ...fields, err: error, ref }, context.what ?? 'command failed');
  const text = internalErrorText(ref, context.during);
  return { reply: { text, tone: 'error' }, error: { code: 'internal_error', message: text, ref } };
}
