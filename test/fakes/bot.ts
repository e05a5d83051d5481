/** Build a Bot around a few commands, and talk to it directly (no adapter). */
import { Writable } from 'node:stream';
import { loadConfig, type Config } from '../../src/config.js';
import { Bot, type Outcome } from '../../src/core/bot.js';
import type { CommandDefinition } from '../../src/core/command.js';
import type { IncomingMessage, InboundFile, Platform } from '../../src/core/message.js';
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

export function testMessage(text: string, overrides: { platform?: Platform; user?: string; files?: InboundFile[] } = {}): IncomingMessage {
  const platform = overrides.platform ?? 'test';
  return {
    id: `m-${Math.random().toString(36).slice(2)}`,
    platform,
    user: { id: overrides.user ?? 'u1', name: 'Tester' },
    conversation: { platform, channel: 'c1' },
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

export function testBot(commands: readonly CommandDefinition[], options: { config?: Config; log?: ReturnType<typeof createLogger> } = {}): Bot {
  return new Bot({
    config: options.config ?? loadConfig({}, undefined),
    log: options.log ?? createLogger({ level: 'silent' }),
    commands: new CommandRegistry(commands.map((definition) => ({ definition, source: `${definition.name}.ts` }))),
  });
}

export async function run(bot: Bot, text: string, options: { platform?: Platform; user?: string } = {}): Promise<Outcome> {
  return bot.handle(testMessage(text, options), recordingResponder());
}
