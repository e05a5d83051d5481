/**
 * Text in both directions between the core and Slack.
 *
 * Out: the core writes common Markdown (**bold**, _italic_, `code`, [links](url),
 * lists, headings); Slack's "mrkdwn" differs (*bold*, <url|label>, no headings)
 * and requires `&`, `<`, `>` to be escaped in every text field.
 *
 * In: Slack sends user text with `&`, `<`, `>` escaped and with control
 * sequences in angle brackets (<@U123>, <#C123|general>, <https://x|x>). The
 * core gets plain text: entities decoded, links unwrapped, the bot's own
 * mention removed, but user and channel references kept intact so that a
 * command such as /summary can still resolve `<#C123|general>`.
 */

const CODE_SPLIT = /(```[\s\S]*?```|`[^`\n]+`)/g;

export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function convertProse(escaped: string): string {
  return (
    escaped
      // [label](url) → <url|label>; the URL was escaped with the rest, & is legal there as &amp;.
      .replace(/\[([^\]\n]+)\]\((https?:\/\/[^)\s]+)\)/g, (_m, label: string, url: string) => `<${url}|${label.replace(/\|/g, '¦')}>`)
      // Markdown autolinks <https://…> arrive escaped.
      .replace(/&lt;(https?:\/\/[^\s&]+)&gt;/g, '<$1>')
      // Bold first, through a placeholder, so that the single-star italic rule below does not eat it.
      .replace(/\*\*(?=\S)([^*\n]+?)\*\*/g, '\u0001$1\u0001')
      .replace(/__(?=\S)([^_\n]+?)__/g, '\u0001$1\u0001')
      .replace(/(^|[^*\w])\*(?=\S)([^*\n]+?)\*(?!\w)/g, '$1_$2_')
      .replace(/\u0001/g, '*')
      .replace(/~~(?=\S)([^~\n]+?)~~/g, '~$1~')
      // Headings have no mrkdwn form: bold lines read the same.
      .replace(/^#{1,6}[ \t]+(.+?)[ \t]*#*$/gm, '*$1*')
      .replace(/^([ \t]*)[-*+][ \t]+/gm, '$1• ')
  );
}

/** Core Markdown → Slack mrkdwn (escaped). Code spans and blocks are escaped but otherwise left alone. */
export function toMrkdwn(markdown: string): string {
  return markdown
    .split(CODE_SPLIT)
    .map((part, i) => (i % 2 === 1 ? escapeMrkdwn(part) : convertProse(escapeMrkdwn(part))))
    .join('');
}

/** mrkdwn → plain text, for the notification fallback `text` and for tests reading messages back. */
export function mrkdwnToPlain(mrkdwn: string): string {
  return mrkdwn
    .replace(/<(https?:\/\/[^|>]+)\|([^>]+)>/g, '$2 ($1)')
    .replace(/<(https?:\/\/[^>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function unwrapLink(url: string, label: string | undefined): string {
  if (label === undefined || label === '') return url.replace(/^mailto:/, '');
  // Slack auto-links "example.com" as <http://example.com|example.com>: the label says it all.
  if (url.replace(/^(https?:\/\/|mailto:)/, '').startsWith(label.replace(/^https?:\/\//, ''))) return label;
  return `${label} (${url})`;
}

export interface InboundTextOptions {
  /** The bot's own user id: its mentions are removed. */
  readonly botUserId?: string;
}

/** Slack user text → the core's plain text. */
export function fromSlackText(text: string, options: InboundTextOptions = {}): string {
  let out = text;
  if (options.botUserId) out = out.replace(new RegExp(`<@${options.botUserId}(?:\\|[^>]*)?>`, 'g'), ' ');
  out = out
    .replace(/<((?:https?|mailto):[^|>]+)(?:\|([^>]*))?>/g, (_m, url: string, label: string | undefined) => unwrapLink(url, label))
    .replace(/<!(here|channel|everyone)(?:\|[^>]*)?>/g, '@$1')
    .replace(/<!subteam\^[A-Z0-9]+(?:\|([^>]*))?>/g, (_m, label: string | undefined) => label ?? '@group')
    // <@U123|name> → <@U123>: the id is what a command can use; names change.
    .replace(/<@([UW][A-Z0-9]+)\|[^>]*>/g, '<@$1>')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\u00a0/g, ' ');
  return out.trim();
}

/** True when the text mentions the given user (e.g. the bot). */
export function mentions(text: string, userId: string): boolean {
  return new RegExp(`<@${userId}(?:\\|[^>]*)?>`).test(text);
}

/** True when the text mentions a user other than `except` (a human talking to a human). */
export function mentionsSomeoneElse(text: string, except: string): boolean {
  for (const match of text.matchAll(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g)) if (match[1] !== except) return true;
  return false;
}
