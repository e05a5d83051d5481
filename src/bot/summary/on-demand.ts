/**
 * `/summary` on request: from the channel's history through the adapter, or
 * from a transcript file (a path on the bot's machine when the asker is at
 * that machine, or a `.jsonl` attached to the message anywhere).
 */
import { basename } from 'node:path';
import type { Config } from '../../config.js';
import type { ChatAdapter } from '../../core/adapter.js';
import { hasCapability, requireHistory } from '../../core/capabilities.js';
import type { CommandContext } from '../../core/command.js';
import { ArgumentError, PermissionError, UserError } from '../../core/errors.js';
import { localFile } from '../../core/local-file.js';
import type { InboundFile } from '../../core/message.js';
import type { Reply } from '../../core/reply.js';
import { camelToKebab } from '../../core/schema.js';
import { parseSince, PeriodError } from '../../summary/period.js';
import { summarize } from '../../summary/summarize.js';
import { describeProblems, parseTranscript, type Transcript } from '../../summary/transcript.js';
import type { ChannelMessage, SummaryLang, SummaryLength } from '../../summary/types.js';
import { renderDigest } from './render.js';
import { channelLabel, digestInputs, readChannel } from './sources.js';

export interface SummaryRequest {
  readonly channel?: string;
  readonly since?: string;
  readonly lang?: SummaryLang;
  readonly length: SummaryLength;
}

/** What `/summary` was given (its parsed arguments): the request, and a transcript path with `file`. */
export interface SummaryArgs {
  readonly channel?: string | undefined;
  readonly since?: string | undefined;
  readonly lang?: SummaryLang | undefined;
  readonly length: SummaryLength;
  readonly file?: string | undefined;
}

const DEFAULT_SINCE = '24h';
const TRANSCRIPT_ATTACHMENT = /\.(jsonl|ndjson)$/i;

/** `/summary`: a transcript when one is named (`--file`) or attached, else the channel's recent history. */
export async function summaryOnRequest(ctx: Pick<CommandContext, 'config' | 'adapter' | 'files' | 'message' | 'progress'>, args: SummaryArgs): Promise<Reply> {
  const request: SummaryRequest = {
    length: args.length,
    ...(args.channel !== undefined ? { channel: args.channel } : {}),
    ...(args.since !== undefined ? { since: args.since } : {}),
    ...(args.lang !== undefined ? { lang: args.lang } : {}),
  };
  const attached = ctx.files.find((f) => TRANSCRIPT_ATTACHMENT.test(f.name));
  const source = args.file !== undefined ? { path: args.file } : attached !== undefined ? { file: attached } : undefined;
  if (source !== undefined) return summaryFromTranscript({ config: ctx.config, adapter: ctx.adapter }, source, request);
  return summaryFromHistory(
    {
      config: ctx.config,
      adapter: ctx.adapter,
      currentChannel: ctx.message.conversation.channel,
      asker: ctx.message.user.id,
      progress: (text) => ctx.progress({ text }),
    },
    request,
  );
}

/**
 * Summarise a channel's recent history through the adapter the request came
 * from. Another channel (`request.channel`) is read only when `asker` may read
 * it (see `readableChannel`).
 */
export async function summaryFromHistory(
  deps: { config: Config; adapter: ChatAdapter; currentChannel: string; asker?: string; progress?: (text: string) => Promise<unknown> },
  request: SummaryRequest,
  now: Date = new Date(),
): Promise<Reply> {
  const { config, adapter } = deps;
  // First, before any other check: an adapter without history says so, and points to a transcript.
  const fetchHistory = requireHistory(adapter);
  const tz = config.SUMMARY_TIMEZONE;
  const from = sinceOption(request.since ?? DEFAULT_SINCE, now, tz);
  if (from.getTime() >= now.getTime()) throw new ArgumentError(`--since ${request.since} is in the future; give a past date or a duration like 24h`);
  const channel = request.channel === undefined ? deps.currentChannel : await readableChannel(adapter, request.channel, deps.asker, request.lang);
  // No public "Reading…" note for another channel's digest: the final reply would replace it in place, in public.
  if (request.channel === undefined) await deps.progress?.(request.lang === 'zh' ? '正在读取频道消息…' : 'Reading the channel…');
  const history = await readChannel(fetchHistory, { channel, since: from, until: now, limit: config.SUMMARY_MAX_MESSAGES });
  const digest = await summarize(history.messages, {
    ...(await digestInputs(config, from, now)),
    ...(request.lang !== undefined ? { lang: request.lang } : {}),
    length: request.length,
    period: { since: from, until: now },
  });
  const reply = renderDigest(digest, {
    channelLabel: channelLabel(history.channel),
    timeZone: tz,
    truncated: history.truncated,
    cap: config.SUMMARY_MAX_MESSAGES,
    data: { platform: adapter.platform, channelId: history.channel.id },
  });
  // Another channel's digest goes only to the person who asked, not to everyone here.
  return history.channel.id !== deps.currentChannel && request.channel !== undefined ? { ...reply, ephemeral: true } : reply;
}

/**
 * The id of a channel named in `/summary #channel`, once the platform says the
 * asker may read it (Slack: a member; Discord: may view it). Otherwise a
 * refusal that shows nothing of that channel (not even its resolved name):
 * the bot can read channels its users cannot, and must not read them for them.
 */
async function readableChannel(adapter: ChatAdapter, reference: string, asker: string | undefined, lang: SummaryLang | undefined): Promise<string> {
  const zh = lang === 'zh';
  if (adapter.canUserRead === undefined || asker === undefined) {
    throw new PermissionError(zh ? '这里无法确认你能否查看其他频道，所以只能总结当前频道。' : 'I cannot check here who may read other channels, so I only summarise the channel you are in.');
  }
  const access = await adapter.canUserRead({ channel: reference, userId: asker });
  if (!access.allowed) {
    throw new PermissionError(zh ? `你不是 ${reference} 的成员，所以不能为你总结它。` : `You are not a member of ${reference}, so I cannot summarise it for you.`);
  }
  return access.channel.id;
}

/** Summarise a transcript: a local path (only for an asker at the bot's machine) or an attached file. */
export async function summaryFromTranscript(
  deps: { config: Config; adapter: ChatAdapter },
  source: { path: string } | { file: InboundFile },
  request: SummaryRequest,
): Promise<Reply> {
  const { config } = deps;
  const maxBytes = config.MAX_ATTACHMENT_BYTES;
  let content: Buffer;
  let label: string;
  if ('path' in source) {
    // A path names a file on the bot's own disk: only someone at that machine may have it read.
    if (!hasCapability(deps.adapter, 'localOperator')) {
      throw new UserError('--file reads a file on the bot\'s own machine, so it works only in the console and the pwbot CLI. Attach the .jsonl transcript to your message instead.', { code: 'unsupported' });
    }
    content = await localFile(source.path, { what: 'transcript', limitName: 'MAX_ATTACHMENT_BYTES' }).read(maxBytes);
    label = basename(source.path);
  } else {
    content = await source.file.read(maxBytes);
    label = source.file.name;
  }
  if (content.includes(0)) throw new UserError(`${label} is not a text file; a transcript has one JSON message per line (ts, user, text, optional thread_ts and permalink).`);
  const transcript: Transcript = parseTranscript(content.toString('utf8'));
  if (transcript.messages.length === 0) {
    const why = transcript.lines === 0 ? 'it is empty' : `no line is a valid message (${describeProblems(transcript.problems)})`;
    throw new UserError(`Cannot summarise ${label}: ${why}. Each line must be a JSON object like {"ts":"1793523600.000100","user":"U01","text":"…"} (optional: thread_ts, permalink, user_name).`, {
      code: 'bad_arguments',
      data: { problems: transcript.problems },
    });
  }

  const tz = config.SUMMARY_TIMEZONE;
  const all = transcript.messages;
  const last = (all[all.length - 1] as ChannelMessage).ts;
  // A duration counts back from the transcript's last message: an export is about its own time, not today.
  const from = request.since === undefined ? null : sinceOption(request.since, last, tz);
  let messages = from === null ? all : all.filter((m) => m.ts.getTime() > from.getTime());
  const cap = config.SUMMARY_MAX_MESSAGES;
  const truncated = messages.length > cap;
  if (truncated) messages = messages.slice(messages.length - cap);

  const periodSince = from ?? (all[0] as ChannelMessage).ts;
  const digest = await summarize(messages, {
    ...(await digestInputs(config, periodSince, last)),
    ...(request.lang !== undefined ? { lang: request.lang } : {}),
    length: request.length,
    period: { since: periodSince, until: last },
  });
  return renderDigest(digest, {
    channelLabel: label,
    timeZone: tz,
    truncated,
    cap,
    problems: transcript.problems,
    data: { file: label, lines: transcript.lines },
  });
}

/** `parseSince`, its refusal worded with the option the user typed (`--since "soon" is not …`). */
function sinceOption(value: string, reference: Date, timeZone: string): Date {
  try {
    return parseSince(value, reference, timeZone);
  } catch (error) {
    if (error instanceof PeriodError) throw new ArgumentError(`--${camelToKebab(error.param)} ${error.problem}`);
    throw error;
  }
}
