/**
 * Turns a channel's messages into what the ranking needs: which messages are
 * conversation (people, with content), their tokens (jieba for Chinese,
 * stemmed English, via src/text), TF-IDF vectors, the thread structure, and
 * a readable surface form for every stem ("pricing" → "price" is good for
 * matching but a topic label should say "pricing").
 */
import { tokenize } from '../text/index.js';
import { contentText, displayText, type NameLookup } from './clean.js';
import type { ChannelMessage } from './types.js';

/** Sparse vector: term ids ascending, weights aligned, L2 norm 1 (or empty). */
export interface SparseVector {
  readonly terms: Int32Array;
  readonly weights: Float64Array;
}

export type MessageKind = 'content' | 'trivial' | 'command' | 'bot' | 'system';

export interface AnalyzedMessage {
  readonly index: number;
  readonly message: ChannelMessage;
  readonly kind: MessageKind;
  /** Text for people (mentions resolved). */
  readonly display: string;
  /** Tokens of `content` messages; empty for other kinds. */
  readonly tokens: readonly string[];
  /** TF-IDF over the conversation messages; empty for other kinds. */
  vector: SparseVector;
  /** Thread root id for replies, own id for roots and lone messages. */
  readonly threadKey: string;
}

export interface Analysis {
  readonly messages: readonly AnalyzedMessage[];
  /** Indexes of `content` messages (people, with words), oldest first. */
  readonly content: readonly number[];
  readonly byId: ReadonlyMap<string, AnalyzedMessage>;
  /** Thread root id → replies (any kind), oldest first. */
  readonly replies: ReadonlyMap<string, readonly AnalyzedMessage[]>;
  readonly names: NameLookup;
  /** token → term id (content messages' tokens only) */
  readonly termIds: ReadonlyMap<string, number>;
  /** term id → number of content messages containing it */
  readonly df: Int32Array;
  /** stem → the form people wrote most often */
  readonly surface: ReadonlyMap<string, string>;
}

// Acknowledgements and reactions typed as text: part of the conversation, not content.
const TRIVIAL = /^(?:\+\d+|[-+]?1|ok(?:ay)?|k|kk|thx|thanks?(?: you| a lot| all)?|ty|lol|lmao|haha+|hehe+|nice|cool|great|agreed?|same(?: here)?|me too|yes|yep|yeah|no|nope|sure|got it|will do|done|noted|\+1 same|同问|同求|同上|谢谢(?:大家|你)?|多谢|感谢|好的?|好滴|嗯+|哈+|收到|了解|明白了?|赞|牛|可以|对|是的|没错|确实|\?+|？+)[\s!.。！~～,，]*$/iu;
const COMMAND = /^\s*(?:\/[a-z][\w-]*|![a-z][\w-]*)(?:\s|$)/i;
const HAS_WORD = /[\p{L}\p{N}]/u;
const LATIN_WORD = /[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*/g;

function isTrivial(text: string): boolean {
  const t = text.trim();
  return t === '' || !HAS_WORD.test(t) || TRIVIAL.test(t);
}

export function analyze(messages: readonly ChannelMessage[]): Analysis {
  const names = new Map<string, string>();
  for (const m of messages) if (m.userName !== undefined && m.userName !== '') names.set(m.user, m.userName);

  const termIds = new Map<string, number>();
  const surfaceCounts = new Map<string, Map<string, number>>();
  const stemCache = new Map<string, string | null>();

  const analyzed: AnalyzedMessage[] = [];
  const content: number[] = [];
  const counts: Map<number, number>[] = [];
  for (const [index, message] of messages.entries()) {
    const display = displayText(message.text, names);
    const cleaned = contentText(message.text);
    let kind: MessageKind;
    if (message.isSystem) kind = 'system';
    else if (message.isBot) kind = 'bot';
    else if (COMMAND.test(display)) kind = 'command';
    else kind = isTrivial(cleaned) ? 'trivial' : 'content';
    // Only conversation is ranked, clustered and labelled: nothing reads other messages' tokens.
    const tokens = kind === 'content' ? tokenize(cleaned) : [];
    if (kind === 'content' && tokens.length === 0) kind = 'trivial';
    const tf = new Map<number, number>();
    if (kind === 'content') {
      for (const token of tokens) {
        let id = termIds.get(token);
        if (id === undefined) {
          id = termIds.size;
          termIds.set(token, id);
        }
        tf.set(id, (tf.get(id) ?? 0) + 1);
      }
      recordSurfaces(cleaned, stemCache, surfaceCounts);
      content.push(index);
    }
    counts.push(tf);
    analyzed.push({
      index,
      message,
      kind,
      display,
      tokens,
      vector: EMPTY,
      threadKey: message.threadId ?? message.id,
    });
  }

  const df = new Int32Array(termIds.size);
  for (const i of content) for (const id of (counts[i] as Map<number, number>).keys()) df[id]! += 1;
  const n = Math.max(1, content.length);
  for (const i of content) (analyzed[i] as AnalyzedMessage).vector = tfidf(counts[i] as Map<number, number>, df, n);

  const byId = new Map<string, AnalyzedMessage>();
  const replies = new Map<string, AnalyzedMessage[]>();
  for (const a of analyzed) {
    byId.set(a.message.id, a);
    if (a.message.threadId !== undefined) {
      const list = replies.get(a.message.threadId) ?? [];
      list.push(a);
      replies.set(a.message.threadId, list);
    }
  }

  const surface = new Map<string, string>();
  for (const [stem, forms] of surfaceCounts) {
    let best = stem;
    let bestCount = 0;
    for (const [form, count] of forms) if (count > bestCount || (count === bestCount && form < best)) [best, bestCount] = [form, count];
    surface.set(stem, best);
  }
  return { messages: analyzed, content, byId, replies, names, termIds, df, surface };
}

const EMPTY: SparseVector = { terms: new Int32Array(0), weights: new Float64Array(0) };

/** Sublinear tf × smoothed idf, L2-normalised. */
function tfidf(tf: Map<number, number>, df: Int32Array, n: number): SparseVector {
  const ids = [...tf.keys()].sort((a, b) => a - b);
  const terms = Int32Array.from(ids);
  const weights = new Float64Array(ids.length);
  let norm = 0;
  for (const [k, id] of ids.entries()) {
    const w = (1 + Math.log(tf.get(id) as number)) * Math.log(1 + n / (df[id] as number));
    weights[k] = w;
    norm += w * w;
  }
  norm = Math.sqrt(norm);
  if (norm > 0) for (let k = 0; k < weights.length; k++) weights[k]! /= norm;
  return { terms, weights };
}

/** Dot product of two sparse vectors (cosine, since both are normalised). */
export function cosine(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  while (i < a.terms.length && j < b.terms.length) {
    const ta = a.terms[i] as number;
    const tb = b.terms[j] as number;
    if (ta === tb) sum += (a.weights[i++] as number) * (b.weights[j++] as number);
    else if (ta < tb) i++;
    else j++;
  }
  return sum;
}

/** English stems map back to the word people wrote ("DeepSeek", "pricing"); Chinese words are their own form. */
function recordSurfaces(text: string, cache: Map<string, string | null>, counts: Map<string, Map<string, number>>): void {
  for (const match of text.normalize('NFKC').matchAll(LATIN_WORD)) {
    const word = match[0];
    const lower = word.toLowerCase();
    let stem = cache.get(lower);
    if (stem === undefined) {
      const tokens = tokenize(lower);
      stem = tokens.length === 1 ? (tokens[0] as string) : null;
      cache.set(lower, stem);
    }
    if (stem === null) continue;
    const forms = counts.get(stem) ?? new Map<string, number>();
    forms.set(word, (forms.get(word) ?? 0) + 1);
    counts.set(stem, forms);
  }
}

