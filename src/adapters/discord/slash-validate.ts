/**
 * Discord's rules for chat-input commands, checked before `discord:deploy`
 * sends the list (Discord would reject the whole PUT with a terse "Invalid
 * Form Body") and by a test over the real `commands/` folder, so that a new
 * command Discord cannot take is caught where it is written.
 */
import { ApplicationCommandOptionType, type APIApplicationCommandOption } from './discord-js.js';
import type { SlashCommand } from './slash-commands.js';

/** Discord's name rule (lower-case where the script has case). */
const NAME_RE = /^[-_\p{L}\p{N}\p{sc=Devanagari}\p{sc=Thai}]{1,32}$/u;
const MAX_COMMANDS = 100;
const MAX_OPTIONS = 25;
const MAX_CHARACTERS = 4000;

function checkName(name: string, where: string, problems: string[]): void {
  if (!NAME_RE.test(name) || name !== name.toLowerCase()) problems.push(`${where}: name "${name}" must be 1–32 lower-case letters, digits, - or _`);
}

function checkDescription(description: string, where: string, problems: string[]): void {
  if (description.length < 1 || description.length > 100) problems.push(`${where}: description must be 1–100 characters (has ${description.length})`);
}

function characters(node: { name: string; description: string; options?: readonly APIApplicationCommandOption[] }): number {
  let total = node.name.length + node.description.length;
  for (const option of node.options ?? []) {
    total += characters(option as { name: string; description: string; options?: APIApplicationCommandOption[] });
    for (const choice of ('choices' in option ? option.choices : undefined) ?? []) total += choice.name.length + String(choice.value).length;
  }
  return total;
}

function checkOptions(options: readonly APIApplicationCommandOption[], where: string, problems: string[]): void {
  if (options.length > MAX_OPTIONS) problems.push(`${where}: ${options.length} options (Discord allows ${MAX_OPTIONS})`);
  const seen = new Set<string>();
  let optionalSeen: string | undefined;
  const subs = options.filter((o) => o.type === ApplicationCommandOptionType.Subcommand || o.type === ApplicationCommandOptionType.SubcommandGroup);
  if (subs.length > 0 && subs.length < options.length) problems.push(`${where}: sub-commands cannot be mixed with other options`);
  for (const option of options) {
    const at = `${where} ${option.name}`;
    checkName(option.name, at, problems);
    checkDescription(option.description, at, problems);
    if (seen.has(option.name)) problems.push(`${at}: duplicate option name`);
    seen.add(option.name);
    if (option.type === ApplicationCommandOptionType.Subcommand || option.type === ApplicationCommandOptionType.SubcommandGroup) {
      checkOptions(option.options ?? [], at, problems);
      continue;
    }
    if (option.required === true && optionalSeen !== undefined) problems.push(`${at}: required option after the optional "${optionalSeen}" (required options must come first)`);
    if (option.required !== true) optionalSeen ??= option.name;
    const choices = 'choices' in option ? option.choices ?? [] : [];
    if (choices.length > 25) problems.push(`${at}: ${choices.length} choices (Discord allows 25)`);
    for (const choice of choices) if (choice.name.length < 1 || choice.name.length > 100) problems.push(`${at}: choice "${choice.name}" must be 1–100 characters`);
    if ('min_value' in option && 'max_value' in option && option.min_value !== undefined && option.max_value !== undefined && option.min_value > option.max_value) {
      problems.push(`${at}: min ${option.min_value} is above max ${option.max_value}`);
    }
  }
}

/** Problems with a command list, one line each (empty when Discord would take it). */
export function slashCommandProblems(commands: readonly SlashCommand[]): string[] {
  const problems: string[] = [];
  if (commands.length > MAX_COMMANDS) problems.push(`${commands.length} commands (Discord allows ${MAX_COMMANDS})`);
  const names = new Set<string>();
  for (const command of commands) {
    const where = `/${command.name}`;
    checkName(command.name, where, problems);
    checkDescription(command.description ?? '', where, problems);
    if (names.has(command.name)) problems.push(`${where}: defined twice`);
    names.add(command.name);
    checkOptions(command.options ?? [], where, problems);
    const size = characters({ name: command.name, description: command.description ?? '', options: command.options ?? [] });
    if (size > MAX_CHARACTERS) problems.push(`${where}: names, descriptions and choices total ${size} characters (Discord allows ${MAX_CHARACTERS})`);
  }
  return problems;
}
