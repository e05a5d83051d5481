/**
 * Browser sessions and their chat history, kept server-side so that a page
 * reload (or a second tab) shows the same conversation, a job's progress
 * message included. Each session has a secret cookie id (never logged, never
 * in a message ref) and a public channel id (what `Conversation.channel` and
 * stored message refs carry). Listeners are the open SSE streams.
 */
import { randomBytes } from 'node:crypto';
import type { Reply } from '../../core/reply.js';

/** One attached file shown in the page (an upload from the bot, or a chart's PNG). */
export interface StoredFile {
  readonly name: string;
  readonly mime: string;
  readonly bytes: Uint8Array;
  readonly title?: string;
}

export interface WebMessage {
  readonly id: string;
  readonly from: 'user' | 'bot';
  /** What the user typed (user messages). */
  readonly text?: string;
  /** The attachment's name, when the user sent one. */
  readonly attachment?: string;
  /** The bot's reply (bot messages). */
  reply?: Reply;
  /** Files the bot uploaded into this message. */
  files: StoredFile[];
  edits: number;
  readonly at: string;
}

export type SessionEvent = { readonly type: 'message'; readonly message: WebMessage };

export interface WebSession {
  /** The cookie value: a bearer secret. */
  readonly secret: string;
  /** Public id: the conversation's channel. */
  readonly channel: string;
  readonly userId: string;
  readonly csrf: string;
  readonly messages: WebMessage[];
  readonly listeners: Set<(event: SessionEvent) => void>;
  lastSeen: number;
}

export interface SessionLimits {
  /** Sessions kept at once; the least recently seen is dropped past it. */
  readonly maxSessions: number;
  /** Messages kept per session; the oldest are dropped past it. */
  readonly maxMessages: number;
}

const token = (bytes: number): string => randomBytes(bytes).toString('base64url');

export class SessionStore {
  private readonly bySecret = new Map<string, WebSession>();
  private readonly byChannel = new Map<string, WebSession>();
  private sequence = 0;

  constructor(private readonly limits: SessionLimits = { maxSessions: 500, maxMessages: 300 }) {}

  create(userId: string): WebSession {
    const session: WebSession = {
      secret: token(32),
      channel: `s${randomBytes(6).toString('hex')}`,
      userId,
      csrf: token(24),
      messages: [],
      listeners: new Set(),
      lastSeen: Date.now(),
    };
    this.bySecret.set(session.secret, session);
    this.byChannel.set(session.channel, session);
    this.evict();
    return session;
  }

  bySecretId(secret: string | undefined): WebSession | undefined {
    if (secret === undefined) return undefined;
    const session = this.bySecret.get(secret);
    if (session !== undefined) session.lastSeen = Date.now();
    return session;
  }

  /** Every session kept now (tests, the bench). */
  sessions(): IterableIterator<WebSession> {
    return this.bySecret.values();
  }

  byChannelId(channel: string): WebSession | undefined {
    return this.byChannel.get(channel);
  }

  /** A new message id, unique in this process (also across sessions). */
  nextId(): string {
    this.sequence += 1;
    return `m${Date.now().toString(36)}-${this.sequence}`;
  }

  append(session: WebSession, message: Omit<WebMessage, 'id' | 'at' | 'edits' | 'files'> & { files?: StoredFile[] }): WebMessage {
    const stored: WebMessage = { ...message, files: message.files ?? [], id: this.nextId(), edits: 0, at: new Date().toISOString() };
    session.messages.push(stored);
    if (session.messages.length > this.limits.maxMessages) session.messages.splice(0, session.messages.length - this.limits.maxMessages);
    this.emit(session, stored);
    return stored;
  }

  /** Replace a bot message's reply; false when it is no longer kept. */
  edit(session: WebSession, id: string, reply: Reply): boolean {
    const message = session.messages.find((m) => m.id === id);
    if (message === undefined) return false;
    message.reply = reply;
    message.edits += 1;
    this.emit(session, message);
    return true;
  }

  findMessage(session: WebSession, id: string): WebMessage | undefined {
    return session.messages.find((m) => m.id === id);
  }

  subscribe(session: WebSession, listener: (event: SessionEvent) => void): () => void {
    session.listeners.add(listener);
    return () => session.listeners.delete(listener);
  }

  emit(session: WebSession, message: WebMessage): void {
    for (const listener of session.listeners) listener({ type: 'message', message });
  }

  /** Close every stream (shutdown). */
  closeAll(): void {
    for (const session of this.bySecret.values()) session.listeners.clear();
  }

  private evict(): void {
    while (this.bySecret.size > this.limits.maxSessions) {
      let oldest: WebSession | undefined;
      for (const s of this.bySecret.values()) if (oldest === undefined || s.lastSeen < oldest.lastSeen) oldest = s;
      if (oldest === undefined) return;
      this.bySecret.delete(oldest.secret);
      this.byChannel.delete(oldest.channel);
    }
  }
}
