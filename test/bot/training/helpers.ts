/** The /train chat tests' pieces: a recording chat adapter, a bot with the real /train, attached files in memory. */
import type { Config } from '../../../src/config.js';
import type { AdapterCapabilities, ChatAdapter, MessageHandler, UploadFile } from '../../../src/core/adapter.js';
import type { Bot } from '../../../src/core/bot.js';
import type { Conversation, InboundFile, IncomingMessage, Platform } from '../../../src/core/message.js';
import type { MessageRef, Reply, ReplyHandle, Responder } from '../../../src/core/reply.js';
import type { Logger } from '../../../src/logging.js';
import train from '../../../commands/train.js';
import { capabilitiesFor, testBot } from '../../fakes/bot.js';
import { afterEach } from 'vitest';
import { silentLog, tempDir, testConfig } from '../../training/helpers.js';

export { tempDir, testConfig, silentLog, waitUntil } from '../../training/helpers.js';

export interface RecordedMessage {
  readonly id: string;
  readonly conversation: Conversation;
  /** Every version of the message, first post first, with the time it was sent. */
  readonly versions: { reply: Reply; at: number }[];
}

/** A chat platform in memory: what was posted, and every edit, in order. */
export class RecordingAdapter implements ChatAdapter {
  readonly capabilities: AdapterCapabilities;
  readonly messages: RecordedMessage[] = [];
  private handler: MessageHandler | undefined;
  private seq = 0;

  /** What `platform`'s real adapter can do (a shared workspace's for `slack`), editing in place and with buttons. */
  constructor(readonly platform: Platform = 'console') {
    this.capabilities = { ...capabilitiesFor(platform), history: false, updateInPlace: true, ephemeral: false, buttons: true };
  }

  async start(handler: MessageHandler): Promise<void> {
    this.handler = handler;
  }
  async stop(): Promise<void> {
    this.handler = undefined;
  }

  private handleFor(message: RecordedMessage): ReplyHandle {
    return {
      ref: { conversation: message.conversation, id: message.id },
      update: (reply) => this.update({ conversation: message.conversation, id: message.id }, reply),
      followUp: (reply) => this.post(message.conversation, reply),
    };
  }

  async post(to: Conversation, reply: Reply): Promise<ReplyHandle> {
    const message: RecordedMessage = { id: `m${++this.seq}`, conversation: to, versions: [{ reply, at: Date.now() }] };
    this.messages.push(message);
    return this.handleFor(message);
  }

  async update(ref: MessageRef, reply: Reply): Promise<void> {
    const message = this.messages.find((m) => m.id === ref.id);
    if (message === undefined) throw new Error(`no message ${ref.id}`);
    message.versions.push({ reply, at: Date.now() });
  }

  async upload(_to: Conversation, _file: UploadFile): Promise<void> {}

  responder(conversation: Conversation): Responder {
    return { send: (reply) => this.post(conversation, reply) };
  }

  /** Send a line as a user, as the platform would, and wait for the command's reply. */
  async say(bot: Bot, text: string, options: { user?: string; files?: InboundFile[]; conversation?: Conversation } = {}) {
    const conversation = options.conversation ?? { platform: this.platform, channel: 'C1' };
    const message: IncomingMessage = {
      id: `in-${++this.seq}`,
      platform: this.platform,
      user: { id: options.user ?? 'alice', name: options.user ?? 'alice' },
      conversation,
      text,
      files: options.files ?? [],
      receivedAt: new Date(),
    };
    return bot.handle(message, this.responder(conversation), { adapter: this });
  }
}

export async function trainBot(config: Config, adapter?: RecordingAdapter, log: Logger = silentLog): Promise<Bot> {
  const bot = testBot([train], { config, log });
  if (adapter !== undefined) await bot.attach(adapter);
  return bot;
}

/**
 * Inside a `describe`: `setup(env)` gives a bot with the real /train on a
 * recording console, in its own data folder; both are cleaned up after each
 * test, with anything else pushed onto `cleanups`.
 */
export function consoleTrainBotPerTest(): { setup(env?: Record<string, string>): Promise<{ bot: Bot; adapter: RecordingAdapter }>; cleanups: (() => Promise<void> | void)[] } {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  return {
    cleanups,
    async setup(env = {}) {
      const dir = tempDir();
      const adapter = new RecordingAdapter('console');
      const bot = await trainBot(testConfig(dir.path, env), adapter);
      cleanups.push(dir.cleanup, () => bot.shutdown());
      return { bot, adapter };
    },
  };
}

export function memoryFile(name: string, text: string | Buffer): InboundFile {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  return {
    name,
    mime: 'text/csv',
    size: bytes.length,
    async read(maxBytes: number) {
      if (bytes.length > maxBytes) throw new Error(`over ${maxBytes}`);
      return bytes;
    },
  };
}

