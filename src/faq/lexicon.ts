// The FAQ's bilingual lexicon: groups of words that mean the same thing in
// this field (SME / 中小企业 / 小公司 / 初创, LLM / 大模型, Qwen / 通义千问).
// It is data, kept in `knowledge/lexicon.txt` next to the documents it
// serves, so that whoever edits the knowledge base can also add the words
// people use for it, without touching code.
//
// Every occurrence of a phrase, in a document or in a question, also yields
// the group's concept term (`§sme`), so 中小公司 in a question meets 中小企业
// in a section, and "what did DeepSeek charge" meets 价格/price. Matching is
// by phrase, not by token: jieba cuts 中小公司 and 中小企业 differently, and
// "small business" is two English words.
//
// File format: one group per line, `id: phrase | phrase | …`; `#` starts a
// comment. Latin phrases match whole words, case-insensitively, with an
// optional plural s/es and with spaces and hyphens interchangeable
// ("fine-tuning" = "fine tuning" = "finetuning"). Chinese phrases match as
// substrings, so keep them specific (two characters or more).
//
// A group may be marked with a kind after its id, `id [name]:` or
// `id [attribute]:`. Names are companies, people and models; attributes are
// what people ask *about* a name (CEO, founder, headquarters, stock price).
// A question that joins the two ("who is the CEO of Baidu") is answered only
// by a text that states that attribute for that name (./rank.ts), not by one
// that mentions Baidu in one sentence and a CEO in the next.

import { monthMatches } from './months.js';

export const CONCEPT_PREFIX = '§';

export type GroupKind = 'name' | 'attribute';

export interface LexiconGroup {
  readonly id: string;
  readonly phrases: readonly string[];
  readonly kind?: GroupKind;
}

export interface LexiconMatch {
  /** Concept term, e.g. `§sme`. */
  readonly concept: string;
  readonly start: number;
  readonly end: number;
}

export class LexiconError extends Error {
  override readonly name = 'LexiconError';
}

const HAN = /\p{Script=Han}/u;
const GROUP_ID = /^[a-z0-9][a-z0-9-]{0,40}$/;
const GROUP_HEAD = /^(\S+?)(?:\s*\[([a-z]+)\])?$/;
const KINDS: readonly GroupKind[] = ['name', 'attribute'];

/** Lower-case, spaces and hyphens dropped: how a phrase and a matched text are compared. */
function key(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\s\-‐-―]+/gu, '');
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A phrase's body as a regular-expression source: lower case, spaces and hyphens interchangeable. */
function phraseBody(phrase: string): string {
  return phrase
    .normalize('NFKC')
    .toLowerCase()
    .trim()
    .split(/[\s\-]+/)
    .map(escape)
    .join('[\\s\\-]*');
}

const LATIN_START = /^[a-z0-9]/;
const LATIN_END = /[a-z0-9]$/;
/** A Latin phrase as a whole word, with an optional plural s/es. */
const WORD_BEFORE = '(?<![a-z0-9])';
const WORD_AFTER = '(?:e?s)?(?![a-z0-9])';

/**
 * One regular expression for all phrases (see the file format above),
 * longest first. Phrases with Han characters match anywhere; Latin phrases
 * as whole words, their shared word boundaries written once around the
 * group: V8 stops optimising a regular expression whose source passes 20 KB
 * (kRegExpTooLargeToOptimize), and matching then became a hundred times
 * slower (3 ms → 330 ms per document at 787 phrases).
 */
function phrasesPattern(phrases: readonly string[]): string {
  const han: string[] = [];
  const words: string[] = [];
  const other: string[] = [];
  for (const phrase of phrases) {
    const p = phrase.normalize('NFKC').toLowerCase().trim();
    if (HAN.test(p)) han.push(phraseBody(p));
    else if (LATIN_START.test(p) && LATIN_END.test(p)) words.push(phraseBody(p));
    else other.push(`${LATIN_START.test(p) ? WORD_BEFORE : ''}${phraseBody(p)}${LATIN_END.test(p) ? WORD_AFTER : ''}`);
  }
  const groups = [han.join('|'), words.length > 0 ? `${WORD_BEFORE}(?:${words.join('|')})${WORD_AFTER}` : '', other.join('|')];
  return groups.filter(Boolean).join('|');
}

export class Lexicon {
  readonly groups: readonly LexiconGroup[];
  private readonly pattern: RegExp | undefined;
  private readonly byKey = new Map<string, string>();
  private readonly kinds = new Map<string, GroupKind>();

  constructor(groups: readonly LexiconGroup[]) {
    this.groups = groups;
    const phrases: string[] = [];
    for (const g of groups) {
      if (g.kind !== undefined) this.kinds.set(CONCEPT_PREFIX + g.id, g.kind);
      for (const p of g.phrases) {
        this.byKey.set(key(p), CONCEPT_PREFIX + g.id);
        phrases.push(p);
      }
    }
    // Longest first: at one position the alternation takes the first phrase that matches.
    phrases.sort((a, b) => key(b).length - key(a).length);
    this.pattern = phrases.length === 0 ? undefined : new RegExp(phrasesPattern(phrases), 'gu');
  }

  static readonly empty = new Lexicon([]);

  /** Parse the file's text; throws a LexiconError naming the line for anything malformed. */
  static parse(source: string): Lexicon {
    const groups: LexiconGroup[] = [];
    const seenIds = new Set<string>();
    const seenPhrases = new Map<string, string>();
    source.split(/\r?\n/).forEach((raw, i) => {
      const line = raw.replace(/(^|\s)#.*$/, '').trim();
      if (line === '') return;
      const at = `line ${i + 1}`;
      const colon = line.indexOf(':');
      if (colon < 0) throw new LexiconError(`${at}: expected "id: phrase | phrase | …"`);
      const head = GROUP_HEAD.exec(line.slice(0, colon).trim());
      const id = head?.[1] ?? line.slice(0, colon).trim();
      const kind = head?.[2];
      if (kind !== undefined && !KINDS.includes(kind as GroupKind)) throw new LexiconError(`${at}: kind "[${kind}]" must be [name] or [attribute]`);
      if (!GROUP_ID.test(id)) throw new LexiconError(`${at}: group id "${id}" must be lower-case letters, digits and dashes`);
      if (seenIds.has(id)) throw new LexiconError(`${at}: group id "${id}" is used twice`);
      seenIds.add(id);
      const phrases = line
        .slice(colon + 1)
        .split('|')
        .map((p) => p.trim())
        .filter(Boolean);
      if (phrases.length < 2) throw new LexiconError(`${at}: group "${id}" needs at least two phrases`);
      for (const p of phrases) {
        const k = key(p);
        if (HAN.test(p) ? [...p.replace(/\s/g, '')].length < 2 : k.length < 2) throw new LexiconError(`${at}: phrase "${p}" is too short to match safely`);
        const other = seenPhrases.get(k);
        if (other !== undefined) throw new LexiconError(`${at}: phrase "${p}" is already in group "${other}"`);
        seenPhrases.set(k, id);
      }
      groups.push(kind === undefined ? { id, phrases } : { id, phrases, kind: kind as GroupKind });
    });
    return new Lexicon(groups);
  }

  /** Length of the one regular expression's source: kept under V8's 20 KB optimisation limit (see phrasesPattern). */
  get patternLength(): number {
    return this.pattern?.source.length ?? 0;
  }

  get size(): number {
    return this.groups.length;
  }

  /** Each Latin phrase as one word ("pretraining", "federatedlearning") → its concept term: what a typo is compared with. */
  latinPhrases(): Map<string, string> {
    const out = new Map<string, string>();
    for (const [k, concept] of this.byKey) if (/^[a-z][a-z0-9]*$/.test(k)) out.set(k, concept);
    return out;
  }

  /** The phrases of a concept term's group (`§qwen` → Qwen, 通义千问, …), in the file's order. */
  phrasesOf(concept: string): readonly string[] {
    return this.groups.find((g) => CONCEPT_PREFIX + g.id === concept)?.phrases ?? [];
  }

  /** The kind of a concept term (`§ceo` → 'attribute'), if its group has one. */
  kindOf(concept: string): GroupKind | undefined {
    return this.kinds.get(concept);
  }

  /** Every phrase occurrence in `text` (leftmost, longest, not overlapping), and every month (./months.ts). */
  match(text: string): LexiconMatch[] {
    const lower = text.normalize('NFKC').toLowerCase();
    const months = monthMatches(lower);
    if (this.pattern === undefined) return months;
    const out: LexiconMatch[] = [];
    for (const m of lower.matchAll(this.pattern)) {
      const k = key(m[0]);
      const concept = this.byKey.get(k) ?? this.byKey.get(k.replace(/s$/, '')) ?? this.byKey.get(k.replace(/es$/, ''));
      if (concept !== undefined && m.index !== undefined) out.push({ concept, start: m.index, end: m.index + m[0].length });
    }
    if (months.length === 0) return out;
    // A month inside a phrase is part of the phrase.
    const free = months.filter((m) => !out.some((p) => p.start < m.end && m.start < p.end));
    return [...out, ...free].sort((a, b) => a.start - b.start);
  }

  /** The concept terms occurring in `text`, with repeats (they count as term frequency). */
  concepts(text: string): string[] {
    return this.match(text).map((m) => m.concept);
  }
}
