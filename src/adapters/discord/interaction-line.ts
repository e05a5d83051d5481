/**
 * A slash-command interaction → the chat line a person would have typed
 * (`/name sub "positional words" --flag value`). Going back through a line
 * keeps the core's parser, zod validation and error messages the single path
 * for every platform: Discord's own form checks (min/max, choices) are a
 * convenience, not the validation.
 */
import { ApplicationCommandOptionType } from './discord-js.js';
import type { SubcommandSpec } from '../../core/command.js';
import { quoteToken } from '../../core/parser.js';
import type { CommandRegistry } from '../../core/registry.js';
import { describeArgs, positionalArgs, takesOnlyText, type ArgInfo } from '../../core/schema.js';
import { BASE_SUBCOMMAND } from './slash-commands.js';

export interface AttachmentLike {
  readonly name: string;
  readonly url: string;
  readonly size: number;
  readonly contentType?: string | null;
}

/** The shape of discord.js's `CommandInteractionOption` this needs (plain data, easy to test). */
export interface SlashOptionValue {
  readonly name: string;
  readonly type: number;
  readonly value?: string | number | boolean;
  readonly options?: readonly SlashOptionValue[];
  readonly attachment?: AttachmentLike;
}

export interface TranslatedInteraction {
  readonly line: string;
  readonly attachments: readonly AttachmentLike[];
}

/**
 * Quote a positional word so the binder reads it as a word: besides what
 * `quoteToken` quotes, `key=value` (would bind as a flag) and a word naming a
 * subcommand (would select it).
 */
function positionalToken(word: string, subcommandNames: readonly string[]): string {
  const quoted = quoteToken(word);
  if (quoted !== word) return quoted;
  if (word.includes('=') || subcommandNames.includes(word.toLowerCase())) return `"${word}"`;
  return word;
}

function valueText(value: string | number | boolean): string {
  return typeof value === 'string' ? value : String(value);
}

function flagTokens(info: ArgInfo | undefined, name: string, value: string | number | boolean): string[] {
  // `--flag=false` and not `--flag false`: a bare boolean flag means true, and "false" would become a stray word.
  if (info?.kind === 'boolean' || typeof value === 'boolean') return [`--${info?.flag ?? name}=${valueText(value)}`];
  return [`--${info?.flag ?? name}`, quoteToken(valueText(value))];
}

function argumentTokens(spec: SubcommandSpec | undefined, options: readonly SlashOptionValue[], guardFirst: readonly string[]): { tokens: string[]; attachments: AttachmentLike[] } {
  const infos = spec === undefined ? [] : describeArgs(spec.args, spec);
  const attachments: AttachmentLike[] = [];
  const values = new Map<string, SlashOptionValue>();
  for (const option of options) {
    if (option.type === ApplicationCommandOptionType.Attachment) {
      if (option.attachment !== undefined) attachments.push(option.attachment);
      continue;
    }
    values.set(option.name, option);
  }
  const tokens: string[] = [];
  // Positionals as bare words, in order, as long as none is missing; after a gap they must go as flags.
  let contiguous = true;
  const slots = spec === undefined ? [] : positionalArgs(infos, spec);
  for (const slot of slots) {
    const given = values.get(slot.flag);
    if (given?.value === undefined) {
      contiguous = false;
      continue;
    }
    if (!contiguous) continue;
    const words = slot.rest ? valueText(given.value).split(/[\s\u3000]+/).filter((w) => w !== '') : [valueText(given.value)];
    for (const word of words) tokens.push(positionalToken(word, tokens.length === 0 ? guardFirst : []));
    values.delete(slot.flag);
  }
  for (const [name, option] of values) {
    if (option.value === undefined) continue;
    tokens.push(...flagTokens(infos.find((i) => i.flag === name), name, option.value));
  }
  return { tokens, attachments };
}

export function interactionToLine(commands: CommandRegistry, commandName: string, options: readonly SlashOptionValue[]): TranslatedInteraction {
  const command = commands.get(commandName);
  const head = [`/${commandName}`];
  if (command !== undefined && takesOnlyText(command)) {
    // The router reads such a command's text as typed (see takesOnlyText): pass it unquoted.
    const text = options.find((o) => o.value !== undefined)?.value;
    return { line: text === undefined ? head[0] as string : `${head[0] as string} ${valueText(text)}`, attachments: [] };
  }
  let spec: SubcommandSpec | undefined = command;
  let rest = options;
  const first = options[0];
  if (first !== undefined && (first.type === ApplicationCommandOptionType.Subcommand || first.type === ApplicationCommandOptionType.SubcommandGroup)) {
    rest = first.options ?? [];
    const real = command?.subcommands?.[first.name];
    if (real !== undefined) {
      head.push(first.name);
      spec = real;
    } else if (first.name !== BASE_SUBCOMMAND) {
      // A sub-command from a stale registration: pass it on so the core explains what exists.
      head.push(quoteToken(first.name));
      spec = undefined;
    }
  }
  // On the command's own form, a first word naming a subcommand would select that subcommand.
  const guard = spec === command && command?.subcommands ? Object.keys(command.subcommands) : [];
  const { tokens, attachments } = argumentTokens(spec, rest, guard);
  return { line: [...head, ...tokens].join(' '), attachments };
}
