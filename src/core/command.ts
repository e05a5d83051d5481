/**
 * One command, one file: `commands/<name>.ts` does
 * `export default defineCommand({ name, description, examples, args, run })`.
 * The definition is plain data plus a `run` function, so the same command
 * serves the console, the CLI, Slack and Discord, and help and Discord slash
 * options are generated from it.
 */
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Config } from '../config.js';
import type { ChatAdapter } from './adapter.js';
import type { ChatUser, IncomingMessage, InboundFile, Platform } from './message.js';
import type { Reply, ReplyHandle } from './reply.js';
import type { Outbox, ServiceContainer, ServiceKey } from './services.js';

/** `true` to allow, or the reason shown to the user when denied. */
export type PreconditionResult = true | string;

/** A named check before a command runs; made with `definePrecondition` (./preconditions.ts). */
export interface Precondition {
  /** Named in logs ("permission denied", precondition: "TrainingAllowed") and in tests. */
  readonly name: string;
  check(ctx: CommandContext): PreconditionResult | Promise<PreconditionResult>;
}

/** What an intent's resolver may read: the bot's services (data loaded once) and configuration. */
export interface IntentContext {
  readonly services: ServiceContainer;
  readonly config: Config;
}

/**
 * A kind of plain-words question a command answers ("how much is gpt-4o
 * now"). The command declares it; the router asks each declared intent in
 * turn and runs the command line the first one gives, else the question
 * command (the FAQ). The core knows no feature: what the words mean is the
 * command's business.
 */
export interface IntentSpec {
  /** Named in logs and in the reply's "same as" line. */
  readonly name: string;
  readonly description: string;
  /** Sample questions, for /help and evaluation sets. */
  readonly examples: readonly string[];
  /** The command line (`/pricewar compare gpt-4o`) that answers `text`, or undefined when it is not this kind of question. */
  resolve(text: string, ctx: IntentContext): string | undefined | Promise<string | undefined>;
}

/** The loaded commands, as /help sees them (implemented by `CommandRegistry`). */
export interface CommandCatalog {
  get(nameOrAlias: string): CommandDefinition | undefined;
  list(): readonly CommandDefinition[];
}

export interface CommandContext {
  readonly message: IncomingMessage;
  readonly platform: Platform;
  readonly user: ChatUser;
  /** `platform:userId`, as used in allow-lists. */
  readonly userKey: string;
  readonly config: Config;
  readonly log: Logger;
  readonly services: ServiceContainer;
  readonly outbox: Outbox;
  /** Every loaded command (for /help). */
  readonly commands: CommandCatalog;
  /**
   * The adapter this message came through. Ask it what it can do
   * (`hasCapability(ctx.adapter, 'outlivesReply')`), never which platform it is.
   */
  readonly adapter: ChatAdapter;
  /** The files attached to the message. */
  readonly files: readonly InboundFile[];
  /** The command line as typed (after the mention was stripped). */
  readonly line: string;
  /**
   * Show or refresh an interim message ("working…", a progress bar). The first
   * call posts it, later calls edit it in place, and the command's returned
   * reply replaces it.
   */
  progress(reply: Reply): Promise<ReplyHandle>;
  /** An extra message after the main reply (overflow, a second chart). */
  followUp(reply: Reply): Promise<ReplyHandle>;
}

export interface FileSpec {
  readonly description: string;
  /** MIME types or extensions (`.csv`) the command accepts. */
  readonly accept?: readonly string[];
}

interface RunnableSpec<S extends z.ZodObject> {
  readonly description: string;
  readonly args: S;
  /** Keys filled from bare words, in order; `key...` takes every remaining word as a list. */
  readonly positionals?: readonly string[];
  /** The command reads an attached file (Discord gets an attachment option). */
  readonly file?: FileSpec;
  /** Checked in order before `run`; the first denial is the user's answer. Not inherited by subcommands. */
  readonly preconditions?: readonly Precondition[];
  run(ctx: CommandContext, args: z.output<S>): Promise<Reply> | Reply;
}

export type SubcommandSpec<S extends z.ZodObject = z.ZodObject> = RunnableSpec<S> & {
  readonly examples?: readonly string[];
};

export type CommandSpec<S extends z.ZodObject = z.ZodObject> = RunnableSpec<S> & {
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly examples: readonly string[];
  /** `/pricewar cuts …`: the first bare word picks a subcommand; otherwise the command's own `run`. */
  readonly subcommands?: Readonly<Record<string, SubcommandSpec<any>>>;
  /** Hidden from `/help` (internal commands such as button callbacks). */
  readonly hidden?: boolean;
  /**
   * Services to create as soon as the bot serves chats, not on first use:
   * a training queue that must resume interrupted jobs, a summary schedule.
   * (The one-shot CLI does not start them.)
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- keys of any service type
  readonly startWith?: readonly ServiceKey<any>[];
  /** Plain-words questions this command answers; the router routes free text here before the FAQ. */
  readonly intents?: readonly IntentSpec[];
};

const COMMAND_BRAND = Symbol.for('pricewar-bot.command');

export type CommandDefinition = CommandSpec<any> & { readonly [COMMAND_BRAND]: true };

const NAME_RE = /^[a-z][a-z0-9-]{0,31}$/;

/** Checked at definition time and again by the registry, so a bad file fails start-up loudly. */
const specShape = z.object({
  name: z.string().regex(NAME_RE, 'lower-case letters, digits and dashes, starting with a letter, at most 32'),
  description: z.string().min(1).max(100, 'at most 100 characters (Discord\'s limit)'),
  examples: z.array(z.string().startsWith('/')),
  aliases: z.array(z.string().regex(NAME_RE)).optional(),
  args: z.custom<z.ZodObject>((v) => v instanceof z.ZodObject, 'must be a zod object schema (z.object({...}))'),
  positionals: z.array(z.string()).optional(),
  run: z.custom<(...a: unknown[]) => unknown>((v) => typeof v === 'function', 'must be a function'),
  preconditions: z
    .array(z.custom((v) => typeof v === 'object' && v !== null && typeof (v as { check?: unknown }).check === 'function', 'must be definePrecondition(...) results'))
    .optional(),
  hidden: z.boolean().optional(),
  startWith: z.array(z.custom((v) => typeof v === 'object' && v !== null && typeof (v as { create?: unknown }).create === 'function', 'must be defineService(...) keys')).optional(),
  intents: z
    .array(
      z.object({
        name: z.string().min(1).max(64),
        description: z.string().min(1).max(200),
        examples: z.array(z.string()),
        resolve: z.custom<(...a: unknown[]) => unknown>((v) => typeof v === 'function', 'must be a function'),
      }),
    )
    .optional(),
});

const subShape = z.object({
  description: z.string().min(1).max(100),
  args: specShape.shape.args,
  positionals: z.array(z.string()).optional(),
  run: specShape.shape.run,
  preconditions: specShape.shape.preconditions,
  examples: z.array(z.string()).optional(),
});

/** Returns a list of problems (empty when valid). */
export function validateCommandSpec(value: unknown): string[] {
  const problems: string[] = [];
  const parsed = specShape.safeParse(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${issue.path.join('.') || 'definition'}: ${issue.message}`);
    return problems;
  }
  const spec = value as CommandSpec;
  const checkPositionals = (where: string, args: z.ZodObject, positionals: readonly string[] | undefined): void => {
    for (const [i, p] of (positionals ?? []).entries()) {
      const key = p.replace(/\.\.\.$/, '');
      if (!(key in args.shape)) problems.push(`${where}positionals: "${key}" is not a key of args`);
      if (p.endsWith('...') && i !== (positionals?.length ?? 0) - 1) problems.push(`${where}positionals: "${p}" must be last`);
    }
  };
  checkPositionals('', spec.args, spec.positionals);
  for (const [subName, sub] of Object.entries(spec.subcommands ?? {})) {
    if (!NAME_RE.test(subName)) problems.push(`subcommands.${subName}: invalid name`);
    const subParsed = subShape.safeParse(sub);
    if (!subParsed.success) {
      for (const issue of subParsed.error.issues) problems.push(`subcommands.${subName}.${issue.path.join('.')}: ${issue.message}`);
    } else {
      checkPositionals(`subcommands.${subName}.`, sub.args, sub.positionals);
    }
  }
  return problems;
}

export function defineCommand<S extends z.ZodObject>(spec: CommandSpec<S>): CommandDefinition {
  const problems = validateCommandSpec(spec);
  if (problems.length > 0) {
    throw new Error(`invalid command definition${typeof spec.name === 'string' ? ` "${spec.name}"` : ''}: ${problems.join('; ')}`);
  }
  return Object.freeze({ ...spec, [COMMAND_BRAND]: true as const });
}

/** Gives a subcommand's `run` its own inferred argument type. */
export function defineSubcommand<S extends z.ZodObject>(spec: SubcommandSpec<S>): SubcommandSpec<S> {
  return spec;
}

export function isCommandDefinition(value: unknown): value is CommandDefinition {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[COMMAND_BRAND] === true;
}
