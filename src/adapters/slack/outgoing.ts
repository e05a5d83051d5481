/**
 * Everything the adapter sends to Slack: posts, edits, ephemeral messages,
 * response_url answers, reactions and file uploads. Rendering is ./render.ts;
 * this file decides which Web API call carries it.
 *
 * - Edits go through one `EditPacer` (src/core/edit-pacer.ts) per message (≈1 edit/s).
 * - A message Slack rejects as malformed (`invalid_blocks`, `msg_too_long`)
 *   is re-sent as plain text: a rendering bug must not swallow an answer.
 * - Charts are uploaded with files.uploadV2 into the same conversation or
 *   thread, once per message even if the reply is edited again.
 */
import type { Logger } from 'pino';
import type { UploadFile } from '../../core/adapter.js';
import type { Conversation } from '../../core/message.js';
import type { MessageRef, Reply } from '../../core/reply.js';
import { drawCharts, type PngChart, type PngReply } from '../shared/chart-png.js';
import { renderReply, type RenderOptions, type SlackMessage } from './render.js';
import { EditPacer } from '../../core/edit-pacer.js';
import { slackErrorCode, type WebClient } from './web.js';

interface Edit {
  readonly reply: Reply;
  readonly options: RenderOptions;
}

interface TrackedMessage {
  readonly throttle: EditPacer<Edit>;
  readonly uploadedCharts: Set<string>;
}

export interface OutgoingOptions {
  readonly client: WebClient;
  readonly log: Logger;
  /** Minimum spacing of edits to one message. */
  readonly updateIntervalMs: number;
  readonly fetch?: typeof fetch;
}

const RENDERING_ERRORS = new Set(['invalid_blocks', 'invalid_blocks_format', 'msg_too_long', 'too_many_attachments', 'invalid_attachments']);
const MAX_TRACKED = 2_000;

function chartKey(chart: PngChart): string {
  return `${chart.filename}:${chart.png.byteLength}`;
}

function plainOnly(message: SlackMessage): { text: string } {
  return { text: message.text };
}

export class SlackOutgoing {
  private readonly tracked = new Map<string, TrackedMessage>();
  private stopped = false;

  constructor(private readonly options: OutgoingOptions) {}

  get client(): WebClient {
    return this.options.client;
  }

  /** Post a reply as a new message (plus continuation messages, charts, overflow file). Returns the first message's ref. */
  async post(to: Conversation, original: Reply, renderOptions: RenderOptions = {}): Promise<MessageRef> {
    const reply = await drawCharts(original, this.options.log);
    const rendered = renderReply(reply, renderOptions);
    const [first, ...rest] = rendered.messages;
    const ts = await this.postMessage(to, first ?? { text: ' ', blocks: [] });
    const ref: MessageRef = { conversation: to, id: ts };
    const tracked = this.track(ref);
    tracked.throttle.markSent();
    for (const message of rest) await this.postMessage(to, message);
    await this.afterRender(to, reply, rendered.overflowFile, tracked);
    return ref;
  }

  /** Edit a message in place (throttled). Interim edits resolve at once; a final one when it is on Slack. */
  update(ref: MessageRef, reply: Reply, renderOptions: RenderOptions = {}): Promise<void> {
    const throttle = this.track(ref).throttle;
    const edit = { reply, options: renderOptions };
    if (reply.tone !== 'progress') return throttle.send(edit);
    throttle.push(edit);
    return Promise.resolve();
  }

  async postEphemeral(to: Conversation, user: string, reply: Reply): Promise<void> {
    const rendered = renderReply(reply);
    for (const message of rendered.messages) {
      const args = { channel: to.channel, user, ...(to.thread ? { thread_ts: to.thread } : {}) };
      await this.withPlainFallback(
        (m) => this.client.chat.postEphemeral({ ...args, ...m } as Parameters<WebClient['chat']['postEphemeral']>[0]),
        message,
      );
    }
    // Files cannot be ephemeral: say so rather than leak or drop them silently.
    if ((reply.charts?.length ?? 0) > 0) {
      await this.client.chat.postEphemeral({ channel: to.channel, user, text: `(${reply.charts?.length} chart(s) are not shown in a private reply.)`, ...(to.thread ? { thread_ts: to.thread } : {}) });
    }
  }

  /** Answer through a slash command's or button's response_url (works where the bot is not a member). */
  async respond(responseUrl: string, reply: Reply, how: { ephemeral: boolean; replaceOriginal: boolean }, renderOptions: RenderOptions = {}): Promise<void> {
    const rendered = renderReply(reply, renderOptions);
    let replace = how.replaceOriginal;
    for (const message of rendered.messages) {
      const body = {
        response_type: how.ephemeral ? 'ephemeral' : 'in_channel',
        replace_original: replace,
        text: message.text,
        blocks: message.blocks,
      };
      replace = false;
      const response = await (this.options.fetch ?? fetch)(responseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(15_000),
      });
      const answer = await response.text();
      if (!response.ok) throw new Error(`response_url answered HTTP ${response.status}: ${answer.slice(0, 200)}`);
    }
    if ((reply.charts?.length ?? 0) > 0) this.options.log.info({ charts: reply.charts?.length }, 'charts not uploaded: the reply went through response_url (the bot is not in the channel)');
  }

  async upload(to: Conversation, file: UploadFile): Promise<void> {
    await this.client.filesUploadV2({
      channel_id: to.channel,
      ...(to.thread ? { thread_ts: to.thread } : {}),
      file_uploads: [{ file: Buffer.from(file.bytes), filename: file.filename, title: file.title ?? file.filename }],
    } as Parameters<WebClient['filesUploadV2']>[0]);
  }

  async delete(ref: MessageRef): Promise<void> {
    this.forget(ref);
    await this.client.chat.delete({ channel: ref.conversation.channel, ts: ref.id });
  }

  /** Best effort: a missing scope or an already-present reaction must not fail the answer. */
  async react(channel: string, ts: string, name: string, add: boolean): Promise<boolean> {
    try {
      if (add) await this.client.reactions.add({ channel, timestamp: ts, name });
      else await this.client.reactions.remove({ channel, timestamp: ts, name });
      return true;
    } catch (error) {
      const code = slackErrorCode(error);
      if (code !== 'already_reacted' && code !== 'no_reaction') this.options.log.debug({ code, err: code ? undefined : error }, `reactions.${add ? 'add' : 'remove'} failed`);
      return code === 'already_reacted';
    }
  }

  /** Accept edits again after a stop (the adapter was restarted). */
  resume(): void {
    this.stopped = false;
  }

  /** Stop pending edits (shutdown). */
  stop(): void {
    this.stopped = true;
    for (const tracked of this.tracked.values()) tracked.throttle.close();
    this.tracked.clear();
  }

  private key(ref: MessageRef): string {
    return `${ref.conversation.channel}:${ref.id}`;
  }

  private forget(ref: MessageRef): void {
    this.tracked.get(this.key(ref))?.throttle.close();
    this.tracked.delete(this.key(ref));
  }

  private track(ref: MessageRef): TrackedMessage {
    const key = this.key(ref);
    let tracked = this.tracked.get(key);
    if (tracked === undefined) {
      const throttle = new EditPacer<Edit>((edit) => this.applyEdit(ref, edit), {
        intervalMs: this.options.updateIntervalMs,
        onError: (error) => this.options.log.warn({ err: error }, 'progress update failed (the next update or the final reply will replace it)'),
      });
      tracked = { throttle, uploadedCharts: new Set() };
      if (this.stopped) throttle.close();
      this.tracked.set(key, tracked);
      this.evictIdle();
    }
    return tracked;
  }

  /** Keep the map bounded: forget messages whose last edit is long past. */
  private evictIdle(): void {
    if (this.tracked.size <= MAX_TRACKED) return;
    for (const [key, tracked] of this.tracked) {
      if (this.tracked.size <= MAX_TRACKED / 2) break;
      if (!tracked.throttle.busy && tracked.throttle.idleFor() > 60_000) this.tracked.delete(key);
    }
  }

  private async applyEdit(ref: MessageRef, queued: Edit): Promise<void> {
    // Charts are drawn when a final edit goes out: interim edits upload none, and a throttled-away one costs nothing.
    const final = queued.reply.tone !== 'progress';
    const edit = { ...queued, reply: final ? await drawCharts(queued.reply, this.options.log) : (queued.reply as PngReply) };
    const rendered = renderReply(edit.reply, edit.options);
    const [first, ...rest] = rendered.messages;
    await this.withPlainFallback(
      (m) => this.client.chat.update({ channel: ref.conversation.channel, ts: ref.id, ...m } as Parameters<WebClient['chat']['update']>[0]),
      first ?? { text: ' ', blocks: [] },
    );
    if (!final) return;
    // Continuations and files only for a final edit: interim ones would pile up.
    for (const message of rest) await this.postMessage(ref.conversation, message);
    await this.afterRender(ref.conversation, edit.reply, rendered.overflowFile, this.track(ref));
  }

  private async postMessage(to: Conversation, message: SlackMessage): Promise<string> {
    const result = await this.withPlainFallback(
      (m) =>
        this.client.chat.postMessage({
          channel: to.channel,
          ...(to.thread ? { thread_ts: to.thread } : {}),
          unfurl_links: false,
          unfurl_media: false,
          ...m,
        } as Parameters<WebClient['chat']['postMessage']>[0]),
      message,
    );
    const ts = (result as { ts?: string }).ts;
    if (typeof ts !== 'string') throw new Error('chat.postMessage returned no ts');
    return ts;
  }

  private async withPlainFallback<R>(call: (message: SlackMessage | { text: string }) => Promise<R>, message: SlackMessage): Promise<R> {
    try {
      return await call(message);
    } catch (error) {
      const code = slackErrorCode(error);
      if (code === undefined || !RENDERING_ERRORS.has(code)) throw error;
      this.options.log.error({ code, blocks: message.blocks.length }, 'Slack rejected the rendered blocks; sending plain text instead');
      return call(plainOnly(message));
    }
  }

  private async afterRender(to: Conversation, reply: PngReply, overflowFile: { filename: string; content: string } | undefined, tracked: TrackedMessage): Promise<void> {
    // The text is already on Slack: a failed upload is reported next to it, not thrown (that would post the answer twice).
    const attempt = async (what: string, upload: () => Promise<unknown>): Promise<void> => {
      try {
        await upload();
      } catch (error) {
        const code = slackErrorCode(error);
        this.options.log.warn({ code, err: code ? undefined : error, what }, 'file upload failed');
        await this.postMessage(to, { text: `⚠️ The ${what} could not be uploaded${code ? ` (${code})` : ''}.`, blocks: [] }).catch(() => undefined);
      }
    };
    if (overflowFile !== undefined) {
      await attempt('full reply', () =>
        this.upload(to, { filename: overflowFile.filename, bytes: Buffer.from(overflowFile.content, 'utf8'), mime: 'text/plain', title: reply.title ?? 'Full reply' }),
      );
    }
    const charts = (reply.charts ?? []).filter((chart) => !tracked.uploadedCharts.has(chartKey(chart)));
    if (charts.length === 0) return;
    charts.forEach((chart) => tracked.uploadedCharts.add(chartKey(chart)));
    // One upload call, one message carrying every chart of the reply.
    await attempt(charts.length === 1 ? 'chart' : 'charts', () =>
      this.client.filesUploadV2({
        channel_id: to.channel,
        ...(to.thread ? { thread_ts: to.thread } : {}),
        file_uploads: charts.map((chart) => ({ file: Buffer.from(chart.png), filename: chart.filename, title: chart.title, alt_text: chart.alt.slice(0, 1000) })),
      } as Parameters<WebClient['filesUploadV2']>[0]),
    );
  }
}
