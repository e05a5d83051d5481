// Optional LLM answers: the retrieved passages go to a chat model (through
// langchain, via src/llm) with a prompt that confines it to them. Only
// called when retrieval is confident: a model must never answer a question
// the knowledge base cannot ground. Any failure (timeout, HTTP error, a
// reply that says the passages do not answer) is the caller's cue to fall
// back to the extractive answer.

import type { Config } from '../config.js';
import { complete, createChatModel, LlmError, llmOptionsFromConfig, type BaseChatModel, type ChatMessage } from '../llm/index.js';
import type { Lang } from './types.js';

export interface Passage {
  /** "Document title › Section", as cited. */
  readonly label: string;
  readonly text: string;
}

export interface LlmAnswerer {
  /** "provider/model", for logs and `data`. */
  readonly name: string;
  compose(question: string, lang: Lang, passages: readonly Passage[]): Promise<string>;
}

/** The marker the prompt asks for when the passages do not answer the question. */
export const NO_ANSWER = 'NO_ANSWER';

export function groundedMessages(question: string, lang: Lang, passages: readonly Passage[]): ChatMessage[] {
  const language = lang === 'zh' ? 'Chinese (简体中文)' : 'English';
  const length = lang === 'zh' ? 'at most 200 Chinese characters' : 'at most 120 words';
  const system = [
    'You answer questions in a team chat using ONLY the numbered passages below, taken from a knowledge base about the LLM API price war.',
    'Rules:',
    '1. Use only facts stated in the passages. Do not add facts, numbers, dates, names or quotes that are not in them.',
    '2. Never attribute words to a person unless a passage attributes them to that person.',
    `3. If the passages do not answer the question, reply with exactly ${NO_ANSWER} and nothing else.`,
    `4. Answer in ${language}, in ${length}, plainly, without a preamble.`,
    '5. Cite the passages you used as [1], [2] after the sentences that use them.',
  ].join('\n');
  const context = passages.map((p, i) => `[${i + 1}] ${p.label}\n${p.text}`).join('\n\n');
  return [
    { role: 'system', content: system },
    { role: 'user', content: `Passages:\n\n${context}\n\nQuestion: ${question}` },
  ];
}

/** A composer over any langchain chat model. */
export function modelAnswerer(model: BaseChatModel, name: string, timeoutMs: number): LlmAnswerer {
  return {
    name,
    async compose(question, lang, passages) {
      const text = await complete(model, groundedMessages(question, lang, passages), { timeoutMs });
      if (text.replace(/[\s.。]/g, '').toUpperCase() === NO_ANSWER || text.trim().startsWith(NO_ANSWER)) {
        throw new LlmError('the model found no answer in the passages', { kind: 'empty' });
      }
      return text;
    },
  };
}

export type LlmSetup = { readonly answerer: LlmAnswerer; readonly disabled?: undefined } | { readonly answerer?: undefined; readonly disabled: string };

/**
 * The answerer the configuration asks for, or why there is none. Without
 * LLM_PROVIDER nothing is ever called; a provider without a model is
 * reported (not guessed), because a wrong default model fails every answer.
 */
export function llmFromConfig(config: Config): LlmSetup {
  const options = llmOptionsFromConfig(config);
  if (options === undefined) return { disabled: 'LLM_PROVIDER is not set' };
  if (config.LLM_MODEL === undefined) return { disabled: `LLM_PROVIDER=${options.provider} but LLM_MODEL is not set` };
  try {
    const model = createChatModel(options);
    return { answerer: modelAnswerer(model, `${config.LLM_PROVIDER}/${config.LLM_MODEL}`, config.LLM_TIMEOUT_MS) };
  } catch (error) {
    return { disabled: error instanceof LlmError ? error.message : `LLM setup failed: ${(error as Error).message}` };
  }
}
