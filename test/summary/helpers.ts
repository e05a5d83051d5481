/** Shared pieces for the summary tests: fixtures, and an in-memory channel store for the scheduler's logic tests. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AdapterCapabilities, ChatAdapter, HistoryPage, HistoryQuery } from '../../src/core/adapter.js';
import type { Conversation, Platform } from '../../src/core/message.js';
import type { MessageRef, Reply, ReplyHandle } from '../../src/core/reply.js';
import { parseTranscript } from '../../src/summary/transcript.js';
import type { ChannelMessage } from '../../src/summary/types.js';

export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
export const EN_FIXTURE = `${FIXTURES}summary-en-llm-pricing.jsonl`;
export const ZH_FIXTURE = `${FIXTURES}summary-zh-price-war.jsonl`;

export function loadFixture(path: string): ChannelMessage[] {
  const t = parseTranscript(readFileSync(path, 'utf8'));
  if (t.problems.length > 0) throw new Error(`fixture ${path} has bad lines: ${JSON.stringify(t.problems)}`);
  return t.messages;
}

/** Shift a fixture so that it happened `endsAt - last message` later (schedules need "recent" messages). */
export function shiftTo(messages: readonly ChannelMessage[], endsAt: Date): ChannelMessage[] {
  const last = messages[messages.length - 1]?.ts.getTime() ?? endsAt.getTime();
  const delta = endsAt.getTime() - last;
  return messages.map((m) => ({ ...m, ts: new Date(m.ts.getTime() + delta) }));
}

export interface PostedMessage {
  readonly conversation: Conversation;
  readonly reply: Reply;
  readonly id: string;
}

/**
 * A ChatAdapter over in-memory channels, for the scheduler's own logic
 * (periods, checkpoints, failures) without a platform. The platform tests
 * (platforms.test.ts) run the same schedule through the real Slack and
 * Discord adapters against their fake servers.
 */
export class MemoryAdapter implements ChatAdapter {
  readonly capabilities: AdapterCapabilities = { history: true, updateInPlace: true, ephemeral: false, buttons: false };
  readonly posted: PostedMessage[] = [];
  readonly queries: HistoryQuery[] = [];
  failHistory = new Set<string>();
  failPost = new Set<string>();
  private n = 0;

  constructor(readonly platform: Platform, readonly channels: Map<string, ChannelMessage[]>) {}

  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  async update(_ref: MessageRef, _reply: Reply): Promise<void> {}
  async upload(): Promise<void> {}

  async post(to: Conversation, reply: Reply): Promise<ReplyHandle> {
    if (this.failPost.has(to.channel)) throw new Error(`cannot post to ${to.channel}: not_in_channel`);
    const id = `posted-${++this.n}`;
    this.posted.push({ conversation: to, reply, id });
    const ref = { conversation: to, id };
    return { ref, update: async () => undefined, followUp: async () => this.post(to, reply) };
  }

  async fetchHistory(query: HistoryQuery): Promise<HistoryPage> {
    this.queries.push(query);
    if (this.failHistory.has(query.channel)) throw new Error(`history of ${query.channel} failed: ratelimited`);
    const all = (this.channels.get(query.channel) ?? []).filter((m) => m.ts >= query.since && (query.until === undefined || m.ts <= query.until));
    const truncated = all.length > query.limit;
    return { channel: { id: query.channel, name: `name-${query.channel}` }, messages: truncated ? all.slice(all.length - query.limit) : all, truncated };
  }
}
