/**
 * Discord slash commands generated from the command definitions — the adapter
 * never names a feature. Each argument `describeArgs` reports becomes an
 * option (strings, integers and numbers with min/max, choices, booleans), a
 * `file` spec becomes an attachment option, and subcommands become Discord
 * sub-commands. Discord cannot mix sub-commands with a command's own options,
 * so a command that has subcommands also gets a `run` sub-command for its own
 * form (`/pricewar run …` ≙ `/pricewar …`).
 */
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from './discord-js.js';
import type { CommandDefinition, SubcommandSpec } from '../../core/command.js';
import type { CommandRegistry } from '../../core/registry.js';
import { describeArgs, positionalArgs, rangeSpan, type ArgInfo } from '../../core/schema.js';

export type SlashCommand = RESTPostAPIChatInputApplicationCommandsJSONBody;

/** The sub-command that stands for a command's own form when it also has subcommands. */
export const BASE_SUBCOMMAND = 'run';
/** Name of the attachment option for a `file` spec (`attachment` if an argument is already called `file`). */
export const FILE_OPTION = 'file';
export const FILE_OPTION_FALLBACK = 'attachment';

const DESCRIPTION_MAX = 100;
const CHOICES_MAX = 25;

/** Cut to `max` characters with an ellipsis, never splitting a surrogate pair. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

function kindText(info: ArgInfo): string {
  const item = info.kind === 'list' ? info.itemKind ?? 'string' : info.kind;
  const base = item === 'integer' ? 'A whole number' : item === 'number' ? 'A number' : item === 'boolean' ? 'True or false' : item === 'enum' ? 'One of the choices' : 'Text';
  return info.kind === 'list' ? `${base}, or several separated by commas` : base;
}

/** The argument's own description, with hints Discord's form does not show (lists, defaults) appended when they fit. */
function optionDescription(info: ArgInfo): string {
  const own = info.description?.trim() || `${kindText(info)}${info.kind === 'list' ? '' : ` ${rangeSpan(info) ?? ''}`.trimEnd()}`;
  const hints: string[] = [];
  if (info.kind === 'list' && !info.rest && !/comma/i.test(own)) hints.push('comma-separated');
  if (info.defaultValue !== undefined && !/default/i.test(own)) {
    const shown = Array.isArray(info.defaultValue) ? info.defaultValue.join(',') : String(info.defaultValue);
    if (shown !== '') hints.push(`default ${shown}`);
  }
  const withHints = hints.length > 0 ? `${own} (${hints.join('; ')})` : own;
  return clip(withHints.length <= DESCRIPTION_MAX ? withHints : own, DESCRIPTION_MAX);
}

function toOption(info: ArgInfo): APIApplicationCommandBasicOption {
  const common = { name: info.flag, description: optionDescription(info), required: info.required };
  if (info.kind === 'boolean') return { ...common, type: ApplicationCommandOptionType.Boolean };
  if (info.kind === 'integer' || info.kind === 'number') {
    // describeArgs already drops zod's implicit ±2⁵³ bounds of .int(): only real ranges arrive here.
    const bounds: { min_value?: number; max_value?: number } = {};
    if (info.min !== undefined) bounds.min_value = info.min;
    if (info.max !== undefined) bounds.max_value = info.max;
    if (info.kind === 'integer') return { ...common, type: ApplicationCommandOptionType.Integer, ...bounds };
    return { ...common, type: ApplicationCommandOptionType.Number, ...bounds };
  }
  const choices = info.kind === 'enum' && info.choices !== undefined && info.choices.length <= CHOICES_MAX ? info.choices : undefined;
  return {
    ...common,
    type: ApplicationCommandOptionType.String,
    ...(choices === undefined ? {} : { choices: choices.map((c) => ({ name: clip(c, 100), value: c })) }),
  };
}

/** Positionals first, in their typed order, then flags; Discord wants every required option before the optional ones. */
export function orderedArgs(spec: Pick<SubcommandSpec, 'args' | 'positionals'>): ArgInfo[] {
  const infos = describeArgs(spec.args, spec);
  const positionals = positionalArgs(infos, spec);
  const rank = (info: ArgInfo): number => (info.positional ? positionals.indexOf(info) : positionals.length);
  const stable = infos.map((info, index) => ({ info, index }));
  stable.sort((a, b) => Number(b.info.required) - Number(a.info.required) || rank(a.info) - rank(b.info) || a.index - b.index);
  return stable.map((s) => s.info);
}

export function fileOptionName(spec: Pick<SubcommandSpec, 'args' | 'positionals'>): string {
  return describeArgs(spec.args, spec).some((i) => i.flag === FILE_OPTION) ? FILE_OPTION_FALLBACK : FILE_OPTION;
}

function optionsFor(spec: SubcommandSpec): APIApplicationCommandBasicOption[] {
  const options = orderedArgs(spec).map(toOption);
  if (spec.file !== undefined) {
    const accept = spec.file.accept && spec.file.accept.length > 0 ? ` (${spec.file.accept.join(', ')})` : '';
    const text = `${spec.file.description}${accept}`;
    options.push({
      type: ApplicationCommandOptionType.Attachment,
      name: fileOptionName(spec),
      description: clip(text.length <= DESCRIPTION_MAX ? text : spec.file.description, DESCRIPTION_MAX),
      required: false,
    });
  }
  return options;
}

function subcommand(name: string, spec: SubcommandSpec): APIApplicationCommandSubcommandOption {
  return { type: ApplicationCommandOptionType.Subcommand, name, description: clip(spec.description, DESCRIPTION_MAX), options: optionsFor(spec) };
}

export function slashCommandFor(command: CommandDefinition): SlashCommand {
  const subs = Object.entries(command.subcommands ?? {});
  const options =
    subs.length === 0
      ? optionsFor(command)
      : [
          ...(command.subcommands?.[BASE_SUBCOMMAND] === undefined ? [subcommand(BASE_SUBCOMMAND, command)] : []),
          ...subs.map(([name, spec]) => subcommand(name, spec)),
        ];
  return {
    type: ApplicationCommandType.ChatInput,
    name: command.name,
    description: clip(command.description, DESCRIPTION_MAX),
    options,
    // Usable in servers and in DMs with the bot.
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
    integration_types: [ApplicationIntegrationType.GuildInstall],
  };
}

/**
 * Every visible command as a Discord slash command. Hidden commands (button
 * callbacks) are reached through buttons, and aliases would only duplicate
 * entries in Discord's picker, so neither is registered.
 */
export function generateSlashCommands(commands: CommandRegistry): SlashCommand[] {
  return commands.list().filter((c) => !c.hidden).map(slashCommandFor);
}
