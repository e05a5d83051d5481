/**
 * The web adapter: a chat page and a price dashboard served by the bot
 * itself (Hono on @hono/node-server). A browser session is a direct
 * conversation whose history lives here, so a reload shows everything,
 * including a job's progress message, which is edited in place and pushed
 * to open pages over server-sent events.
 *
 * A visitor is never a local operator, not even on the loopback address:
 * any local user or process can reach 127.0.0.1, unlike the console's
 * terminal. So the page reads no file of the bot's machine (attach one
 * instead), and /train takes the same allow-list as every chat: the visitor
 * is `web:<name>` (the login name with WEB_TOKEN, the bot's own $USER on
 * loopback), to be listed in TRAIN_ALLOWED_USERS.
 */
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { pino, type Logger } from 'pino';
import type { AdapterCapabilities, ChatAdapter, MessageHandler, UploadFile } from '../../core/adapter.js';
import { UserError } from '../../core/errors.js';
import { reportFailure } from '../../core/failure.js';
import type { Conversation, InboundFile, IncomingMessage } from '../../core/message.js';
import type { MessageRef, Reply, ReplyHandle } from '../../core/reply.js';
import { createWebApp, type DashboardProvider } from './app.js';
import { isLoopbackHost } from './security.js';
import { SessionStore, type WebSession } from './sessions.js';

export const WEB_PLATFORM = 'web';

export interface WebAdapterOptions {
  readonly host: string;
  /** 0 picks a free port (tests). */
  readonly port: number;
  readonly token?: string | undefined;
  /** The user id of a visitor in loopback mode (no token). */
  readonly localUser?: string;
  readonly maxUploadBytes: number;
  readonly dashboard?: DashboardProvider | undefined;
  readonly log?: Logger;
  readonly store?: SessionStore;
}

export const WEB_CAPABILITIES: AdapterCapabilities = { history: false, updateInPlace: true, ephemeral: false, buttons: true, localOperator: false, outlivesReply: true, unpromptedPosts: false };

/** An uploaded browser file as an `InboundFile`; its size is known before any byte is read. */
function inboundFile(file: File): InboundFile {
  return {
    name: file.name || 'upload',
    mime: file.type || 'application/octet-stream',
    size: file.size,
    async read(maxBytes: number): Promise<Buffer> {
      if (file.size > maxBytes) throw new UserError(`The attached file ${file.name} is ${file.size.toLocaleString('en')} bytes; the limit is ${maxBytes.toLocaleString('en')}.`, { code: 'limit_exceeded' });
      return Buffer.from(await file.arrayBuffer());
    },
  };
}

export class WebAdapter implements ChatAdapter {
  readonly platform = WEB_PLATFORM;
  readonly capabilities: AdapterCapabilities;
  readonly store: SessionStore;
  private server: ServerType | undefined;
  private handler: MessageHandler | undefined;
  private readonly log: Logger;
  private readonly pending = new Set<Promise<unknown>>();
  private address: AddressInfo | undefined;

  constructor(private readonly options: WebAdapterOptions) {
    if (options.token === undefined && !isLoopbackHost(options.host)) {
      throw new Error(`WEB_HOST=${options.host} is reachable from other machines: set WEB_TOKEN (visitors log in with it), or bind to 127.0.0.1`);
    }
    this.log = options.log ?? pino({ level: 'silent' });
    this.store = options.store ?? new SessionStore();
    this.capabilities = WEB_CAPABILITIES;
  }

  /** Where the page is, once started: `http://127.0.0.1:8787/`. */
  get url(): string {
    if (this.address === undefined) throw new Error('the web adapter is not started');
    const host = this.address.family === 'IPv6' ? `[${this.address.address}]` : this.address.address;
    return `http://${host}:${this.address.port}/`;
  }

  async start(handler: MessageHandler): Promise<void> {
    this.handler = handler;
    const app = createWebApp({
      store: this.store,
      token: this.options.token,
      localUser: this.options.localUser ?? 'local',
      maxUploadBytes: this.options.maxUploadBytes,
      dashboard: this.options.dashboard,
      onLine: (session, text, file) => this.receive(session, text, file),
      onError: (error) => reportFailure(error, this.log, { what: 'web: request failed' }).reply.text,
    });
    await new Promise<void>((resolve, reject) => {
      const server = serve({ fetch: app.fetch, hostname: this.options.host, port: this.options.port }, (info) => {
        this.address = info;
        resolve();
      });
      server.once('error', reject);
      this.server = server;
    });
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.store.closeAll();
    if (server === undefined) return;
    // Open event streams would hold the server open: close them with it.
    (server as { closeAllConnections?: () => void }).closeAllConnections?.();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Wait until every line sent so far has been answered (tests, benchmarks). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  async post(to: Conversation, reply: Reply): Promise<ReplyHandle> {
    return this.send(this.sessionFor(to.channel), reply);
  }

  async update(ref: MessageRef, reply: Reply): Promise<void> {
    const session = this.sessionFor(ref.conversation.channel);
    if (!this.store.edit(session, ref.id, reply)) throw new Error(`web: message ${ref.id} is no longer kept`);
  }

  async upload(to: Conversation, file: UploadFile): Promise<void> {
    const session = this.sessionFor(to.channel);
    this.store.append(session, {
      from: 'bot',
      reply: { text: `📎 ${file.title ?? file.filename}` },
      files: [{ name: file.filename, mime: file.mime, bytes: file.bytes, ...(file.title === undefined ? {} : { title: file.title }) }],
    });
  }

  private sessionFor(channel: string): WebSession {
    const session = this.store.byChannelId(channel);
    if (session === undefined) throw new Error(`web: no session ${channel} (the page was closed and the bot restarted)`);
    return session;
  }

  private conversation(session: WebSession): Conversation {
    return { platform: WEB_PLATFORM, channel: session.channel, visibility: 'direct' };
  }

  private async send(session: WebSession, reply: Reply): Promise<ReplyHandle> {
    const message = this.store.append(session, { from: 'bot', reply });
    const ref: MessageRef = { conversation: this.conversation(session), id: message.id };
    return {
      ref,
      update: async (next) => {
        this.store.edit(session, message.id, next);
      },
      followUp: (next) => this.send(session, next),
    };
  }

  private receive(session: WebSession, text: string, file: File | undefined): void {
    const typed = this.store.append(session, { from: 'user', text, ...(file === undefined ? {} : { attachment: file.name }) });
    const handler = this.handler;
    if (handler === undefined) return;
    const message: IncomingMessage = {
      id: typed.id,
      platform: WEB_PLATFORM,
      user: { id: session.userId, name: session.userId },
      conversation: this.conversation(session),
      text: text.trim(),
      files: file === undefined ? [] : [inboundFile(file)],
      receivedAt: new Date(),
    };
    const work = handler(message, { send: (reply) => this.send(session, reply) })
      .catch((error: unknown) => {
        const { reply } = reportFailure(error, this.log, { fields: { msg_id: typed.id }, what: 'web: message handler failed' });
        this.store.append(session, { from: 'bot', reply });
      })
      .finally(() => this.pending.delete(work));
    this.pending.add(work);
  }
}
