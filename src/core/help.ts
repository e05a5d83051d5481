/** `/help` text and usage lines, generated from the command definitions alone. */
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

function argLine(info: ArgInfo): string {
  const name = info.positional ? `<${info.key}>` : `--${info.flag}`;
  const details: string[] = [];
  if (info.choices) details.push(`one of ${info.choices.join(', ')}`);
  const span = rangeSpan(info);
  if (span !== undefined) details.push(span);
  if (info.defaultValue !== undefined) details.push(`default ${Array.isArray(info.defaultValue) ? info.defaultValue.join(',') : String(info.defaultValue)}`);
  if (info.required && !info.positional) details.push('required');
  const extra = details.length > 0 ? ` (${details.join('; ')})` : '';
  return `• \`${name}\`${info.description ? ` — ${info.description}` : ''}${extra}`;
}

export function helpOverview(commands: readonly CommandDefinition[]): Reply {
  const visible = commands.filter((c) => !c.hidden);
  const lines = visible.map((c) => `• \`/${c.name}\` — ${c.description}`);
  return {
    title: 'pricewar-bot commands',
    text: [...lines, '', 'Ask a question in plain words (中文 or English) to search the FAQ. `/help <command>` shows a command\'s options and examples.'].join('\n'),
    data: {
      commands: visible.map((c) => ({
        name: c.name,
        description: c.description,
        usage: usageLine(c),
        aliases: c.aliases ?? [],
        subcommands: Object.keys(c.subcommands ?? {}),
      })),
    },
  };
}

export function helpForCommand(command: CommandDefinition): Reply {
  const sections: string[] = [command.description, '', `Usage: \`${usageLine(command)}\``];
  const own = describeArgs(command.args, command);
  if (own.length > 0) sections.push(...own.map(argLine));
  for (const [name, sub] of Object.entries(command.subcommands ?? {})) {
    sections.push('', `\`${usageLine(command, name, sub)}\` — ${sub.description}`);
    sections.push(...describeArgs(sub.args, sub).map(argLine));
  }
  if (command.aliases && command.aliases.length > 0) sections.push('', `Aliases: ${command.aliases.map((a) => `/${a}`).join(', ')}`);
  const examples = [...command.examples, ...Object.values(command.subcommands ?? {}).flatMap((s) => s.examples ?? [])];
  if (examples.length > 0) sections.push('', 'Examples:', ...examples.map((e) => `• \`${e}\``));
  return {
    title: `/${command.name}`,
    text: sections.join('\n'),
    data: {
      name: command.name,
      description: command.description,
      usage: usageLine(command),
      args: own,
      subcommands: Object.fromEntries(Object.entries(command.subcommands ?? {}).map(([n, s]) => [n, { description: s.description, usage: usageLine(command, n, s), args: describeArgs(s.args, s) }])),
      examples,
    },
  };
}
