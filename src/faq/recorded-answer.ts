// Answering a question and recording it, in one step: every answer gets a
// row in the store, whose id is what 👍/👎 feedback refers to and what
// `gaps` counts. The caller says who asked; only a hash of them is stored.

import type { FaqAnswer, FaqEngine } from './engine.js';
import type { LlmAnswerer } from './llm-answer.js';
import type { AskedVisibility, FaqRecords } from './store.js';
import type { Lang } from './types.js';

export interface AskContext {
  /** Where the question came from, as recorded with the answer. */
  readonly platform: string;
  /** `platform:userId`; only its hash is stored. */
  readonly userKey: string;
  /** Who could read the conversation it was asked in (absent = private), and which one (`platform:channel`). */
  readonly visibility?: AskedVisibility;
  readonly conversation?: string;
  readonly onComposing?: (lang: Lang) => void | Promise<void>;
}

export type RecordedAnswer = FaqAnswer & { readonly answerId: number };

export async function answerAndRecord(engine: FaqEngine, store: FaqRecords, question: string, who: AskContext, llm?: LlmAnswerer): Promise<RecordedAnswer> {
  const answer = await engine.answer(question, {
    ...(llm !== undefined ? { llm } : {}),
    ...(who.onComposing !== undefined ? { onComposing: who.onComposing } : {}),
  });
  const answerId = await store.recordAnswer({
    question,
    lang: answer.lang,
    sectionId: answer.section?.id,
    docId: answer.section?.docId,
    score: answer.score,
    confident: answer.confident,
    mode: answer.mode,
    platform: who.platform,
    userKey: who.userKey,
    ...(who.visibility !== undefined ? { visibility: who.visibility } : {}),
    ...(who.conversation !== undefined ? { conversation: who.conversation } : {}),
  });
  return { ...answer, answerId };
}
