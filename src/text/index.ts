// Tokenisation shared by retrieval (FAQ), /pricewar and channel summaries.
// Chinese has no spaces, so it goes through jieba's dictionary segmenter;
// everything else is split on letters/digits, lower-cased and (for English
// words) Porter-stemmed, so "Prices" and "price" meet in an index. Mixed
// messages ("GPT-4o 的价格下降了") are common in this domain, hence the
// per-run dispatch instead of a per-message language switch.

import { createRequire } from 'node:module';
import type { Jieba } from '@node-rs/jieba';
import { stemmer } from 'stemmer';
import { isStopword } from './stopwords.js';

export { EN_STOPWORDS, ZH_STOPWORDS, isStopword } from './stopwords.js';
export { splitSentences } from './sentences.js';

export type Lang = 'zh' | 'en';

export interface TokenizeOptions {
  /** Remove zh+en stopwords (default true). */
  stopwords?: boolean;
  /**
   * jieba "search" mode: long words also yield their dictionary sub-words
   * (中小企业 → 中小, 企业, 小企业, 中小企业). Better recall for an index;
   * use the same setting for documents and queries. Default false.
   */
  search?: boolean;
}

// --- jieba, loaded once and lazily --------------------------------------------
//
// `new Jieba()` has an empty dictionary and cuts per character; the default
// dictionary (5 MB text) takes ~0.2 s to build, so pay it on first use, not at
// import time (most commands never tokenise).

let jieba: Jieba | undefined;

function getJieba(): Jieba {
  if (!jieba) {
    const require = createRequire(import.meta.url);
    // The native module too is loaded here, not at import: /help and the CLI never tokenise.
    const { Jieba: JiebaClass } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
    const { dict } = require('@node-rs/jieba/dict') as { dict: Uint8Array };
    jieba = JiebaClass.withDict(dict);
  }
  return jieba;
}

// --- language ----------------------------------------------------------------

const HAN = /\p{Script=Han}/u;
const HAN_G = /\p{Script=Han}/gu;
const LATIN_G = /\p{Script=Latin}/gu;

// A Han character carries roughly as much as a short English word (3–4
// letters), so Chinese wins as soon as Han characters make up a quarter of
// the letters. "我们用 OpenAI 的 API" (4 Han, 9 Latin) is Chinese; "the term
// 价格战 means price war" (3 Han, 20 Latin) is English.
const ZH_SHARE = 0.25;

/** Dominant language by share of Han characters among letters; no letters at all → 'en'. */
export function detectLang(text: string): Lang {
  const han = text.match(HAN_G)?.length ?? 0;
  if (han === 0) return 'en';
  const latin = text.match(LATIN_G)?.length ?? 0;
  return han / (han + latin) >= ZH_SHARE ? 'zh' : 'en';
}

// --- tokens ------------------------------------------------------------------

// One alternative per kind of run, tried left to right:
//  1. Han run → jieba.
//  2. Non-Han letters/digits, where "." joins digits (3.5, gpt-4.1 → 4.1),
//     "," joins thousands (1,000 → 1000) and an apostrophe joins letters
//     (don't). Hyphens split: "GPT-4o" → gpt, 4o, so "gpt 4o" matches too.
// Anything else (punctuation, symbols, emoji, spaces) separates tokens.
const WORD_CHAR = String.raw`(?:(?!\p{Script=Han})[\p{L}\p{M}\p{N}])`;
const RUN = new RegExp(
  String.raw`(\p{Script=Han}+)|(${WORD_CHAR}+(?:(?:(?<=\p{N})\.(?=\p{N})|(?<=\p{N}),(?=\p{N}{3}(?!\p{N}))|(?<=\p{L})['’](?=\p{L}))${WORD_CHAR}+)*)`,
  'gu',
);
const ASCII_WORD = /^[a-z]+$/;

/**
 * Tokens for retrieval/summaries: Chinese segmented by jieba, English
 * lower-cased and Porter-stemmed, numbers kept as written (3.5, 4o),
 * punctuation dropped, stopwords removed unless `stopwords: false`.
 * Full-width letters and digits are folded to ASCII first (ＧＰＴ → gpt).
 */
export function tokenize(text: string, opts: TokenizeOptions = {}): string[] {
  const dropStopwords = opts.stopwords ?? true;
  const out: string[] = [];
  for (const m of text.normalize('NFKC').matchAll(RUN)) {
    if (m[1] !== undefined) {
      const j = getJieba();
      const words = opts.search ? j.cutForSearch(m[1], true) : j.cut(m[1], true);
      for (const w of words) {
        if (HAN.test(w) && !(dropStopwords && isStopword(w))) out.push(w);
      }
    } else if (m[2] !== undefined) {
      const token = normalizeWord(m[2]);
      if (!token || (dropStopwords && isStopword(token))) continue;
      out.push(ASCII_WORD.test(token) ? stemmer(token) : token);
    }
  }
  return out;
}

function normalizeWord(raw: string): string {
  return raw
    .toLowerCase()
    .replace(/['’]s$/u, '') // possessive: "OpenAI's" → openai
    .replace(/['’]/gu, '') // contractions: "don't" → dont (a stopword)
    .replace(/,/g, ''); // thousands: 1,000 → 1000
}
