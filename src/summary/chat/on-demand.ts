/**
 * `/summary` on request: from the channel's history through the adapter, or
 * from a transcript file (a local path in the console and the CLI, or a
 * `.jsonl` attached to the message on any platform).
 */
import { basename } from 'node:path';
import type { Config } from '../../config.js';
import type { ChatAdapter } from '../../core/adapter.js';
import { ArgumentError, CapabilityError, UserError } from '../../core/errors.js';
import { localFile } from '../../core/local-file.js';
import type { InboundFile, Platform } from '../../core/message.js';
import type { Reply } from '../../core/reply.js';
import { parseSince } from '../period.js';
import { summarize } from '../summarize.js';
import { describeProblems, parseTranscript, type Transcript } from '../transcript.js';
import type { ChannelMessage, SummaryLang, SummaryLength } from '../types.js';
import { renderDigest } from './render.js';
import { channelLabel, digestInputs, readChannel } from './sources.js';

export interface SummaryRequest {
  readonly channel?: string;
  readonly since?: string;
  readonly lang?: SummaryLang;
  readonly length: SummaryLength;
}

/** Platforms where `--file` may read the bot machine's disk: the person typing is at that machine. */
const LOCAL_PLATFORMS: ReadonlySet<Platform> = new Set(['console', 'cli']);
const DEFAULT_SINCE = '24h';

/** Summarise a channel's recent history through the adapter the request came from. */
export async function summaryFromHistory(
  deps: { config: Config; adapter: ChatAdapter | undefined; platform: Platform; currentChannel: string; progress?: (text: string) => Promise<unknown> },
  request: SummaryRequest,
  now: Date = new Date(),
): Promise<Reply> {
  const { config, adapter } = deps;
  if (adapter === undefined || !adapter.capabilities.history || adapter.fetchHistory === undefined) {
    throw new CapabilityError(deps.platform, 'read channel history', 'use `/summary --file <transcript.jsonl>` to summarise a local export (one JSON message per line: ts, user, text, optional thread_ts and permalink)');
  }
  const tz = config.SUMMARY_TIMEZONE;
  const from = parseSince(request.since ?? DEFAULT_SINCE, now, tz);
  if (from.getTime() >= now.getTime()) throw new ArgumentError(`--since ${request.since} is in the future; give a past date or a duration like 24h`);
  const channel = request.channel ?? deps.currentChannel;
  await deps.progress?.(request.lang === 'zh' ? '正在读取频道消息…' : 'Reading the channel…');
  const history = await readChannel(adapter, { channel, since: from, until: now, limit: config.SUMMARY_MAX_MESSAGES });
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
    data: { platform: deps.platform, channelId: history.channel.id },
  });
  // Another channel's digest goes only to the person who asked, not to everyone here.
  return history.channel.id !== deps.currentChannel && request.channel !== undefined ? { ...reply, ephemeral: true } : reply;
}

/** Summarise a transcript: a local path (console/CLI only) or an attached file. */
export async function summaryFromTranscript(
  deps: { config: Config; platform: Platform },
  source: { path: string } | { file: InboundFile },
  request: SummaryRequest,
): Promise<Reply> {
  const { config } = deps;
  const maxBytes = config.MAX_ATTACHMENT_BYTES;
  let content: Buffer;
  let label: string;
  if ('path' in source) {
    if (!LOCAL_PLATFORMS.has(deps.platform)) {
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
  const from = request.since === undefined ? null : parseSince(request.since, last, tz);
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
