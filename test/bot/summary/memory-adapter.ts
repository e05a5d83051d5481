/** An in-memory chat adapter for the scheduler's logic tests. */
import type { AdapterCapabilities, ChatAdapter, HistoryPage, HistoryQuery } from '../../../src/core/adapter.js';
import type { Conversation, Platform } from '../../../src/core/message.js';
import type { MessageRef, Reply, ReplyHandle } from '../../../src/core/reply.js';
import type { ChannelMessage } from '../../../src/summary/types.js';

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
  readonly capabilities: AdapterCapabilities;
  readonly posted: PostedMessage[] = [];
  readonly queries: HistoryQuery[] = [];
  failHistory = new Set<string>();
  failPost = new Set<string>();
  private n = 0;

  constructor(
    readonly platform: Platform,
    readonly channels: Map<string, ChannelMessage[]>,
    capabilities: Partial<AdapterCapabilities> = {},
  ) {
    // By default a shared workspace's, like the Slack and Discord adapters the schedule runs on: it posts on its own.
    this.capabilities = { history: true, updateInPlace: true, ephemeral: false, buttons: false, localOperator: false, outlivesReply: true, unpromptedPosts: true, ...capabilities };
  }

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
