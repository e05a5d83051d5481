/**
 * Bolt listeners → core messages. Every entry point acks first (Bolt acks
 * events itself before listeners run; commands and buttons call `ack()` on
 * the first line) and then hands the work to the adapter's work queue
 * (./work-queue.ts: bounded concurrency, started after pending acks) without
 * awaiting it, so Slack's 3-second deadline never depends on what a command,
 * or 199 others, cost.
 *
 * Entry points:
 * - `/<prefix><name> text` (one regex listener, so any registered command works) → `/<name> text`;
 * - `@bot …` in a channel → answered in the message's thread;
 * - any message in a DM with the bot;
 * - a reply, without a mention, in a thread the bot answered — unless it
 *   mentions someone else (people talking among themselves);
 * - a button made from `Reply.actions` → its command line, run as the clicker.
 *
 * De-duplication: each event id, and each message (channel + ts, because a
 * mention also arrives as a `message` event), is claimed once in SlackState.
 */
import { createHash } from 'node:crypto';
import type { App } from '@slack/bolt';
import type { Logger } from 'pino';
import type { MessageHandler } from '../../core/adapter.js';
import type { IncomingMessage, InboundFile, Visibility } from '../../core/message.js';
import { slackInboundFile, slashCommandLine, slashCommandPattern, type FileDownloadOptions, type SlackFile } from './inbound.js';
import { escapeMrkdwn, fromSlackText, mentions, mentionsSomeoneElse } from './mrkdwn.js';
import { ACTION_ID_PREFIX } from './render.js';
import { ReplySession, type SessionDeps, type SessionTarget } from './session.js';
import type { SlackState } from './state.js';
import type { AckFirstWorkQueue } from './work-queue.js';

export interface ListenerDeps {
  readonly log: Logger;
  readonly state: SlackState;
  readonly session: SessionDeps;
  readonly commandPrefix: string;
  readonly botUserId: string;
  readonly files: FileDownloadOptions;
  readonly handler: () => MessageHandler | undefined;
  /** Work in flight, so that stop() can let it settle. */
  readonly inFlight: Set<Promise<void>>;
  /** Where acked requests' work waits: bounded concurrency, acks first. */
  readonly work: AckFirstWorkQueue;
}

/** The subset of a message / app_mention event this adapter reads. */
interface MessageEvent {
  readonly type: string;
  readonly subtype?: string;
  readonly channel: string;
  readonly channel_type?: string;
  readonly user?: string;
  readonly bot_id?: string;
  readonly text?: string;
  readonly ts: string;
  readonly thread_ts?: string;
  readonly files?: SlackFile[];
}

/** Message subtypes that are a person writing (others are edits, joins, bot posts…). */
const USER_SUBTYPES = new Set([undefined, 'file_share', 'thread_broadcast']);

function run(deps: ListenerDeps, message: IncomingMessage, target: SessionTarget): void {
  const handler = deps.handler();
  if (handler === undefined) return;
  // Never inside the acking listener: the queue starts it on a later turn, a few at a time, after pending acks.
  // Even the session and the log child are made there, so the listener itself costs next to nothing.
  const work = deps.work
    .run(() => {
      const session = new ReplySession(target, deps.session);
      session.begin();
      return Promise.resolve()
        .then(() => handler(message, session))
        .then(
          () => session.finish(),
          (error: unknown) => session.finish(error),
        );
    })
    .catch((error: unknown) => deps.log.error({ err: error, msg_id: message.id, entry: target.kind }, 'Slack answer bookkeeping failed'))
    .finally(() => deps.inFlight.delete(work));
  deps.inFlight.add(work);
}

function inboundFiles(deps: ListenerDeps, files: readonly SlackFile[] | undefined): InboundFile[] {
  return (files ?? []).map((file) => slackInboundFile(file, deps.files));
}

/**
 * Who can read a Slack conversation, from what the payload says: events carry
 * `channel_type`, slash commands a `channel_name` of "directmessage" or
 * "privategroup", and ids starting D (DM) or G (old private channel). A C id
 * alone can be public or private, so it stays unknown (treated as private).
 */
export function slackVisibility(channel: string, channelType?: string, channelName?: string): { visibility?: Visibility } {
  if (channelType === 'im' || channelName === 'directmessage' || channel.startsWith('D')) return { visibility: 'direct' };
  if (channelType === 'group' || channelType === 'mpim' || channelName === 'privategroup' || channelName?.startsWith('mpdm-') === true || channel.startsWith('G')) return { visibility: 'private' };
  if (channelType === 'channel') return { visibility: 'public' };
  return {};
}

function fromEvent(deps: ListenerDeps, event: MessageEvent, thread: string | undefined): IncomingMessage {
  return {
    id: `${event.channel}:${event.ts}`,
    platform: 'slack',
    user: { id: event.user ?? 'unknown' },
    conversation: { platform: 'slack', channel: event.channel, ...(thread ? { thread } : {}), ...slackVisibility(event.channel, event.channel_type) },
    text: fromSlackText(event.text ?? '', { botUserId: deps.botUserId }),
    files: inboundFiles(deps, event.files),
    receivedAt: new Date(),
  };
}

/** Claims the event id and the message; false when either was seen before. */
async function firstTime(deps: ListenerDeps, eventId: string | undefined, event: MessageEvent, retryNum: unknown): Promise<boolean> {
  const fresh = (eventId === undefined || (await deps.state.claim(`event:${eventId}`))) && (await deps.state.claim(`message:${event.channel}:${event.ts}`));
  if (!fresh) deps.log.debug({ eventId, retryNum, channel: event.channel, ts: event.ts }, 'duplicate Slack event ignored');
  return fresh;
}

/**
 * Claims a slash command or a button click once. Slack gives each a fresh
 * trigger_id, so a second delivery of the same one is a replay (a captured
 * signed request sent again inside Bolt's 5-minute window) or a duplicate:
 * acked, never run. Without a trigger_id the whole payload is the key.
 */
async function firstDelivery(deps: ListenerDeps, kind: 'command' | 'action', triggerId: string | undefined, payload: unknown): Promise<boolean> {
  const key = triggerId ?? createHash('sha256').update(JSON.stringify(payload)).digest('hex');
  const fresh = await deps.state.claim(`${kind}:${key}`);
  if (!fresh) deps.log.warn({ kind, triggerId }, 'Slack request delivered again (replay or duplicate): not run twice');
  return fresh;
}

export function registerListeners(app: App, deps: ListenerDeps): void {
  app.command(slashCommandPattern(deps.commandPrefix), async ({ command, ack }) => {
    await ack();
    if (!(await firstDelivery(deps, 'command', command.trigger_id, command))) return;
    const line = slashCommandLine(deps.commandPrefix, command.command, command.text, deps.botUserId);
    if (line === undefined) return;
    const typed = `${command.command}${command.text ? ` ${command.text}` : ''}`;
    const shown = escapeMrkdwn(typed.length > 200 ? `${typed.slice(0, 199)}…` : typed).replace(/`/g, "'");
    run(
      deps,
      {
        id: `command:${command.trigger_id}`,
        platform: 'slack',
        user: { id: command.user_id, ...(command.user_name ? { name: command.user_name } : {}) },
        conversation: { platform: 'slack', channel: command.channel_id, ...slackVisibility(command.channel_id, undefined, command.channel_name) },
        text: line,
        files: [],
        receivedAt: new Date(),
      },
      {
        kind: 'slash',
        conversation: { platform: 'slack', channel: command.channel_id },
        user: command.user_id,
        responseUrl: command.response_url,
        footer: `<@${command.user_id}> used \`${shown}\``,
        workingText: `Working on \`${shown}\`…`,
      },
    );
  });

  app.event('app_mention', async ({ event, body, context }) => {
    const e = event as unknown as MessageEvent;
    // DMs arrive as `message` events (handled below); other bots are ignored to avoid bot loops.
    if (e.channel.startsWith('D') || e.bot_id !== undefined || e.user === undefined) return;
    if (!(await firstTime(deps, (body as { event_id?: string }).event_id, e, context.retryNum))) return;
    const thread = e.thread_ts ?? e.ts;
    run(deps, fromEvent(deps, e, thread), { kind: 'mention', conversation: { platform: 'slack', channel: e.channel, thread }, user: e.user, sourceTs: e.ts });
  });

  app.event('message', async ({ event, body, context }) => {
    const e = event as unknown as MessageEvent;
    if (!USER_SUBTYPES.has(e.subtype) || e.bot_id !== undefined || e.user === undefined || e.user === deps.botUserId) return;
    const isDm = e.channel_type === 'im' || e.channel.startsWith('D');
    let kind: 'dm' | 'thread';
    if (isDm) {
      kind = 'dm';
    } else {
      // In channels a mention is the app_mention listener's; a plain reply counts only in a thread the bot answered.
      if (e.thread_ts === undefined || e.thread_ts === e.ts || mentions(e.text ?? '', deps.botUserId)) return;
      if (!(await deps.state.isAnsweredThread(e.channel, e.thread_ts)) || mentionsSomeoneElse(e.text ?? '', deps.botUserId)) return;
      kind = 'thread';
    }
    if (!(await firstTime(deps, (body as { event_id?: string }).event_id, e, context.retryNum))) return;
    run(deps, fromEvent(deps, e, e.thread_ts), { kind, conversation: { platform: 'slack', channel: e.channel, ...(e.thread_ts ? { thread: e.thread_ts } : {}) }, user: e.user, sourceTs: e.ts });
  });

  app.action(new RegExp(`^${ACTION_ID_PREFIX}`), async ({ ack, body, action }) => {
    await ack();
    const value = (action as { value?: string }).value;
    const b = body as {
      user?: { id?: string; username?: string; name?: string };
      channel?: { id?: string };
      container?: { channel_id?: string; message_ts?: string; thread_ts?: string };
      message?: { ts?: string; thread_ts?: string };
      response_url?: string;
      trigger_id?: string;
    };
    const channel = b.channel?.id ?? b.container?.channel_id;
    const user = b.user?.id;
    if (value === undefined || channel === undefined || user === undefined) return;
    if (!(await firstDelivery(deps, 'action', b.trigger_id, body))) return;
    // Answer under the message that carried the button.
    const thread = b.message?.thread_ts ?? b.container?.thread_ts ?? b.message?.ts ?? b.container?.message_ts;
    const name = b.user?.username ?? b.user?.name;
    run(
      deps,
      {
        id: `action:${b.trigger_id ?? `${channel}:${thread ?? ''}:${user}`}`,
        platform: 'slack',
        user: { id: user, ...(name ? { name } : {}) },
        conversation: { platform: 'slack', channel, ...(thread ? { thread } : {}), ...slackVisibility(channel) },
        text: value,
        files: [],
        receivedAt: new Date(),
      },
      { kind: 'action', conversation: { platform: 'slack', channel, ...(thread ? { thread } : {}) }, user, responseUrl: b.response_url },
    );
  });
}
