/**
 * Tokens → a command's validated arguments. The command's zod schema is the
 * single source of truth: it says which flags exist, which take values, how a
 * string becomes a number or list, and what is allowed. Every problem is
 * collected into one `ArgumentError` that names each wrong argument and
 * shows the usage line.
 */
import type { z } from 'zod';
import type { CommandDefinition, SubcommandSpec } from './command.js';
import { ArgumentError } from './errors.js';
import { usageLine } from './help.js';
import type { Token } from './parser.js';
import { coerceValue, describeArgs, kebabToCamel, positionalArgs, rangeSpan, type ArgInfo } from './schema.js';
import { editDistance } from '../text/edit-distance.js';

export interface BoundInvocation {
  readonly command: CommandDefinition;
  readonly subcommand?: string;
  readonly spec: SubcommandSpec;
  readonly args: Record<string, unknown>;
}

/** Pick the subcommand (first bare word naming one), then bind the rest. */
export function bindArguments(command: CommandDefinition, tokens: readonly Token[]): BoundInvocation {
  const first = tokens[0];
  const subName = first !== undefined && !first.quoted && command.subcommands?.[first.value.toLowerCase()] !== undefined ? first.value.toLowerCase() : undefined;
  const spec: SubcommandSpec = subName === undefined ? command : (command.subcommands?.[subName] as SubcommandSpec);
  const rest = subName === undefined ? tokens : tokens.slice(1);
  const raw = collectRaw(command, subName, spec, rest);
  return finish(command, subName, spec, raw);
}

/**
 * Free text for the default (question) command: the whole text goes to its
 * rest positional untokenised, so punctuation and quotes in a question are kept.
 */
export function bindFreeText(command: CommandDefinition, text: string): BoundInvocation {
  const infos = describeArgs(command.args, command);
  const target = infos.find((i) => i.rest) ?? infos.find((i) => i.positional);
  const raw: Record<string, unknown> = {};
  if (target !== undefined && text !== '') raw[target.key] = coerceValue(target.rest ? [text] : text, target);
  return finish(command, undefined, command, raw);
}

function displayName(command: CommandDefinition, subName: string | undefined): string {
  return subName === undefined ? `/${command.name}` : `/${command.name} ${subName}`;
}

function findInfo(infos: readonly ArgInfo[], name: string): ArgInfo | undefined {
  const camel = kebabToCamel(name);
  return infos.find((i) => i.key === camel || i.flag === name || i.key.toLowerCase() === name.toLowerCase());
}

function collectRaw(command: CommandDefinition, subName: string | undefined, spec: SubcommandSpec, tokens: readonly Token[]): Record<string, unknown> {
  const infos = describeArgs(spec.args, spec);
  const problems: string[] = [];
  const flagValues = new Map<ArgInfo, string[]>();
  const positionals: string[] = [];
  let onlyPositionals = false;

  const addFlag = (info: ArgInfo, value: string): void => {
    const values = flagValues.get(info) ?? [];
    values.push(value);
    flagValues.set(info, values);
  };

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    const text = token.value;
    if (onlyPositionals || token.quoted) {
      positionals.push(text);
      continue;
    }
    if (text === '--') {
      onlyPositionals = true;
      continue;
    }
    const flagMatch = /^--([A-Za-z][\w-]*)(?:=([\s\S]*))?$/.exec(text);
    if (flagMatch !== null) {
      const name = flagMatch[1] as string;
      const inline = flagMatch[2];
      let info = findInfo(infos, name);
      if (info === undefined && name.startsWith('no-')) {
        const negated = findInfo(infos, name.slice(3));
        if (negated?.kind === 'boolean' && inline === undefined) {
          addFlag(negated, 'false');
          continue;
        }
      }
      if (info === undefined) {
        problems.push(`unknown option --${name}${suggest(name, infos)}`);
        continue;
      }
      if (info.kind === 'boolean' && inline === undefined) {
        addFlag(info, 'true');
        continue;
      }
      if (inline !== undefined) {
        addFlag(info, inline);
        continue;
      }
      const next = tokens[i + 1];
      if (next === undefined || (!next.quoted && /^--[A-Za-z]/.test(next.value))) {
        problems.push(`--${info.flag} needs a value`);
        continue;
      }
      addFlag(info, next.value);
      i++;
      continue;
    }
    const kv = /^([A-Za-z][\w-]*)=([\s\S]*)$/.exec(text);
    const kvInfo = kv === null ? undefined : findInfo(infos, kv[1] as string);
    if (kv !== null && kvInfo !== undefined && !kvInfo.rest) {
      addFlag(kvInfo, kv[2] as string);
      continue;
    }
    positionals.push(text);
  }

  const raw: Record<string, unknown> = {};
  for (const [info, values] of flagValues) raw[info.key] = coerceValue(values, info);

  const slots = positionalArgs(infos, spec);
  let cursor = 0;
  for (const slot of slots) {
    if (cursor >= positionals.length) break;
    if (slot.key in raw) {
      problems.push(`<${slot.key}> was given both as a word and as --${slot.flag}`);
      continue;
    }
    if (slot.rest) {
      raw[slot.key] = coerceValue(positionals.slice(cursor), slot);
      cursor = positionals.length;
    } else {
      raw[slot.key] = coerceValue(positionals[cursor] as string, slot);
      cursor++;
    }
  }
  if (cursor < positionals.length) {
    const extra = positionals.slice(cursor).map((p) => JSON.stringify(p)).join(' ');
    const subs = subName === undefined && command.subcommands ? ` (subcommands: ${Object.keys(command.subcommands).join(', ')})` : '';
    problems.push(`unexpected ${cursor < positionals.length - 1 ? 'words' : 'word'} ${extra}${subs}`);
  }
  if (problems.length > 0) throw argumentError(command, subName, spec, problems);
  return raw;
}

function finish(command: CommandDefinition, subName: string | undefined, spec: SubcommandSpec, raw: Record<string, unknown>): BoundInvocation {
  const parsed = spec.args.safeParse(raw);
  if (!parsed.success) {
    const infos = describeArgs(spec.args, spec);
    throw argumentError(command, subName, spec, parsed.error.issues.map((issue) => describeIssue(issue, infos, raw)));
  }
  const bound = { command, spec, args: parsed.data as Record<string, unknown> };
  return subName === undefined ? bound : { ...bound, subcommand: subName };
}

function argumentError(command: CommandDefinition, subName: string | undefined, spec: SubcommandSpec, problems: readonly string[]): ArgumentError {
  const name = displayName(command, subName);
  const lines = [
    problems.length === 1 ? `${name}: ${problems[0]}.` : `${name}: ${problems.length} problems with the arguments:\n${problems.map((p) => `• ${p}`).join('\n')}`,
    `Usage: ${usageLine(command, subName, spec)}`,
    `More: /help ${command.name}`,
  ];
  return new ArgumentError(lines.join('\n'), { problems: [...problems], usage: usageLine(command, subName, spec) });
}

function label(info: ArgInfo | undefined, key: string): string {
  if (info === undefined) return key;
  return info.positional ? `<${info.key}>` : `--${info.flag}`;
}

function shown(value: unknown): string {
  if (value === undefined) return '';
  const s = Array.isArray(value) ? value.join(',') : String(value);
  return ` (got ${JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s)})`;
}

const DEFAULT_MESSAGE = /^(Invalid|Too (small|big)|Unrecognized)/;

/** One zod issue → "--epochs must be at least 1 (got 0)". */
export function describeIssue(issue: z.core.$ZodIssue, infos: readonly ArgInfo[], raw: Record<string, unknown>): string {
  const key = issue.path[0] === undefined ? undefined : String(issue.path[0]);
  const info = key === undefined ? undefined : infos.find((i) => i.key === key);
  const who = key === undefined ? '' : `${label(info, key)} `;
  const value = key === undefined ? undefined : raw[key];
  if (!DEFAULT_MESSAGE.test(issue.message)) return `${who}${issue.message}${shown(value)}`.trim();
  const span = info === undefined ? undefined : rangeSpan(info);
  const range = span === undefined ? '' : ` (allowed: ${span})`;
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'number' || issue.origin === 'bigint') return `${who}must be ${issue.inclusive ? 'at least' : 'more than'} ${String(issue.minimum)}${range}${shown(value)}`;
      if (issue.origin === 'string') return `${who}${Number(issue.minimum) <= 1 ? 'must not be empty' : `needs at least ${String(issue.minimum)} characters`}`;
      return `${who}needs at least ${String(issue.minimum)} value(s)`;
    case 'too_big':
      if (issue.origin === 'number' || issue.origin === 'bigint') return `${who}must be ${issue.inclusive ? 'at most' : 'less than'} ${String(issue.maximum)}${range}${shown(value)}`;
      if (issue.origin === 'string') return `${who}must be at most ${String(issue.maximum)} characters`;
      return `${who}takes at most ${String(issue.maximum)} value(s)`;
    case 'invalid_type':
      if (value === undefined) return `${who}is required`;
      if (issue.expected === 'int' || info?.kind === 'integer' || info?.itemKind === 'integer') return `${who}must be a whole number${range}${shown(value)}`;
      return `${who}must be ${issue.expected === 'number' ? 'a number' : issue.expected === 'boolean' ? 'true or false' : `a ${issue.expected}`}${shown(value)}`;
    case 'invalid_value':
      return `${who}must be one of ${issue.values.map(String).join(', ')}${shown(value)}`;
    case 'invalid_format':
      return `${who}has the wrong format${shown(value)}`;
    case 'unrecognized_keys':
      return `unknown option(s) ${issue.keys.map((k) => `--${k}`).join(', ')}`;
    default:
      return `${who}${issue.message}${shown(value)}`.trim();
  }
}

function suggest(name: string, infos: readonly ArgInfo[]): string {
  const flags = infos.filter((i) => !i.positional).map((i) => i.flag);
  if (flags.length === 0) return ' (this command takes no options)';
  const best = flags.map((f) => ({ f, d: editDistance(name, f) })).sort((a, b) => a.d - b.d)[0];
  if (best !== undefined && best.d <= Math.max(2, Math.floor(name.length / 3))) return ` (did you mean --${best.f}?)`;
  return ` (options: ${flags.map((f) => `--${f}`).join(', ')})`;
}
