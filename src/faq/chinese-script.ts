// Chinese written in traditional characters (Taiwan, Hong Kong, overseas
// readers) asks the same questions as simplified Chinese, but shares few
// words with a knowledge base written in simplified characters: 價格戰 is
// not 价格战 to the tokenizer, so a traditional question found almost
// nothing (24.2% of the tuning part's Chinese questions answered right,
// against 88.1% in simplified). Questions are read in simplified characters
// (OpenCC's tables, opencc-js, with Taiwan's phrases: 軟體 → 软件), and an
// answer to a question asked in traditional characters is given back in
// them.

import { createRequire } from 'node:module';

type Convert = (text: string) => string;

/** OpenCC's traditional → simplified tables (100 kB), loaded with the first Chinese question. */
function toSimplifiedConverter(from: 't' | 'twp'): Convert {
  const { Converter } = createRequire(import.meta.url)('opencc-js/t2cn') as typeof import('opencc-js/t2cn');
  return Converter({ from, to: 'cn' });
}

const HAN = /\p{Script=Han}/u;

let characters: Convert | undefined;
let phrases: Convert | undefined;
let traditionalise: Convert | undefined;

/** Whether `text` writes any of its characters in traditional form (價, 這, 軟). */
export function isTraditional(text: string): boolean {
  if (!HAN.test(text)) return false;
  const convert = (characters ??= toSimplifiedConverter('t'));
  return convert(text) !== text;
}

/**
 * `text` in simplified characters. Only text written in traditional
 * characters is converted, and then with Taiwan's phrases too (軟體 → 软件):
 * in simplified text those phrases are words of their own (影像 is not 图像).
 */
export function toSimplified(text: string): string {
  if (!isTraditional(text)) return text;
  const convert = (phrases ??= toSimplifiedConverter('twp'));
  return convert(text);
}

/**
 * `text` in traditional characters, as Taiwan writes them (character by
 * character, so lengths and Markdown stay as they are; link targets are
 * left alone). Its tables (1 MB) load with the first traditional question.
 */
export async function toTraditional(text: string): Promise<string> {
  if (!HAN.test(text)) return text;
  const convert = traditionalise ?? (traditionalise = (await import('opencc-js/cn2t')).Converter({ from: 'cn', to: 'tw' }));
  // Link targets are addresses, not text: converting one would break it.
  return text
    .split(LINK_TARGET)
    .map((part, i) => (i % 2 === 1 ? part : convert(part)))
    .join('');
}

/** A Markdown link's target or a bare address (kept by `split`, at the odd indices). */
const LINK_TARGET = /(\]\([^)\s]*\)|<https?:\/\/[^>\s]*>|https?:\/\/[^\s)>]+)/u;
