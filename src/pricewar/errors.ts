/**
 * Errors that name the caller's parameters. The analyses do not know how
 * their caller spells a parameter to its user (the chat layer writes a
 * command-line flag; a library caller passes `until`), so an error keeps its
 * sentence as a function of a naming rule: `message` uses the keys as they
 * are, and the caller re-words it with its own names (`inWords`).
 */
import { ArgumentError, UserError } from '../core/errors.js';

/** How the caller's user spells a parameter, given its key (`minChange`). */
export type ParamName = (param: string) => string;

/** The default: the option key itself, as a library caller passes it. */
export const paramKey: ParamName = (param) => param;

/** A sentence that names parameters through the caller's `ParamName`. */
export type ParamSentence = (name: ParamName) => string;

/** An error whose text names parameters and can be re-worded by the caller. */
export interface NamesParams {
  /** The keys the sentence names, e.g. `['since', 'until']`. */
  readonly params: readonly string[];
  /** The same error, with the parameters written as `name` spells them. */
  inWords(name: ParamName): UserError;
}

/** A parameter value the analysis cannot use (`bad_arguments`). */
export class ParamError extends ArgumentError implements NamesParams {
  constructor(
    readonly params: readonly string[],
    private readonly sentence: ParamSentence,
  ) {
    super(sentence(paramKey));
  }

  inWords(name: ParamName): UserError {
    return new ArgumentError(this.sentence(name));
  }
}

/** The data lacks what the request needs, and the sentence suggests another parameter (`not_found`). */
export class MissingDataError extends UserError implements NamesParams {
  constructor(
    readonly params: readonly string[],
    private readonly sentence: ParamSentence,
  ) {
    super(sentence(paramKey), { code: 'not_found' });
  }

  inWords(name: ParamName): UserError {
    return new UserError(this.sentence(name), { code: 'not_found', cause: this });
  }
}

export function namesParams(error: unknown): error is UserError & NamesParams {
  return error instanceof ParamError || error instanceof MissingDataError;
}
