/**
 * The router: one incoming message → one command run → one reply, on every
 * platform. Failures become replies through ./failure.ts (a `UserError` is
 * shown as is; anything else is logged with a reference id and the user sees
 * only the ref); preconditions run here, before the command.
 */
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { ChatAdapter, Outcome } from './adapter.js';
import { bindArguments, bindFreeText, type BoundInvocation } from './binder.js';
import type { CommandContext } from './command.js';
import { PermissionError, UserError } from './errors.js';
import { reportFailure } from './failure.js';
import { firstDenial } from './preconditions.js';
import { qualifiedUserId, type Conversation, type IncomingMessage } from './message.js';
import { clipEchoes, clipForEcho, MAX_LINE_CHARS, parseLine, tokenize } from './parser.js';
import { takesOnlyText } from './schema.js';
import type { CommandRegistry } from './registry.js';
import type { MessageRef, Reply, ReplyHandle, Responder } from './reply.js';
import { ServiceContainer, type Outbox } from './services.js';
import { editDistance } from '../text/edit-distance.js';

export type { Outcome } from './adapter.js';

export interface HandleOptions {
  /** The adapter the message came through (default: the attached one for its platform). */
  readonly adapter?: ChatAdapter;
}

export interface BotOptions {
  readonly config: Config;
  readonly log: Logger;
  readonly commands: CommandRegistry;
  readonly services?: ServiceContainer;
  /** Command that answers free text (the FAQ); `ask` by default. */
  readonly questionCommand?: string;
}

export class Bot implements Outbox {
  readonly config: Config;
  readonly log: Logger;
  readonly commands: CommandRegistry;
  readonly services: ServiceContainer;
  private readonly questionCommand: string;
  private readonly attached = new Map<string, ChatAdapter>();

  constructor(options: BotOptions) {
    this.config = options.config;
    this.log = options.log;
    this.commands = options.commands;
    this.services = options.services ?? new ServiceContainer();
    this.questionCommand = options.questionCommand ?? 'ask';
    this.services.bind({ config: this.config, log: this.log, outbox: this });
  }

  /** Start an adapter with this bot as its message handler. */
  async attach(adapter: ChatAdapter): Promise<void> {
    this.attached.set(adapter.platform, adapter);
    await adapter.start((message, responder) => this.handle(message, responder, { adapter }));
  }

  adapter(platform: string): ChatAdapter | undefined {
    return this.attached.get(platform);
  }

  adapters(): readonly ChatAdapter[] {
    return [...this.attached.values()];
  }

  async post(to: Conversation, reply: Reply): Promise<ReplyHandle> {
    return this.running(to.platform).post(to, reply);
  }

  async update(ref: MessageRef, reply: Reply): Promise<void> {
    await this.running(ref.conversation.platform).update(ref, reply);
  }

  private running(platform: string): ChatAdapter {
    const adapter = this.attached.get(platform);
    if (adapter === undefined) throw new Error(`no ${platform} adapter is running`);
    return adapter;
  }

  /**
   * Create the services commands asked to start with the bot (`startWith`).
   * One that fails is logged and does not stop the others or the bot.
   */
  async startServices(): Promise<void> {
    for (const command of this.commands.list()) {
      for (const key of command.startWith ?? []) {
        try {
          await this.services.get(key);
        } catch (error) {
          this.log.error({ err: error, service: key.name, command: command.name }, 'service failed to start');
        }
      }
    }
  }

  /** Stop adapters first (no new work), then dispose services (queues, databases). */
  async shutdown(): Promise<void> {
    for (const adapter of [...this.attached.values()].reverse()) {
      try {
        await adapter.stop();
      } catch (error) {
        this.log.warn({ err: error, platform: adapter.platform }, 'adapter stop failed');
      }
    }
    this.attached.clear();
    await this.services.disposeAll(this.log);
  }

  async handle(message: IncomingMessage, responder: Responder, options: HandleOptions = {}): Promise<Outcome> {
    const started = performance.now();
    const log = this.log.child({ msg_id: message.id, platform: message.platform, channel: message.conversation.channel });
    let commandName = '';
    let progressHandle: ReplyHandle | undefined;
    let progressChain: Promise<unknown> = Promise.resolve();

    const deliver = async (reply: Reply): Promise<void> => {
      // Wait for any progress edit still in flight so the final reply lands last.
      await progressChain.catch(() => undefined);
      if (progressHandle !== undefined) await progressHandle.update(reply);
      else await responder.send(reply);
    };

    try {
      const adapter = options.adapter ?? this.attached.get(message.platform);
      if (adapter === undefined) throw new Error(`no adapter handles platform "${message.platform}"`);
      // Plain words that a command's declared intent answers run as that command's line; the rest go to the question command.
      const routed = await this.route(message.text, log);
      const bound = this.resolve(routed.line ?? message.text);
      commandName = bound.subcommand === undefined ? bound.command.name : `${bound.command.name} ${bound.subcommand}`;
      const ctx: CommandContext = {
        message,
        platform: message.platform,
        user: message.user,
        userKey: qualifiedUserId(message),
        config: this.config,
        log: log.child({ command: commandName }),
        services: this.services,
        outbox: this,
        commands: this.commands,
        adapter,
        files: message.files,
        line: message.text,
        progress: (reply) => {
          // Serialise progress edits: platforms apply edits in arrival order, not call order.
          const next = progressChain.then(async () => {
            if (progressHandle === undefined) progressHandle = await responder.send({ ...reply, tone: reply.tone ?? 'progress' });
            else await progressHandle.update({ ...reply, tone: reply.tone ?? 'progress' });
            return progressHandle;
          });
          progressChain = next.catch(() => undefined);
          return next;
        },
        followUp: async (reply) => {
          await progressChain.catch(() => undefined);
          if (progressHandle !== undefined) return progressHandle.followUp(reply);
          return responder.send(reply);
        },
      };
      // A subcommand lists its own preconditions; the command's apply to the command's own form only.
      const denial = await firstDenial(bound.spec.preconditions ?? [], ctx);
      if (denial !== undefined) {
        log.warn({ command: commandName, user: ctx.userKey, precondition: denial.precondition.name, reason: denial.reason }, 'permission denied');
        throw new PermissionError(denial.reason);
      }
      const answer = await bound.spec.run(ctx, bound.args);
      // The answer to plain words says which command gave it, so the asker can run it (and vary it) next time.
      const reply = routed.line === undefined ? answer : { ...answer, text: `${answer.text}\n\n↳ ${routed.line}`, data: { ...answer.data, routedFrom: message.text, ranLine: routed.line, intent: routed.intent } };
      await deliver(reply);
      log.debug({ command: commandName, ms: Math.round(performance.now() - started) }, 'handled');
      return { command: commandName, ok: true, reply };
    } catch (error) {
      return this.fail(error, commandName, message, log, deliver);
    }
  }

  /**
   * Where plain words go: the first declared intent (commands in registry
   * order) that recognises the text gives the command line to run; no line
   * means the question command (the FAQ). Lines starting with `/` are
   * commands already. An intent that fails is logged and skipped: the FAQ
   * still answers.
   */
  async route(text: string, log: Logger = this.log): Promise<{ line?: string; intent?: string }> {
    if (text.length > MAX_LINE_CHARS || parseLine(text).kind !== 'text' || text.trim() === '') return {};
    for (const command of this.commands.list()) {
      for (const intent of command.intents ?? []) {
        try {
          const line = await intent.resolve(text, { services: this.services, config: this.config });
          if (line !== undefined && line.startsWith('/')) return { line, intent: `${command.name}.${intent.name}` };
        } catch (error) {
          log.warn({ err: error, intent: `${command.name}.${intent.name}` }, 'intent resolver failed; the question goes to the FAQ');
        }
      }
    }
    return {};
  }

  /** Parse and bind, or throw a UserError that says what was wrong. */
  resolve(text: string): BoundInvocation {
    if (text.length > MAX_LINE_CHARS) {
      throw new UserError(
        `That message is ${text.length.toLocaleString('en')} characters long; the bot reads at most ${MAX_LINE_CHARS.toLocaleString('en')}. Shorten it, or attach long text as a file. ` +
          `消息太长（${text.length} 个字符），上限为 ${MAX_LINE_CHARS} 个字符。`,
        { code: 'limit_exceeded', data: { length: text.length, limit: MAX_LINE_CHARS } },
      );
    }
    const parsed = parseLine(text);
    if (parsed.kind === 'text') {
      const ask = this.commands.get(this.questionCommand);
      if (ask === undefined) throw new UserError('Questions in plain words are not supported by this bot. Type /help for the commands.', { code: 'unknown_command' });
      if (parsed.text === '') throw new UserError('Type a question, or /help for the commands.', { code: 'bad_arguments' });
      return bindFreeText(ask, parsed.text);
    }
    const command = this.commands.get(parsed.name);
    if (command === undefined) throw this.unknownCommand(parsed.name);
    // A command whose only argument is free text (`/ask …`) gets the line as typed, like a plain question:
    // an apostrophe or a stray quote in a question is not a syntax error.
    if (takesOnlyText(command)) return bindFreeText(command, parsed.rest);
    return bindArguments(command, tokenize(parsed.rest));
  }

  private unknownCommand(name: string): UserError {
    const names = this.commands.list().filter((c) => !c.hidden).map((c) => c.name);
    const close = names.filter((n) => editDistance(name, n) <= 2 || n.startsWith(name.slice(0, 3)));
    const hint = close.length > 0 ? ` Did you mean ${close.map((n) => `/${n}`).join(' or ')}?` : '';
    return new UserError(`There is no /${clipForEcho(name)} command.${hint} Commands: ${names.map((n) => `/${n}`).join(', ')}. Type /help for details.`, {
      code: 'unknown_command',
      data: { commands: names },
    });
  }

  private async fail(error: unknown, commandName: string, message: IncomingMessage, log: Logger, deliver: (reply: Reply) => Promise<void>): Promise<Outcome> {
    const report = reportFailure(error, log, { fields: { command: commandName, user: qualifiedUserId(message) } });
    // Whatever a command's message quotes of the line, at most a short piece of it goes back.
    const text = clipEchoes(report.reply.text, message.text);
    const reply = text === report.reply.text ? report.reply : { ...report.reply, text };
    const failure = report.error === undefined || text === report.reply.text ? report.error : { ...report.error, message: clipEchoes(report.error.message, message.text) };
    const outcome: Outcome = { command: commandName, ok: false, reply, ...(failure === undefined ? {} : { error: failure }) };
    try {
      await deliver(outcome.reply);
    } catch (deliveryError) {
      log.error({ err: deliveryError, ref: outcome.error?.ref }, 'could not deliver the error reply');
    }
    return outcome;
  }
}
