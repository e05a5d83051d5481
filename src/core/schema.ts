/**
 * Reads a command's zod object schema so that the parser can coerce raw
 * strings, help can print usage, and adapters (Discord slash options) can
 * generate platform forms — all from the one definition.
 */
import type { z } from 'zod';

export type ArgKind = 'string' | 'number' | 'integer' | 'boolean' | 'enum' | 'list';

export interface ArgInfo {
  /** Property name in the schema (camelCase). */
  readonly key: string;
  /** The flag as typed in chat: `valSplit` → `val-split`. */
  readonly flag: string;
  readonly kind: ArgKind;
  /** For `list`: the kind of each item. */
  readonly itemKind?: Exclude<ArgKind, 'list'>;
  readonly required: boolean;
  readonly defaultValue?: unknown;
  readonly min?: number;
  readonly max?: number;
  /** `min` itself is not allowed (`z.number().positive()`, `.gt(0)`): "more than 0", not "0–1". */
  readonly minExclusive?: boolean;
  /** `max` itself is not allowed (`.lt(1)`). */
  readonly maxExclusive?: boolean;
  readonly choices?: readonly string[];
  readonly description?: string;
  /** Filled from bare words rather than a flag. */
  readonly positional: boolean;
  /** Positional that takes every remaining bare word. */
  readonly rest: boolean;
}

type AnySchema = z.ZodType;

interface NumberCheckDef {
  check?: string;
  value?: unknown;
  inclusive?: boolean;
}

interface Def {
  type: string;
  checks?: readonly { _zod: { def: NumberCheckDef } }[];
  innerType?: AnySchema;
  in?: AnySchema;
  element?: AnySchema;
  defaultValue?: unknown;
  values?: unknown[];
}

function defOf(schema: AnySchema): Def {
  return (schema as unknown as { def: Def }).def;
}

export function camelToKebab(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

export function kebabToCamel(flag: string): string {
  return flag.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

interface Unwrapped {
  base: AnySchema;
  required: boolean;
  defaultValue?: unknown;
  description?: string;
}

/** Peel optional/default/nullable/pipe wrappers down to the value's own type. */
function unwrap(schema: AnySchema): Unwrapped {
  let current = schema;
  let required = true;
  let defaultValue: unknown;
  let description: string | undefined = schema.description;
  for (let depth = 0; depth < 10; depth++) {
    const def = defOf(current);
    if (def.type === 'optional' || def.type === 'nullable' || def.type === 'readonly' || def.type === 'catch' || def.type === 'nonoptional') {
      if (def.type === 'optional') required = false;
      current = def.innerType as AnySchema;
    } else if (def.type === 'default' || def.type === 'prefault') {
      required = false;
      defaultValue = def.defaultValue;
      current = def.innerType as AnySchema;
    } else if (def.type === 'pipe') {
      current = def.in as AnySchema;
    } else {
      break;
    }
    description ??= current.description;
  }
  const result: Unwrapped = { base: current, required };
  if (defaultValue !== undefined) result.defaultValue = defaultValue;
  if (description !== undefined) result.description = description;
  return result;
}

interface Bound {
  value: number;
  inclusive: boolean;
}

/**
 * The tightest lower and upper bound of a number schema, with whether each is
 * inclusive. zod's `minValue`/`maxValue` drop that distinction, and a range
 * shown as "0–1" for `.gt(0)` would contradict the error it explains.
 */
function numberBounds(schema: AnySchema): { lower?: Bound; upper?: Bound } {
  let lower: Bound | undefined;
  let upper: Bound | undefined;
  for (const check of defOf(schema).checks ?? []) {
    const { check: kind, value, inclusive = false } = check._zod.def;
    if (typeof value !== 'number') continue;
    if (kind === 'greater_than' && (lower === undefined || value > lower.value || (value === lower.value && !inclusive))) lower = { value, inclusive };
    if (kind === 'less_than' && (upper === undefined || value < upper.value || (value === upper.value && !inclusive))) upper = { value, inclusive };
  }
  return { ...(lower === undefined ? {} : { lower }), ...(upper === undefined ? {} : { upper }) };
}

type ScalarInfo = Pick<ArgInfo, 'min' | 'max' | 'minExclusive' | 'maxExclusive' | 'choices'> & { kind: Exclude<ArgKind, 'list'> };

function scalarInfo(schema: AnySchema): ScalarInfo {
  const def = defOf(schema);
  switch (def.type) {
    case 'number': {
      const n = schema as unknown as { isInt: boolean };
      const { lower, upper } = numberBounds(schema);
      // `.int()` implies ±MAX_SAFE_INTEGER bounds (a format, not a check): those mean "unbounded", not a range worth showing.
      const bounded = (b: Bound | undefined): b is Bound => b !== undefined && Number.isFinite(b.value) && Math.abs(b.value) < Number.MAX_SAFE_INTEGER;
      return {
        kind: n.isInt ? 'integer' : 'number',
        ...(bounded(lower) ? { min: lower.value, ...(lower.inclusive ? {} : { minExclusive: true }) } : {}),
        ...(bounded(upper) ? { max: upper.value, ...(upper.inclusive ? {} : { maxExclusive: true }) } : {}),
      };
    }
    case 'boolean':
      return { kind: 'boolean' };
    case 'enum':
      return { kind: 'enum', choices: (schema as unknown as { options: string[] }).options.map(String) };
    case 'literal':
      return { kind: 'enum', choices: (def.values ?? []).map(String) };
    default:
      return { kind: 'string' };
  }
}

export interface PositionalSpec {
  /** Keys filled by bare words, in order; a key ending in `...` takes the rest as a list. */
  readonly positionals?: readonly string[];
}

export function describeArgs(schema: z.ZodObject, spec: PositionalSpec = {}): ArgInfo[] {
  const positionalNames = (spec.positionals ?? []).map((p) => p.replace(/\.\.\.$/, ''));
  const restName = spec.positionals?.find((p) => p.endsWith('...'))?.replace(/\.\.\.$/, '');
  return Object.entries(schema.shape as Record<string, AnySchema>).map(([key, field]) => {
    const { base, required, defaultValue, description } = unwrap(field);
    const isList = defOf(base).type === 'array';
    const scalar = scalarInfo(isList ? (defOf(base).element as AnySchema) : base);
    const info: ArgInfo = {
      key,
      flag: camelToKebab(key),
      kind: isList ? 'list' : scalar.kind,
      required,
      positional: positionalNames.includes(key),
      rest: restName === key,
      ...(isList ? { itemKind: scalar.kind } : {}),
      ...(scalar.min !== undefined ? { min: scalar.min } : {}),
      ...(scalar.max !== undefined ? { max: scalar.max } : {}),
      ...(scalar.minExclusive === true ? { minExclusive: true } : {}),
      ...(scalar.maxExclusive === true ? { maxExclusive: true } : {}),
      ...(scalar.choices !== undefined ? { choices: scalar.choices } : {}),
      ...(defaultValue !== undefined ? { defaultValue } : {}),
      ...(description !== undefined ? { description } : {}),
    };
    return info;
  });
}

type Range = Pick<ArgInfo, 'min' | 'max' | 'minExclusive' | 'maxExclusive'>;

function lowerWords(info: Range): string | undefined {
  if (info.min === undefined) return undefined;
  return `${info.minExclusive === true ? 'more than' : 'at least'} ${info.min}`;
}

function upperWords(info: Range): string | undefined {
  if (info.max === undefined) return undefined;
  return `${info.maxExclusive === true ? 'less than' : 'at most'} ${info.max}`;
}

/**
 * `1–500`, `≥ 1` or `≤ 10` for inclusive bounds; words as soon as a bound is
 * exclusive (`more than 0, at most 1`), since `0–1` would read as "0 is
 * allowed". Undefined when the argument has no range. Shared by help, errors
 * and Discord options.
 */
export function rangeSpan(info: Range): string | undefined {
  if (info.minExclusive === true || info.maxExclusive === true) return [lowerWords(info), upperWords(info)].filter((w) => w !== undefined).join(', ');
  if (info.min !== undefined && info.max !== undefined) return `${info.min}–${info.max}`;
  if (info.min !== undefined) return `≥ ${info.min}`;
  if (info.max !== undefined) return `≤ ${info.max}`;
  return undefined;
}

/** The whole range as the end of a sentence, "must be …": `more than 0 and at most 1`. */
export function rangeWords(info: Range): string | undefined {
  const parts = [lowerWords(info), upperWords(info)].filter((w): w is string => w !== undefined);
  return parts.length === 0 ? undefined : parts.join(' and ');
}

/** The positional arguments in the order they are typed (`spec.positionals`). */
export function positionalArgs(infos: readonly ArgInfo[], spec: PositionalSpec): ArgInfo[] {
  return (spec.positionals ?? []).map((p) => infos.find((i) => i.key === p.replace(/\.\.\.$/, ''))).filter((i): i is ArgInfo => i !== undefined);
}

const NUMBER_RE = /^[-+]?(\d+(\.\d*)?|\.\d+)(e[-+]?\d+)?$/i;
const TRUE_WORDS = new Set(['true', 'yes', 'on', '1', 'y']);
const FALSE_WORDS = new Set(['false', 'no', 'off', '0', 'n']);

/**
 * Turn a raw chat string into the value the schema expects where that is
 * unambiguous. Anything that does not convert is passed through unchanged so
 * that zod reports it with a proper message ("must be a number").
 */
export function coerceScalar(raw: string, kind: Exclude<ArgKind, 'list'>): unknown {
  if (kind === 'number' || kind === 'integer') {
    const cleaned = raw.replace(/_/g, '');
    return NUMBER_RE.test(cleaned) ? Number(cleaned) : raw;
  }
  if (kind === 'boolean') {
    const lower = raw.toLowerCase();
    if (TRUE_WORDS.has(lower)) return true;
    if (FALSE_WORDS.has(lower)) return false;
    return raw;
  }
  return raw;
}

export function coerceValue(raw: string | readonly string[], info: ArgInfo): unknown {
  if (info.kind === 'list') {
    const parts = (typeof raw === 'string' ? [raw] : raw).flatMap((r) => (info.rest ? [r] : r.split(',')));
    return parts.map((p) => p.trim()).filter((p) => p !== '').map((p) => coerceScalar(p, info.itemKind ?? 'string'));
  }
  // A repeated scalar flag keeps its last value, as most CLIs do.
  const last = typeof raw === 'string' ? raw : raw[raw.length - 1] ?? '';
  return coerceScalar(last, info.kind);
}

/** `n`, `small|mlp`, or the flag's own name, for usage lines. */
export function valuePlaceholder(info: ArgInfo): string {
  const kind = info.kind === 'list' ? info.itemKind ?? 'string' : info.kind;
  const base = kind === 'enum' && info.choices ? info.choices.join('|') : kind === 'integer' || kind === 'number' ? 'n' : info.flag;
  return info.kind === 'list' ? `${base},…` : base;
}

/**
 * A command whose only argument is free text (`/ask <question…>`): the router
 * hands it the line as typed, untokenised, so quotes and apostrophes in a
 * question are text, not syntax. Adapters that build lines use it too.
 */
export function takesOnlyText(command: PositionalSpec & { readonly args: z.ZodObject; readonly subcommands?: Readonly<Record<string, unknown>> }): boolean {
  if (command.subcommands !== undefined && Object.keys(command.subcommands).length > 0) return false;
  const args = describeArgs(command.args, command);
  return args.length === 1 && args[0]?.rest === true;
}
