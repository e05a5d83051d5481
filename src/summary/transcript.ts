/**
 * Transcript files: one JSON message per line (JSONL), the shape of a Slack
 * export reduced to what a summary needs:
 *
 *   {"ts":"1793523600.000100","user":"U01","user_name":"Li Lei","text":"…",
 *    "thread_ts":"1793523000.000200","permalink":"https://…"}
 *
 * `ts` and `thread_ts` are Slack-style epoch seconds ("1793523600.000100"),
 * plain numbers (seconds, or milliseconds when ≥ 1e11) or ISO dates. Optional:
 * `user_name`, `bot` / `bot_id` (a bot's message), `subtype` (Slack's
 * `channel_join`, `bot_message`, …), `reply_to` (the id of the message this
 * one replies to) and `id` (defaults to `ts`).
 *
 * Every line is validated on its own: a bad line is reported with its line
 * number and skipped, and never stops the rest from loading.
 */
import { z } from 'zod';
import type { ChannelMessage } from './types.js';

export interface TranscriptProblem {
  readonly line: number;
  readonly reason: string;
}

export interface Transcript {
  readonly messages: ChannelMessage[];
  readonly problems: TranscriptProblem[];
  /** Non-blank lines read. */
  readonly lines: number;
}

/** Slack subtypes that are membership or housekeeping, not conversation. */
const SYSTEM_SUBTYPES = new Set([
  'channel_join', 'channel_leave', 'group_join', 'group_leave', 'channel_topic', 'channel_purpose', 'channel_name',
  'channel_archive', 'channel_unarchive', 'pinned_item', 'unpinned_item', 'member_joined_channel', 'member_left_channel',
]);

const tsValue = z.union([z.string().min(1), z.number()]).transform((value, ctx) => {
  const date = parseTimestamp(value);
  if (date === undefined) {
    ctx.addIssue({ code: 'custom', message: 'must be epoch seconds like "1793523600.000100" or an ISO date like 2026-11-01T09:00:00Z' });
    return z.NEVER;
  }
  return date;
});

const lineSchema = z.object({
  id: z.union([z.string().min(1), z.number()]).optional(),
  ts: tsValue,
  user: z.string().min(1, 'must not be empty'),
  user_name: z.string().optional(),
  text: z.string(),
  thread_ts: z.union([z.string().min(1), z.number()]).optional(),
  reply_to: z.union([z.string().min(1), z.number()]).optional(),
  permalink: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  bot: z.boolean().optional(),
  bot_id: z.string().optional(),
  subtype: z.string().optional(),
});

/** Epoch seconds/milliseconds (number or numeric string) or an ISO date; undefined when neither. */
export function parseTimestamp(value: string | number): Date | undefined {
  let ms: number;
  if (typeof value === 'number' || /^\d+(\.\d+)?$/.test(value)) {
    const n = Number(value);
    ms = n >= 1e11 ? n : n * 1000;
  } else if (/^\d{4}-\d{2}-\d{2}/.test(value)) {
    ms = Date.parse(value);
  } else {
    return undefined;
  }
  // Before 2000 or after 2100 is a unit mix-up, not a chat message.
  if (!Number.isFinite(ms) || ms < 946_684_800_000 || ms > 4_102_444_800_000) return undefined;
  return new Date(ms);
}

function idOf(value: string | number): string {
  return typeof value === 'number' ? String(value) : value;
}

/** Parse a whole transcript. Never throws on content; the caller decides what "no valid line" means. */
export function parseTranscript(content: string): Transcript {
  const messages: ChannelMessage[] = [];
  const problems: TranscriptProblem[] = [];
  const lines = content.replace(/^\uFEFF/, '').split(/\r?\n/);
  let nonBlank = 0;
  for (const [index, raw] of lines.entries()) {
    const lineNo = index + 1;
    if (raw.trim() === '') continue;
    nonBlank++;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (error) {
      problems.push({ line: lineNo, reason: `not valid JSON (${(error as Error).message.split('\n')[0]})` });
      continue;
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
      problems.push({ line: lineNo, reason: 'expected a JSON object like {"ts": …, "user": …, "text": …}' });
      continue;
    }
    const parsed = lineSchema.safeParse(json);
    if (!parsed.success) {
      const record = json as Record<string, unknown>;
      const reasons = parsed.error.issues.map((issue) => {
        const key = issue.path[0];
        const missing = key !== undefined && (record[String(key)] === undefined || record[String(key)] === null);
        return `${issue.path.join('.') || 'line'}: ${missing ? 'missing' : issue.message}`;
      });
      problems.push({ line: lineNo, reason: reasons.join('; ') });
      continue;
    }
    const m = parsed.data;
    // Slack's message id is its ts, so the raw ts (not the parsed date) is the default id.
    const id = idOf(m.id ?? (json as { ts: string | number }).ts);
    const threadTs = m.thread_ts === undefined ? undefined : idOf(m.thread_ts);
    const isSystem = m.subtype !== undefined && SYSTEM_SUBTYPES.has(m.subtype);
    const isBot = m.bot === true || m.bot_id !== undefined || m.subtype === 'bot_message';
    messages.push({
      id,
      ts: m.ts,
      user: m.user,
      ...(m.user_name !== undefined && m.user_name !== '' ? { userName: m.user_name } : {}),
      text: m.text,
      // Slack marks a thread's root with thread_ts === ts: it is not a reply.
      ...(threadTs !== undefined && threadTs !== id ? { threadId: threadTs } : {}),
      isBot,
      isSystem,
      ...(m.permalink !== undefined ? { permalink: m.permalink } : {}),
      ...(m.reply_to !== undefined ? { replyTo: idOf(m.reply_to) } : {}),
    });
  }
  // Exports are usually in order, but a merged file need not be.
  messages.sort((a, b) => a.ts.getTime() - b.ts.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { messages, problems, lines: nonBlank };
}

/** "line 3: not valid JSON; line 9: ts: missing", at most `max` entries then a count. */
export function describeProblems(problems: readonly TranscriptProblem[], max = 5): string {
  const shown = problems.slice(0, max).map((p) => `line ${p.line}: ${p.reason}`);
  if (problems.length > max) shown.push(`and ${problems.length - max} more`);
  return shown.join('; ');
}
