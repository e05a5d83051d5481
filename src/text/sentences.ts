// Sentence splitting for extractive summaries of chat messages, in Chinese,
// English or both. Rules, in order:
//  - URLs are opaque: their dots and question marks never end a sentence.
//  - A line break ends a sentence: chat messages put list items and separate
//    thoughts on their own lines and are almost never hard-wrapped prose.
//  - 。！？； (and ASCII ! ?) end a sentence wherever they are, with any
//    run of further terminators and closing quotes/brackets kept attached.
//  - "." ends a sentence only when followed by a space, a line end, the end
//    of the text or a CJK character, and not after a known abbreviation or
//    a dotted acronym ("e.g.", "Dr.", "Jan.", "U.S."), so "3.5", "gpt-4.1"
//    and "example.com" stay whole. ASCII ";" does not end an English
//    sentence.

const TERMINATORS = new Set(['。', '！', '？', '；', '!', '?', '｡']);
const CLOSERS = new Set(['"', "'", '”', '’', '」', '』', '）', ')', ']', '】', '》', '〉']);
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'sr', 'jr', 'st', 'vs', 'e.g', 'i.e', 'cf', 'approx', 'inc', 'ltd',
  'corp', 'co', 'fig', 'est', 'dept', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep',
  'sept', 'oct', 'nov', 'dec',
]);

// Scheme or www. start; ends at whitespace, CJK text/punctuation or quotes.
const URL_RE = /(?:\b[a-z][a-z0-9+.-]*:\/\/|\bwww\.)[^\s<>"'`\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+/giu;
// Punctuation that usually belongs to the sentence, not the URL, when it ends one.
const URL_TRAILING = /[.,;:!?)\]}'"]+$/u;

/** Split text into trimmed, non-empty sentences (zh and en), keeping URLs intact. */
export function splitSentences(text: string): string[] {
  const protectedUntil = urlSpans(text);
  const out: string[] = [];
  let start = 0;
  const push = (end: number) => {
    const s = text.slice(start, end).trim();
    if (s) out.push(s);
    start = end;
  };

  for (let i = 0; i < text.length; i++) {
    const skipTo = protectedUntil.get(i);
    if (skipTo !== undefined) {
      i = skipTo - 1;
      continue;
    }
    const ch = text[i]!;
    if (ch === '\n' || ch === '\r') {
      push(i);
      continue;
    }
    if (TERMINATORS.has(ch)) {
      push(endOfRun(text, i + 1));
      i = start - 1;
    } else if (ch === '.' && endsSentenceAtDot(text, i)) {
      push(endOfRun(text, i + 1));
      i = start - 1;
    }
  }
  push(text.length);
  return out;
}

/** Map from URL start index to URL end index (exclusive). */
function urlSpans(text: string): Map<number, number> {
  const spans = new Map<number, number>();
  for (const m of text.matchAll(URL_RE)) {
    const url = m[0].replace(URL_TRAILING, '');
    if (m.index !== undefined && url.length > 0) spans.set(m.index, m.index + url.length);
  }
  return spans;
}

/** Index after any further terminators, dots and closing quotes/brackets. */
function endOfRun(text: string, i: number): number {
  while (i < text.length) {
    const c = text[i]!;
    if (TERMINATORS.has(c) || c === '.' || c === '…' || CLOSERS.has(c)) i++;
    else break;
  }
  return i;
}

function endsSentenceAtDot(text: string, i: number): boolean {
  // What follows the dot (after more dots and closers) must be a break.
  const after = endOfRun(text, i + 1);
  const next = text[after];
  if (next !== undefined && !/\s/u.test(next) && !/[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]/u.test(next)) {
    return false;
  }
  // "e.g." / "Dr." / "U.S." — the word before the dot.
  const word = /(?:^|[^A-Za-z.])([A-Za-z][A-Za-z.]*)$/u.exec(text.slice(Math.max(0, i - 12), i))?.[1];
  if (word === undefined) return true;
  if (ABBREVIATIONS.has(word.toLowerCase())) return false;
  return !/^(?:[A-Za-z]\.)+[A-Za-z]$/u.test(word); // dotted acronym: U.S, a.m
}
