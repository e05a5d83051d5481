/** Build a Bot around a few commands, and talk to it through a bare test adapter. */
import { Writable } from 'node:stream';
import { CLI_CAPABILITIES } from '../../src/adapters/cli/adapter.js';
import { CONSOLE_CAPABILITIES } from '../../src/adapters/console/adapter.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { AdapterCapabilities, ChatAdapter } from '../../src/core/adapter.js';
import { Bot, type Outcome } from '../../src/core/bot.js';
import type { CommandDefinition } from '../../src/core/command.js';
import type { IncomingMessage, InboundFile, Platform, Visibility } from '../../src/core/message.js';
import { CommandRegistry } from '../../src/core/registry.js';
import type { Reply, ReplyHandle, Responder } from '../../src/core/reply.js';
import { createLogger } from '../../src/logging.js';

/** A log sink that keeps every JSON line, for assertions on what was logged. */
export function captureLog(level = 'debug'): { log: ReturnType<typeof createLogger>; lines: () => Array<Record<string, unknown>>; raw: () => string } {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const log = createLogger({ level, destination: destination as never });
  const raw = (): string => chunks.join('');
  return { log, raw, lines: () => raw().split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Record<string, unknown>) };
}

/** Where a test message is: a channel (default c1) and its visibility (the console's and CLI's are direct, as their adapters say; else unknown). */
export interface TestPlace {
  readonly channel?: string;
  readonly visibility?: Visibility;
}

export function testMessage(text: string, overrides: { platform?: Platform; user?: string; files?: InboundFile[] } & TestPlace = {}): IncomingMessage {
  const platform = overrides.platform ?? 'test';
  const visibility = overrides.visibility ?? (platform === 'console' || platform === 'cli' ? 'direct' : undefined);
  return {
    id: `m-${Math.random().toString(36).slice(2)}`,
    platform,
    user: { id: overrides.user ?? 'u1', name: 'Tester' },
    conversation: { platform, channel: overrides.channel ?? 'c1', ...(visibility === undefined ? {} : { visibility }) },
    text,
    files: overrides.files ?? [],
    receivedAt: new Date(),
  };
}

/** A responder that records every send/update/follow-up in order. */
export function recordingResponder(): Responder & { events: Array<{ kind: 'send' | 'update' | 'followUp'; reply: Reply }> } {
  const events: Array<{ kind: 'send' | 'update' | 'followUp'; reply: Reply }> = [];
  let n = 0;
  const handle = (): ReplyHandle => {
    const id = String(++n);
    return {
      ref: { conversation: { platform: 'test', channel: 'c1' }, id },
      update: async (reply) => {
        events.push({ kind: 'update', reply });
      },
      followUp: async (reply) => {
        events.push({ kind: 'followUp', reply });
        return handle();
      },
    };
  };
  return {
    events,
    send: async (reply) => {
      events.push({ kind: 'send', reply });
      return handle();
    },
  };
}

/**
 * What a shared chat workspace declares (Slack and Discord do): the asker is
 * not at the bot's machine, the process keeps running, the bot may post.
 */
export const WORKSPACE_CAPABILITIES: AdapterCapabilities = {
  history: false,
  updateInPlace: true,
  ephemeral: true,
  buttons: true,
  localOperator: false,
  outlivesReply: true,
  unpromptedPosts: true,
};

/** Capabilities a test message gets by platform name: the real console's and CLI's, else a workspace's. */
export function capabilitiesFor(platform: Platform): AdapterCapabilities {
  return platform === 'console' ? CONSOLE_CAPABILITIES : platform === 'cli' ? CLI_CAPABILITIES : WORKSPACE_CAPABILITIES;
}

/**
 * An adapter that only declares capabilities: the message and responder are
 * handed to `bot.handle` directly, and unprompted posts are recorded.
 */
export function testAdapter(platform: Platform = 'test', capabilities: AdapterCapabilities = capabilitiesFor(platform)): ChatAdapter & { posted: Reply[] } {
  const posted: Reply[] = [];
  let n = 0;
  const handle = (conversation: { platform: Platform; channel: string }): ReplyHandle => ({
    ref: { conversation, id: `post-${++n}` },
    update: async (reply) => {
      posted.push(reply);
    },
    followUp: async (reply) => {
      posted.push(reply);
      return handle(conversation);
    },
  });
  return {
    platform,
    capabilities,
    posted,
    start: async () => undefined,
    stop: async () => undefined,
    post: async (to, reply) => {
      posted.push(reply);
      return handle(to);
    },
    update: async (_ref, reply) => {
      posted.push(reply);
    },
    upload: async () => undefined,
  };
}

export function testBot(commands: readonly CommandDefinition[], options: { config?: Config; log?: ReturnType<typeof createLogger> } = {}): Bot {
  return new Bot({
    config: options.config ?? loadConfig({}, undefined),
    log: options.log ?? createLogger({ level: 'silent' }),
    commands: new CommandRegistry(commands.map((definition) => ({ definition, source: `${definition.name}.ts` }))),
  });
}

export async function run(bot: Bot, text: string, options: { platform?: Platform; user?: string; capabilities?: AdapterCapabilities } & TestPlace = {}): Promise<Outcome> {
  const message = testMessage(text, options);
  return bot.handle(message, recordingResponder(), { adapter: bot.adapter(message.platform) ?? testAdapter(message.platform, options.capabilities) });
}
