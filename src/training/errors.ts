/**
 * Errors whose text names something only the caller knows how to spell: a
 * parameter (the chat writes the flag `--label`, a library caller passes
 * `label`) or the way to cancel a job (the chat has a command for it). This
 * feature does not know those spellings, so such an error keeps its sentence
 * as a function of them: `message` is written with the plain keys, and the
 * caller re-words it with its own (`inWords`). The pricewar feature does the
 * same for its parameters (src/pricewar/errors.ts).
 */
import { UserError, type UserErrorCode } from '../core/errors.js';

/** How the caller's user spells what a message refers to. */
export interface Spelling {
  /** A parameter key (`valSplit`) as the user writes it. */
  param(key: string): string;
  /** How the user cancels a job (`/train cancel <id>`); absent: the message does not say how. */
  readonly cancelCommand?: string;
}

/** The plain spelling: keys as they are, no command. */
export const plainWords: Spelling = { param: (key) => key };

/** A sentence that names parameters (or the cancel command) through the caller's `Spelling`. */
export type Sentence = (words: Spelling) => string;

/** What a caller can re-word. */
export interface Rewordable {
  inWords(words: Spelling): UserError;
}

export function isRewordable(error: unknown): error is UserError & Rewordable {
  return error instanceof UserError && typeof (error as Partial<Rewordable>).inWords === 'function';
}

/** A UserError whose sentence is re-worded by the caller. */
export class WordedError extends UserError implements Rewordable {
  readonly #sentence: Sentence;

  constructor(sentence: Sentence, options: { code?: UserErrorCode; data?: Record<string, unknown> } = {}) {
    super(sentence(plainWords), options);
    this.#sentence = sentence;
  }

  inWords(words: Spelling): UserError {
    return new UserError(this.#sentence(words), { code: this.code, ...(this.data === undefined ? {} : { data: this.data }), cause: this });
  }
}
