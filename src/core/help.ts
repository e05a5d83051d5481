/**
 * `/help` text and usage lines, generated from the command definitions alone,
 * so every command gets the same complete help without writing any:
 *
 *   /help                  every command, one line each, with its subcommands named
 *   /help <command>        its usage and options; a command with subcommands
 *                          lists them one line each, with an example
 *   /help <command> <sub>  that subcommand's usage, options and examples
 */
import type { CommandDefinition, SubcommandSpec } from './command.js';
import type { Reply } from './reply.js';
import { describeArgs, positionalArgs, rangeSpan, valuePlaceholder, type ArgInfo } from './schema.js';

function argUsage(info: ArgInfo): string {
  if (info.positional) {
    const name = info.rest ? `${info.key}…` : info.key;
    return info.required ? `<${name}>` : `[${name}]`;
  }
  const flag = info.kind === 'boolean' ? `--${info.flag}` : `--${info.flag} <${valuePlaceholder(info)}>`;
  return info.required ? flag : `[${flag}]`;
}

/** `/train [--model <small|mlp>] [--epochs <n>] …` */
export function usageLine(command: CommandDefinition, subName?: string, spec: SubcommandSpec = command): string {
  const infos = describeArgs(spec.args, spec);
  const positionals = positionalArgs(infos, spec);
  const flags = infos.filter((i) => !i.positional);
  const head = subName === undefined ? `/${command.name}` : `/${command.name} ${subName}`;
  const fileNote = spec.file ? ' [+ attached file]' : '';
  return [head, ...positionals.map(argUsage), ...flags.map(argUsage)].join(' ') + fileNote;
}

/** `/pricewar <trend|cuts|…> …`: how to reach the subcommands; undefined for a command without any. */
export function subcommandUsage(command: CommandDefinition): string | undefined {
  const names = subcommandNames(command);
  return names.length === 0 ? undefined : `/${command.name} <${names.join('|')}> …`;
}

function subcommandNames(command: CommandDefinition): string[] {
  return Object.keys(command.subcommands ?? {});
}

function argLine(info: ArgInfo): string {
  const name = info.positional ? `<${info.key}>` : `--${info.flag}`;
  const details: string[] = [];
  if (info.choices) details.push(`one of ${info.choices.join(', ')}`);
  const span = rangeSpan(info);
  // A description that already states the range ("How many (1–50)") is not followed by it again.
  if (span !== undefined && !(info.description ?? '').includes(span)) details.push(span);
  if (info.defaultValue !== undefined) details.push(`default ${Array.isArray(info.defaultValue) ? info.defaultValue.join(',') : String(info.defaultValue)}`);
  if (info.required && !info.positional) details.push('required');
  const extra = details.length > 0 ? ` (${details.join('; ')})` : '';
  return `• \`${name}\`${info.description ? ` — ${info.description}` : ''}${extra}`;
}

/** `/pricewar trend --model x` → `trend`; undefined for an example of the command's own run. */
function subcommandOf(command: CommandDefinition, example: string): string | undefined {
  const word = example.trim().split(/\s+/)[1]?.toLowerCase();
  return word !== undefined && command.subcommands?.[word] !== undefined ? word : undefined;
}

/** A command's examples for one subcommand: its own, then the command's that start with it. */
function examplesOf(command: CommandDefinition, subName: string): string[] {
  const sub = command.subcommands?.[subName] as SubcommandSpec | undefined;
  const fromCommand = command.examples.filter((e) => subcommandOf(command, e) === subName);
  return unique([...(sub?.examples ?? []), ...fromCommand]);
}

/**
 * The example on a subcommand's line in `/help <command>`: the command's
 * example for it (the one its author picked to show it off), else the
 * subcommand's first; undefined when nobody wrote one.
 */
export function subcommandExample(command: CommandDefinition, subName: string): string | undefined {
  return command.examples.find((e) => subcommandOf(command, e) === subName) ?? examplesOf(command, subName)[0];
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function overviewLine(command: CommandDefinition): string {
  const subs = subcommandNames(command);
  return `• \`/${command.name}\` — ${command.description}${subs.length > 0 ? ` (${subs.join(', ')})` : ''}`;
}

export function helpOverview(commands: readonly CommandDefinition[]): Reply {
  const visible = commands.filter((c) => !c.hidden);
  return {
    title: 'pricewar-bot commands',
    text: [
      ...visible.map(overviewLine),
      '',
      'Ask a question in plain words (中文 or English) to search the FAQ.',
      '`/help <command>` shows a command\'s options and examples; `/help <command> <subcommand>` (`/help pricewar trend`) a subcommand\'s.',
    ].join('\n'),
    data: {
      commands: visible.map((c) => ({
        name: c.name,
        description: c.description,
        usage: usageLine(c),
        aliases: c.aliases ?? [],
        subcommands: subcommandNames(c),
      })),
    },
  };
}

function subcommandData(command: CommandDefinition, name: string, sub: SubcommandSpec): Record<string, unknown> {
  return { description: sub.description, usage: usageLine(command, name, sub), args: describeArgs(sub.args, sub), examples: examplesOf(command, name) };
}

/**
 * One command. Its subcommands get one line each (what it does, an
 * example), not their every option: that page would outgrow a chat message,
 * and `/help <command> <subcommand>` has the options.
 */
export function helpForCommand(command: CommandDefinition): Reply {
  const own = describeArgs(command.args, command);
  const viaSub = subcommandUsage(command);
  const usage = viaSub === undefined ? `Usage: \`${usageLine(command)}\`` : `Usage: \`${usageLine(command)}\` or \`${viaSub}\``;
  const sections: string[] = [command.description, '', usage, ...own.map(argLine)];
  const subs = Object.entries(command.subcommands ?? {}) as Array<[string, SubcommandSpec]>;
  if (subs.length > 0) {
    sections.push('', 'Subcommands:');
    for (const [name, sub] of subs) {
      const example = subcommandExample(command, name);
      // Without an example, the usage line still shows how to type it.
      const how = example === undefined ? `Usage: \`${usageLine(command, name, sub)}\`` : `Example: \`${example}\``;
      sections.push(`• \`${name}\` — ${sub.description}. ${how}`);
    }
    sections.push(`\`/help ${command.name} <subcommand>\` shows a subcommand's options and examples.`);
  }
  if (command.aliases && command.aliases.length > 0) sections.push('', `Aliases: ${command.aliases.map((a) => `/${a}`).join(', ')}`);
  // The subcommands' examples are on their lines and pages; here, those of the command's own run.
  const examples = unique(command.examples).filter((e) => subcommandOf(command, e) === undefined);
  if (examples.length > 0) sections.push('', 'Examples:', ...examples.map((e) => `• \`${e}\``));
  return {
    title: `/${command.name}`,
    text: sections.join('\n'),
    data: {
      name: command.name,
      description: command.description,
      usage: usageLine(command),
      ...(viaSub === undefined ? {} : { subcommandUsage: viaSub }),
      args: own,
      subcommands: Object.fromEntries(subs.map(([n, s]) => [n, { ...subcommandData(command, n, s), example: subcommandExample(command, n) ?? null }])),
      examples: unique([...command.examples, ...subs.flatMap(([n]) => examplesOf(command, n))]),
    },
  };
}

/** One subcommand: `/help pricewar trend`. */
export function helpForSubcommand(command: CommandDefinition, subName: string): Reply {
  const sub = command.subcommands?.[subName] as SubcommandSpec | undefined;
  if (sub === undefined) throw new RangeError(`/${command.name} has no subcommand "${subName}"`);
  const examples = examplesOf(command, subName);
  const sections = [sub.description, '', `Usage: \`${usageLine(command, subName, sub)}\``, ...describeArgs(sub.args, sub).map(argLine)];
  if (examples.length > 0) sections.push('', 'Examples:', ...examples.map((e) => `• \`${e}\``));
  sections.push('', `The other subcommands: \`/help ${command.name}\``);
  return {
    title: `/${command.name} ${subName}`,
    text: sections.join('\n'),
    data: { name: command.name, subcommand: subName, ...subcommandData(command, subName, sub) },
  };
}
