/**
 * LLM mode: the topics are written by a chat model (langchain, through
 * src/llm), map-reduce style. Map: each chunk of numbered messages →
 * topic bullets that cite message numbers ("[3][7]"). Reduce: the partial
 * lists → one list. The numbers are turned back into links here, so a link
 * never depends on the model copying a URL correctly, and a number the
 * model invented is dropped, and so is a bullet left citing nothing.
 * Highlights, open questions and bot activity stay extractive: they must
 * point at real messages, and the open questions are exactly the detector's
 * (src/summary/questions.ts); the model can neither add nor drop one.
 */
import { complete, LlmError, type BaseChatModel, type ChatMessage } from '../llm/index.js';
import type { AnalyzedMessage } from './analysis.js';
import type { ExtractiveParts } from './extractive.js';
import type { SummaryLang, Topic } from './types.js';

export interface LlmSummaryOptions {
  /** The model, or a factory (so that a configuration error becomes a fallback, not a crash). */
  readonly model: BaseChatModel | (() => BaseChatModel);
  /** Per call; the whole map-reduce makes at most `maxChunks + 1` calls. */
  readonly timeoutMs: number;
  readonly chunkChars?: number;
  readonly maxChunks?: number;
  readonly signal?: AbortSignal;
}

const DEFAULT_CHUNK_CHARS = 6000;
const DEFAULT_MAX_CHUNKS = 6;
const MESSAGE_CHARS = 500;

const LANG_NAME: Record<SummaryLang, string> = { zh: 'Simplified Chinese', en: 'English' };

export async function llmTopics(parts: ExtractiveParts, lang: SummaryLang, count: number, options: LlmSummaryOptions): Promise<Topic[]> {
  const { analysis, ranking } = parts;
  const chunkChars = options.chunkChars ?? DEFAULT_CHUNK_CHARS;
  const maxChunks = options.maxChunks ?? DEFAULT_MAX_CHUNKS;
  const line = (number: number, a: AnalyzedMessage): string => {
    const who = a.message.userName ?? analysis.names.get(a.message.user) ?? a.message.user;
    const text = a.display.length > MESSAGE_CHARS ? `${a.display.slice(0, MESSAGE_CHARS)}…` : a.display;
    return `[${number}] ${who}${a.message.threadId !== undefined ? ' (in a thread)' : ''}: ${text}`;
  };

  // Numbers follow time order; when the channel is too long for the budget, keep its best-ranked messages.
  let chosen = [...analysis.content];
  const budget = chunkChars * maxChunks;
  const cost = (i: number): number => Math.min(MESSAGE_CHARS, (analysis.messages[i] as AnalyzedMessage).display.length) + 40;
  if (chosen.reduce((s, i) => s + cost(i), 0) > budget) {
    const keep = new Set<number>();
    let used = 0;
    for (const i of ranking.order) {
      if (used + cost(i) > budget) continue;
      keep.add(i);
      used += cost(i);
    }
    chosen = chosen.filter((i) => keep.has(i));
  }
  if (chosen.length === 0) return [];
  const numbered = chosen.map((index, k) => ({ number: k + 1, a: analysis.messages[index] as AnalyzedMessage }));

  const chunks: string[][] = [[]];
  let size = 0;
  for (const { number, a } of numbered) {
    const text = line(number, a);
    if (size + text.length > chunkChars && (chunks[chunks.length - 1] as string[]).length > 0) {
      chunks.push([]);
      size = 0;
    }
    (chunks[chunks.length - 1] as string[]).push(text);
    size += text.length + 1;
  }

  const system: ChatMessage = {
    role: 'system',
    content: 'You summarise a team chat channel about large-language-model API prices. Use only what the messages say. Reply with bullet lines only, no introduction.',
  };
  const format = `Each bullet: "- <one sentence naming the topic and what was said or decided> [n][m]", citing the numbers of the messages it is based on. Write in ${LANG_NAME[lang]}.`;
  const model = typeof options.model === 'function' ? options.model() : options.model;
  const call = (content: string): Promise<string> =>
    complete(model, [system, { role: 'user', content }], { timeoutMs: options.timeoutMs, ...(options.signal ? { signal: options.signal } : {}) });

  const partials: string[] = [];
  for (const chunk of chunks) {
    partials.push(await call(`Messages (number, author, text):\n${chunk.join('\n')}\n\nList up to ${count} main topics of these messages, most important first. ${format}`));
  }
  const final =
    partials.length === 1
      ? (partials[0] as string)
      : await call(
          `These are topic lists from consecutive parts of one channel:\n\n${partials.map((p, k) => `Part ${k + 1}:\n${p}`).join('\n\n')}\n\n` +
            `Merge them into at most ${count} topics for the whole channel, most important first; merge duplicates and keep every cited message number. ${format}`,
        );

  const byNumber = new Map(numbered.map(({ number, a }) => [number, a] as const));
  const topics = parseBullets(final)
    .map(({ text, refs }) => {
      const cited = [...new Set(refs)].map((n) => byNumber.get(n)).filter((a): a is AnalyzedMessage => a !== undefined);
      const first = cited[0];
      return {
        title: text,
        keywords: [],
        summary: text,
        messageCount: cited.length,
        participants: new Set(cited.map((a) => a.message.user)).size,
        link: first?.message.permalink ?? null,
        messageIds: cited.map((a) => a.message.id),
      } satisfies Topic;
    })
    // A bullet that cites no real message cannot be checked or linked: it is the model's, not the channel's.
    .filter((t) => t.title !== '' && t.messageIds.length > 0)
    .slice(0, count);
  if (topics.length === 0) throw new LlmError('the model returned no usable topic list', { kind: 'empty' });
  return topics;
}

/** "- text [3][7]" / "1. text [3, 7]" → text and cited numbers. */
export function parseBullets(reply: string): { text: string; refs: number[] }[] {
  const out: { text: string; refs: number[] }[] = [];
  for (const raw of reply.split(/\r?\n/)) {
    const m = /^\s*(?:[-*•·]|\d{1,2}[.)、])\s+(.+)$/u.exec(raw);
    if (m === null) continue;
    const body = m[1] as string;
    const refs: number[] = [];
    for (const r of body.matchAll(/\[(\d+(?:\s*[,，、]\s*\d+)*)\]/gu)) for (const n of (r[1] as string).split(/[,，、]/u)) refs.push(Number(n.trim()));
    const text = body
      .replace(/\s*\[(\d+(?:\s*[,，、]\s*\d+)*)\]/gu, '')
      .replace(/\*\*/g, '')
      .trim();
    out.push({ text, refs });
  }
  return out;
}

/** One line for the reader: why the LLM summary is not there. */
export function describeLlmFailure(error: unknown): string {
  if (error instanceof LlmError) {
    switch (error.kind) {
      case 'timeout':
        return `the language model did not answer in time (${error.message})`;
      case 'config':
        return `the language model is not configured correctly (${error.message})`;
      case 'empty':
        return `the language model returned nothing usable (${error.message})`;
      default:
        return `the language model call failed (${error.message})`;
    }
  }
  return `the language model summary failed (${error instanceof Error ? error.message : String(error)})`;
}
