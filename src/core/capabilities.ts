/**
 * The one place that checks what an adapter can do. Features and commands ask
 * "can this conversation keep a job's progress?" or "is the asker at this
 * machine?", never "is this Slack?": a new adapter (a web page) then works
 * with every command by declaring its capabilities.
 */
import type { AdapterCapabilities, CapabilityName, ChatAdapter, HistoryPage, HistoryQuery } from './adapter.js';
import { CapabilityError } from './errors.js';

/** What each capability lets a user do, for the "this bot cannot … here" message. */
const DOING: Readonly<Record<CapabilityName, string>> = {
  history: 'read channel history',
  updateInPlace: 'edit its messages',
  ephemeral: 'show a message to you alone',
  buttons: 'show buttons',
  localOperator: 'read files on the bot’s machine',
  outlivesReply: 'keep working after this reply',
  unpromptedPosts: 'post on its own',
};

export function hasCapability(adapter: Pick<ChatAdapter, 'capabilities'>, name: CapabilityName): boolean {
  return adapter.capabilities[name];
}

/** Throw a `CapabilityError` (shown to the user as is) unless the adapter has `name`. */
export function requireCapability(adapter: Pick<ChatAdapter, 'capabilities' | 'platform'>, name: CapabilityName, hint?: string): void {
  if (!adapter.capabilities[name]) throw new CapabilityError(adapter.platform, DOING[name], hint);
}

/** The hint every history-less adapter gives: a local export works everywhere a file can be read. */
export const HISTORY_HINT = 'use `/summary --file <transcript.jsonl>` to summarise a local export (one JSON message per line: ts, user, text, optional thread_ts and permalink)';

/** The adapter's history reader, or a `CapabilityError` that says what to do instead. */
export function requireHistory(adapter: ChatAdapter, hint: string = HISTORY_HINT): (query: HistoryQuery) => Promise<HistoryPage> {
  const fetchHistory = adapter.fetchHistory;
  requireCapability(adapter, 'history', hint);
  if (fetchHistory === undefined) throw new CapabilityError(adapter.platform, DOING.history, hint);
  return (query) => fetchHistory.call(adapter, query);
}
