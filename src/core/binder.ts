/**
 * Tokens → a command's validated arguments. The command's zod schema is the
 * single source of truth: it says which flags exist, which take values, how a
 * string becomes a number or list, and what is allowed. Every problem is
 * collected into one `ArgumentError` that names each wrong argument and
 * shows the usage line: the line's own problems (an unknown option, a flag
 * without its value) and the schema's together, each distinct problem once,
 * so the count in "3 problems" is the number of things to fix.
 */
import type { z } from 'zod';
import type { CommandDefinition, SubcommandSpec } from './command.js';
import { ArgumentError } from './errors.js';
import { usageLine } from './help.js';
import { clipForEcho, type Token } from './parser.js';
import { coerceValue, describeArgs, kebabToCamel, positionalArgs, rangeSpan, rangeWords, type ArgInfo } from './schema.js';
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
  const collected = collectRaw(command, subName, spec, rest);
  return finish(command, subName, spec, collected);
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
  return finish(command, undefined, command, { raw, problems: [], reported: new Set() });
}

function displayName(command: CommandDefinition, subName: string | undefined): string {
  return subName === undefined ? `/${command.name}` : `/${command.name} ${subName}`;
}

function findInfo(infos: readonly ArgInfo[], name: string): ArgInfo | undefined {
  const camel = kebabToCamel(name);
  return infos.find((i) => i.key === camel || i.flag === name || i.key.toLowerCase() === name.toLowerCase());
}

/** What the tokens say before the schema looks at them. */
interface Collected {
  readonly raw: Record<string, unknown>;
  /** Problems with the line itself: unknown options, flags without values, stray words. */
  readonly problems: readonly string[];
  /** Keys those problems already name; the schema's "is required" for them would say the same again. */
  readonly reported: ReadonlySet<string>;
}

function collectRaw(command: CommandDefinition, subName: string | undefined, spec: SubcommandSpec, tokens: readonly Token[]): Collected {
  const infos = describeArgs(spec.args, spec);
  const problems: string[] = [];
  const reported = new Set<string>();
  const flagValues = new Map<ArgInfo, string[]>();
  const positionals: string[] = [];
  // Words right after an unknown option are most likely its value: the unknown
  // option is the one problem, not also "unexpected word".
  const afterUnknown = new Set<number>();
  let pendingUnknown = false;
  let onlyPositionals = false;

  const addFlag = (info: ArgInfo, value: string): void => {
    const values = flagValues.get(info) ?? [];
    values.push(value);
    flagValues.set(info, values);
  };

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    const text = token.value;
    const valueOfUnknown = pendingUnknown;
    pendingUnknown = false;
    if (onlyPositionals || token.quoted) {
      if (valueOfUnknown && !onlyPositionals) afterUnknown.add(positionals.length);
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
        problems.push(`unknown option --${clipForEcho(name)}${suggest(name, infos)}`);
        pendingUnknown = inline === undefined;
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
        reported.add(info.key);
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
    if (valueOfUnknown) afterUnknown.add(positionals.length);
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
  const extra = positionals.slice(cursor).filter((_, j) => !afterUnknown.has(cursor + j));
  if (extra.length > 0) {
    const subs = subName === undefined && command.subcommands ? ` (subcommands: ${Object.keys(command.subcommands).join(', ')})` : '';
    // Quote a few words, each clipped: the message never echoes a long paste back.
    const quoted = extra.slice(0, 3).map((p) => JSON.stringify(clipForEcho(p, 30)));
    const more = extra.length > 3 ? ` and ${extra.length - 3} more` : '';
    problems.push(`unexpected ${extra.length > 1 ? 'words' : 'word'} ${quoted.join(' ')}${more}${subs}`);
  }
  return { raw, problems, reported };
}

function finish(command: CommandDefinition, subName: string | undefined, spec: SubcommandSpec, collected: Collected): BoundInvocation {
  const { raw, reported } = collected;
  const parsed = spec.args.safeParse(raw);
  const schemaProblems = parsed.success
    ? []
    : describeIssues(
        parsed.error.issues.filter((issue) => issue.path[0] === undefined || !reported.has(String(issue.path[0]))),
        describeArgs(spec.args, spec),
        raw,
      );
  const problems = [...collected.problems, ...schemaProblems];
  if (problems.length > 0 || !parsed.success) throw argumentError(command, subName, spec, problems);
  const bound = { command, spec, args: parsed.data as Record<string, unknown> };
  return subName === undefined ? bound : { ...bound, subcommand: subName };
}

function argumentError(command: CommandDefinition, subName: string | undefined, spec: SubcommandSpec, all: readonly string[]): ArgumentError {
  const name = displayName(command, subName);
  // `--x --x` is one unknown option, not two problems.
  const problems = [...new Set(all)];
  const lines = [
    problems.length === 1 ? `${name}: ${problems[0]}.` : `${name}: ${problems.length} problems with the arguments:\n${problems.map((p) => `• ${p}`).join('\n')}`,
    `Usage: ${usageLine(command, subName, spec)}`,
    `More: /help ${subName === undefined ? command.name : `${command.name} ${subName}`}`,
  ];
  return new ArgumentError(lines.join('\n'), { problems: [...problems], usage: usageLine(command, subName, spec) });
}

function label(info: ArgInfo | undefined, key: string): string {
  if (info === undefined) return key;
  return info.positional ? `<${info.key}>` : `--${info.flag}`;
}

function shownText(value: unknown): string {
  return JSON.stringify(clipForEcho(Array.isArray(value) ? value.join(',') : String(value)));
}

function shown(value: unknown): string {
  return value === undefined ? '' : ` (got ${shownText(value)})`;
}

const DEFAULT_MESSAGE = /^(Invalid|Too (small|big)|Unrecognized)/;

/** What one zod issue says, before the value it got is appended. */
interface Explained {
  /** The sentence without "(got …)"; equal sentences are one problem. */
  readonly text: string;
  /** The argument's whole value, shown as "(got …)"; undefined to show none. */
  readonly value?: unknown;
  /** For a list item: the item at fault (`a` in `--hidden 10,a`). */
  readonly item?: unknown;
}

/**
 * A number's rule from the argument's whole range, not the one bound zod
 * reports: `more than 0 and at most 1` for `.gt(0).max(1)`, so a message
 * never contradicts the range beside it, and two failed bounds of one
 * argument read the same (and count once).
 */
function numberRule(info: ArgInfo | undefined, side: 'min' | 'max', issueBound: string, inclusive: boolean): string {
  if (info === undefined || (info.min === undefined && info.max === undefined)) {
    return side === 'min' ? `${inclusive ? 'at least' : 'more than'} ${issueBound}` : `${inclusive ? 'at most' : 'less than'} ${issueBound}`;
  }
  const exclusive = info.minExclusive === true || info.maxExclusive === true;
  if (info.min !== undefined && info.max !== undefined && !exclusive) {
    return `${side === 'min' ? `at least ${info.min}` : `at most ${info.max}`} (allowed: ${rangeSpan(info) ?? ''})`;
  }
  return rangeWords(info) ?? '';
}

function explain(issue: z.core.$ZodIssue, infos: readonly ArgInfo[], raw: Record<string, unknown>): Explained {
  const key = issue.path[0] === undefined ? undefined : String(issue.path[0]);
  const info = key === undefined ? undefined : infos.find((i) => i.key === key);
  const value = key === undefined ? undefined : raw[key];
  const index = issue.path[1];
  const isItem = typeof index === 'number' && Array.isArray(value);
  const subject = key === undefined ? '' : isItem ? `each ${label(info, key)} value ` : `${label(info, key)} `;
  const withValue = (text: string): Explained => (isItem ? { text, value, item: (value as unknown[])[index] } : { text, value });
  if (!DEFAULT_MESSAGE.test(issue.message)) return withValue(`${subject}${issue.message}`.trim());
  const span = info === undefined ? undefined : rangeSpan(info);
  const range = span === undefined ? '' : ` (allowed: ${span})`;
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'number' || issue.origin === 'bigint') return withValue(`${subject}must be ${numberRule(info, 'min', String(issue.minimum), issue.inclusive === true)}`);
      if (issue.origin === 'string') return { text: `${subject}${Number(issue.minimum) <= 1 ? 'must not be empty' : `needs at least ${String(issue.minimum)} characters`}` };
      return { text: `${subject}needs at least ${String(issue.minimum)} value(s)` };
    case 'too_big':
      if (issue.origin === 'number' || issue.origin === 'bigint') return withValue(`${subject}must be ${numberRule(info, 'max', String(issue.maximum), issue.inclusive === true)}`);
      if (issue.origin === 'string') return { text: `${subject}must be at most ${String(issue.maximum)} characters` };
      return { text: `${subject}takes at most ${String(issue.maximum)} value(s)` };
    case 'invalid_type':
      if (value === undefined) return { text: `${subject}is required` };
      if (issue.expected === 'int' || info?.kind === 'integer' || info?.itemKind === 'integer') return withValue(`${subject}must be a whole number${range}`);
      return withValue(`${subject}must be ${issue.expected === 'number' ? 'a number' : issue.expected === 'boolean' ? 'true or false' : `a ${issue.expected}`}`);
    case 'invalid_value':
      return withValue(`${subject}must be one of ${issue.values.map(String).join(', ')}`);
    case 'invalid_format':
      return withValue(`${subject}has the wrong format`);
    case 'unrecognized_keys':
      return { text: `unknown option(s) ${issue.keys.map((k) => `--${k}`).join(', ')}` };
    default:
      return withValue(`${subject}${issue.message}`.trim());
  }
}

/**
 * zod's issues → one line per distinct problem. zod reports a list item per
 * item (`--hidden a,b` is two issues); the user made one mistake, so items
 * that break the same rule share one line naming them:
 * "each --hidden value must be a whole number (got "a,b")".
 */
export function describeIssues(issues: readonly z.core.$ZodIssue[], infos: readonly ArgInfo[], raw: Record<string, unknown>): string[] {
  const byText = new Map<string, { value: unknown; items: unknown[]; isItem: boolean }>();
  for (const issue of issues) {
    const explained = explain(issue, infos, raw);
    const entry = byText.get(explained.text) ?? { value: explained.value, items: [], isItem: 'item' in explained };
    if ('item' in explained && !entry.items.includes(explained.item)) entry.items.push(explained.item);
    byText.set(explained.text, entry);
  }
  return [...byText].map(([text, { value, items, isItem }]) => {
    if (!isItem || !Array.isArray(value) || items.length === value.length) return `${text}${shown(value)}`;
    // At most two bad items quoted (each clipped), so a long list is not echoed back whole.
    const bad = items.slice(0, 2).map(shownText).join(', ') + (items.length > 2 ? ` and ${items.length - 2} more` : '');
    return `${text} (got ${bad} in ${shownText(value)})`;
  });
}

/** One zod issue → "--epochs must be at least 1 (allowed: 1–500) (got "0")". */
export function describeIssue(issue: z.core.$ZodIssue, infos: readonly ArgInfo[], raw: Record<string, unknown>): string {
  return describeIssues([issue], infos, raw)[0] as string;
}

function suggest(name: string, infos: readonly ArgInfo[]): string {
  // A positional can be typed as a flag too (`/pricewar trend --model gpt-4o`), so `--modle` suggests it.
  const flags = infos.filter((i) => !i.rest).map((i) => i.flag);
  if (flags.length === 0) return ' (this command takes no options)';
  const best = flags.map((f) => ({ f, d: editDistance(name, f) })).sort((a, b) => a.d - b.d)[0];
  if (best !== undefined && best.d <= Math.max(2, Math.floor(name.length / 3))) return ` (did you mean --${best.f}?)`;
  return ` (options: ${flags.map((f) => `--${f}`).join(', ')})`;
}
