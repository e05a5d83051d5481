// Argument pieces /faq and /ask share (commands may not import each other),
// and the vote words the feedback buttons send.

import { z } from 'zod';

/** A question's text, for /faq and /ask. */
export const questionText = z.string().max(500, 'is too long (at most 500 characters); ask a shorter question');

/** What `/faq feedback <id> <vote>` accepts: the words on the buttons, or the emoji. */
export const VOTES = ['up', 'down', '👍', '👎'] as const;

export type Vote = (typeof VOTES)[number];
