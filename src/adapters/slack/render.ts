/**
 * Core `Reply` → Block Kit, within Slack's limits:
 * - a section's text ≤ 3,000 characters: long text is split at line breaks
 *   (code fences are closed and reopened across the split);
 * - a message ≤ 50 blocks: the overflow continues in up to two follow-up
 *   messages, and beyond that the whole reply is attached as a text file;
 * - fields ≤ 10 per section, header ≤ 150 characters, buttons ≤ 75 characters
 *   of label and 2,000 of value.
 * Charts are not blocks (Block Kit images need a public URL): the adapter
 * uploads them with files.uploadV2 next to the message.
 */
import { renderReplyText, renderTable } from '../shared/text.js';
import type { Reply } from '../../core/reply.js';
import { escapeMrkdwn, mrkdwnToPlain, toMrkdwn } from './mrkdwn.js';

export type Block = Record<string, unknown>;

export interface SlackMessage {
  /** Notification / screen-reader fallback, plain. */
  readonly text: string;
  readonly blocks: readonly Block[];
}

export interface RenderedReply {
  readonly messages: readonly SlackMessage[];
  /** Set when the reply was too long for messages: the full text, to upload as a file. */
  readonly overflowFile?: { readonly filename: string; readonly content: string };
}

export interface RenderOptions {
  /** A context line under the reply (mrkdwn, already escaped), e.g. who ran which slash command. */
  readonly footer?: string | undefined;
}

export const SECTION_MAX = 3000;
export const MAX_BLOCKS = 50;
/** Beyond this many messages for one reply, the reply goes to a file instead. */
export const MAX_MESSAGES = 3;
const HEADER_MAX = 150;
const FIELD_MAX = 2000;
const FIELDS_PER_SECTION = 10;
const CONTEXT_ELEMENTS = 10;
const BUTTON_LABEL_MAX = 75;
const BUTTON_VALUE_MAX = 2000;
const BUTTONS_PER_BLOCK = 5;
const FALLBACK_MAX = 3000;
export const ACTION_ID_PREFIX = 'pwbot_run_';

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * Split text into chunks of at most `max` characters, preferring paragraph and
 * line breaks; a chunk that ends inside a ``` fence is closed and the next reopened.
 */
export function splitText(text: string, max = SECTION_MAX): string[] {
  const budget = max - 8; // room for the fence markers added on either side of a split
  const pieces: string[] = [];
  for (const line of text.split('\n')) {
    let rest = line;
    while (rest.length > budget) {
      // A single line longer than a section: cut at the last space, or hard.
      const space = rest.lastIndexOf(' ', budget);
      const cut = space > budget / 2 ? space : budget;
      pieces.push(rest.slice(0, cut));
      rest = rest.slice(cut).replace(/^ /, '');
    }
    pieces.push(rest);
  }
  const chunks: string[] = [];
  let current: string | undefined;
  let inFence = false;
  for (const piece of pieces) {
    const candidate = current === undefined ? piece : `${current}\n${piece}`;
    if (candidate.length > budget && current !== undefined) {
      chunks.push(inFence ? `${current}\n\`\`\`` : current);
      current = inFence ? `\`\`\`\n${piece}` : piece;
    } else {
      current = candidate;
    }
    if ((piece.match(/```/g)?.length ?? 0) % 2 === 1) inFence = !inFence;
  }
  if (current !== undefined) chunks.push(current);
  return chunks.length === 0 ? [''] : chunks;
}

function section(text: string): Block {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

function contextBlocks(elements: readonly string[]): Block[] {
  const blocks: Block[] = [];
  for (let i = 0; i < elements.length; i += CONTEXT_ELEMENTS) {
    blocks.push({ type: 'context', elements: elements.slice(i, i + CONTEXT_ELEMENTS).map((text) => ({ type: 'mrkdwn', text: truncate(text, SECTION_MAX) })) });
  }
  return blocks;
}

function tonePrefix(reply: Reply): string {
  if (reply.tone === 'error') return '⚠️ ';
  if (reply.tone === 'progress') return '⏳ ';
  return '';
}

/** All blocks of a reply, unbounded in number; `renderReply` distributes them over messages. */
export function replyBlocks(reply: Reply, options: RenderOptions = {}): Block[] {
  const blocks: Block[] = [];
  const prefix = tonePrefix(reply);
  if (reply.title) {
    const title = `${prefix}${reply.title}`;
    blocks.push(title.length <= HEADER_MAX ? { type: 'header', text: { type: 'plain_text', text: title, emoji: true } } : section(`*${escapeMrkdwn(title)}*`));
  }
  if (reply.text) {
    const body = `${reply.title ? '' : prefix}${toMrkdwn(reply.text)}`;
    for (const chunk of splitText(body)) if (chunk.trim() !== '') blocks.push(section(chunk));
  }
  if (reply.fields && reply.fields.length > 0) {
    for (let i = 0; i < reply.fields.length; i += FIELDS_PER_SECTION) {
      const fields = reply.fields.slice(i, i + FIELDS_PER_SECTION).map((f) => ({
        type: 'mrkdwn',
        text: truncate(`*${escapeMrkdwn(f.label)}*\n${toMrkdwn(f.value)}`, FIELD_MAX),
      }));
      blocks.push({ type: 'section', fields });
    }
  }
  if (reply.table) {
    // Preformatted: Slack has no table block, and fields lose column alignment beyond two columns.
    const lines = renderTable({ columns: reply.table.columns, rows: reply.table.rows })
      .split('\n')
      .map((line) => truncate(line, SECTION_MAX - 400));
    const header = lines.slice(0, 2);
    let chunk = [...header];
    const emit = (): void => {
      blocks.push(section(`\`\`\`\n${escapeMrkdwn(chunk.join('\n'))}\n\`\`\``));
    };
    for (const line of lines.slice(2)) {
      if (escapeMrkdwn([...chunk, line].join('\n')).length + 8 > SECTION_MAX && chunk.length > header.length) {
        emit();
        chunk = [...header];
      }
      chunk.push(line);
    }
    emit();
    if (reply.table.caption) blocks.push(...contextBlocks([escapeMrkdwn(reply.table.caption)]));
  }
  if (reply.citations && reply.citations.length > 0) {
    blocks.push(
      ...contextBlocks(
        reply.citations.map((c) => {
          const title = escapeMrkdwn(c.title).replace(/[|>]/g, '¦');
          return c.url ? `📄 <${c.url}|${title}>` : `📄 ${title}`;
        }),
      ),
    );
  }
  const buttons = (reply.actions ?? [])
    .map((action, i) => ({ action, i }))
    .filter(({ action }) => action.command.length <= BUTTON_VALUE_MAX)
    .map(({ action, i }) => ({
      type: 'button',
      action_id: `${ACTION_ID_PREFIX}${i}`,
      text: { type: 'plain_text', text: truncate(action.label, BUTTON_LABEL_MAX), emoji: true },
      value: action.command,
      ...(action.style ? { style: action.style } : {}),
    }));
  for (let i = 0; i < buttons.length; i += BUTTONS_PER_BLOCK) blocks.push({ type: 'actions', elements: buttons.slice(i, i + BUTTONS_PER_BLOCK) });
  if (options.footer) blocks.push(...contextBlocks([options.footer]));
  if (blocks.length === 0) blocks.push(section(prefix === '' ? ' ' : prefix));
  return blocks;
}

/** Plain-text fallback for notifications; Slack shows it where blocks cannot be shown. */
export function fallbackText(reply: Reply): string {
  const text = [reply.title, reply.text ? mrkdwnToPlain(toMrkdwn(reply.text)) : ''].filter((s) => s).join('\n');
  return truncate(`${tonePrefix(reply)}${text || (reply.charts?.length ? reply.charts.map((c) => c.title).join(', ') : '…')}`, FALLBACK_MAX);
}

function continued(text: string): Block {
  return { type: 'context', elements: [{ type: 'mrkdwn', text }] };
}

export function renderReply(reply: Reply, options: RenderOptions = {}): RenderedReply {
  const blocks = replyBlocks(reply, options);
  const text = fallbackText(reply);
  if (blocks.length <= MAX_BLOCKS) return { messages: [{ text, blocks }] };
  const perMessage = MAX_BLOCKS - 1; // one block for the "continued" note
  if (Math.ceil(blocks.length / perMessage) <= MAX_MESSAGES) {
    const messages: SlackMessage[] = [];
    for (let i = 0; i < blocks.length; i += perMessage) {
      const part = blocks.slice(i, i + perMessage);
      const last = i + perMessage >= blocks.length;
      messages.push({ text: i === 0 ? text : `${truncate(text, 80)} (continued)`, blocks: last ? part : [...part, continued('_continued below ⤵_')] });
    }
    return { messages };
  }
  // Too long for chat: the first screenful in the message, the whole reply as a file.
  const head = blocks.slice(0, MAX_BLOCKS - 2);
  return {
    messages: [{ text, blocks: [...head, continued('_The reply is too long for Slack: the full text is attached as a file below._'), ...(options.footer ? contextBlocks([options.footer]) : [])].slice(0, MAX_BLOCKS) }],
    overflowFile: { filename: `${(reply.title ?? 'reply').replace(/[^\w.-]+/g, '-').slice(0, 40) || 'reply'}.txt`, content: renderReplyText(reply) },
  };
}
