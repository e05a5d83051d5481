// Trim a section's Markdown to a chat-sized answer without breaking it:
// whole paragraphs, list items and code blocks are kept or dropped as units
// (a code block cut in half would render as garbage), and only when the
// first paragraph alone is too long is it cut at a sentence boundary.

import { detectLang, splitSentences } from '../text/index.js';

export interface Trimmed {
  readonly text: string;
  /** True when something was left out. */
  readonly truncated: boolean;
}

interface Block {
  readonly text: string;
  readonly kind: 'para' | 'item' | 'code';
}

const LIST_ITEM = /^\s{0,3}(?:[-*+]|\d+[.)])\s+/;
const FENCE = /^\s{0,3}(```|~~~)/;

function blocks(markdown: string): Block[] {
  const out: Block[] = [];
  const lines = markdown.split('\n');
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as string;
    if (line.trim() === '') {
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence !== null) {
      const start = i++;
      while (i < lines.length && !(lines[i] as string).trimStart().startsWith(fence[1] as string)) i++;
      i++;
      out.push({ kind: 'code', text: lines.slice(start, i).join('\n') });
      continue;
    }
    const start = i;
    const isItem = LIST_ITEM.test(line);
    i++;
    // A list item runs until the next item or a blank line; a paragraph until a blank line, a list or a fence.
    while (i < lines.length) {
      const next = lines[i] as string;
      if (next.trim() === '' || FENCE.test(next) || LIST_ITEM.test(next)) break;
      i++;
    }
    out.push({ kind: isItem ? 'item' : 'para', text: lines.slice(start, i).join('\n') });
  }
  return out;
}

/** Join blocks the way Markdown wants them: list items on consecutive lines, everything else apart. */
function join(parts: readonly Block[]): string {
  let text = '';
  parts.forEach((b, i) => {
    if (i > 0) text += b.kind === 'item' && parts[i - 1]?.kind === 'item' ? '\n' : '\n\n';
    text += b.text;
  });
  return text;
}

/** At most `maxChars` characters of `markdown`, cut at block (or sentence) boundaries. */
export function trimForChat(markdown: string, maxChars: number): Trimmed {
  const all = blocks(markdown);
  const kept: Block[] = [];
  for (const block of all) {
    // Stop at the first block that does not fit: a later, shorter one would
    // fit, but an answer with a silent gap in the middle would mislead.
    if (join([...kept, block]).length > maxChars) break;
    kept.push(block);
  }
  if (kept.length === all.length) return { text: join(kept), truncated: false };
  if (kept.length > 0) return { text: join(kept), truncated: true };

  // Not even the first block fits: cut it at a sentence boundary.
  const first = all[0] as Block;
  if (first.kind === 'code') return { text: '', truncated: true };
  const sentences = splitSentences(first.text);
  const glue = detectLang(first.text) === 'zh' ? '' : ' ';
  let text = '';
  for (const s of sentences) {
    const next = text === '' ? s : `${text}${glue}${s}`;
    if (next.length > maxChars - 1) break;
    text = next;
  }
  if (text === '') text = `${[...first.text].slice(0, maxChars - 1).join('')}`;
  return { text: `${text}…`, truncated: true };
}
