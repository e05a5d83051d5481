/**
 * Chat markup in, plain text out. Slack and Discord encode mentions, channel
 * references and links as `<…>` tokens (`<@U024BE7LH>`, `<#C1|general>`,
 * `<https://…|label>`, `<:emoji:123>`); people should read names, and the
 * ranking should not count user ids as words.
 */

/** User id → display name, collected from the messages themselves. */
export type NameLookup = ReadonlyMap<string, string>;

const CODE_BLOCK = /```[\s\S]*?```/g;
const URL = /\bhttps?:\/\/[^\s<>"'）)\]】]+/giu;

/** Text for people: mentions as @name, links as their label, whitespace collapsed. */
export function displayText(text: string, names: NameLookup = new Map()): string {
  return text
    .replace(/<@!?&?([A-Z0-9]+)(?:\|([^>]+))?>/gi, (_m, id: string, label?: string) => `@${label ?? names.get(id) ?? id}`)
    .replace(/<#([A-Z0-9]+)(?:\|([^>]*))?>/gi, (_m, id: string, label?: string) => `#${label !== undefined && label !== '' ? label : id}`)
    .replace(/<!(here|channel|everyone)(?:\|[^>]*)?>/gi, '@$1')
    .replace(/<a?:(\w+):\d+>/g, ':$1:')
    .replace(/<((?:https?|mailto):[^|>]+)\|([^>]+)>/gi, '$2')
    .replace(/<((?:https?|mailto):[^>]+)>/gi, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Text for ranking: no mentions, links, code or emoji codes. */
export function contentText(text: string): string {
  return text
    .replace(CODE_BLOCK, ' ')
    .replace(/<[@#!][^>]*>/g, ' ')
    .replace(/<a?:\w+:\d+>/g, ' ')
    .replace(/<(?:https?|mailto):[^|>]+\|([^>]+)>/gi, ' $1 ')
    .replace(/<(?:https?|mailto):[^>]+>/gi, ' ')
    .replace(URL, ' ')
    .replace(/:[a-z0-9_+-]+:/gi, ' ')
    .replace(/&(?:lt|gt|amp);/g, ' ');
}

/** Shorten for one bullet line: whole sentences while they fit, else a cut with "…". */
export function excerpt(text: string, max: number, split: (t: string) => string[]): string {
  if (text.length <= max) return text;
  let out = '';
  for (const sentence of split(text)) {
    const next = out === '' ? sentence : `${out} ${sentence}`;
    if (next.length > max) break;
    out = next;
  }
  if (out.length >= Math.min(40, max / 2)) return `${out} …`;
  // Cut at a space when one is near the end (English), otherwise anywhere (Chinese has none).
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}
