/**
 * Issue 18, point 5: every number is bounded. Two properties over every
 * registered command and subcommand (the real commands/ folder):
 *
 * 1. Each numeric argument's schema has a finite min and max (so /help shows
 *    a range for it).
 * 2. Generated lines — each runnable's examples, with every numeric argument
 *    set to a value at or inside its bounds, the extremes included, and to
 *    absurd values outside them (1e308, 1e-300, -1) — never give a
 *    successful reply that shows Infinity, NaN, a number in exponent notation
 *    beyond e±MAX_EXPONENT, or more than MAX_DIGITS digits in a row.
 *
 * The finding: `--demand 1e308` → "demand InfinityT tokens/round";
 * `--start-price 1e308` → a 300-digit price; `--tokens-per-second 1e-300` →
 * "−3.3e+305% of revenue", all as successful replies.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS_DIR } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { Bot } from '../../src/core/bot.js';
import type { CommandDefinition, SubcommandSpec } from '../../src/core/command.js';
import { CommandRegistry } from '../../src/core/registry.js';
import type { Reply } from '../../src/core/reply.js';
import { describeArgs, type ArgInfo } from '../../src/core/schema.js';
import { createLogger } from '../../src/logging.js';
import { run } from '../fakes/bot.js';
import { tempDir } from '../faq/helpers.js';

/** The stated bounds: a reply that needs more than these is showing an unbounded number. */
const MAX_EXPONENT = 15;
const MAX_DIGITS = 16;

/** Runnables that reach outside the process (a network sync): left out of the fuzz, still checked for bounds. */
const NOT_FUZZED = new Set(['pricewar sync']);

/** Runnables with numeric options that cannot succeed for the fuzzer: /train needs TRAIN_ALLOWED_USERS (and would train). */
const EXPECTED_NEVER_OK: string[] = ['train'];

interface Runnable {
  readonly name: string;
  readonly spec: SubcommandSpec;
  readonly examples: readonly string[];
}

function runnables(registry: CommandRegistry): Runnable[] {
  const out: Runnable[] = [];
  for (const command of registry.list() as CommandDefinition[]) {
    out.push({ name: command.name, spec: command, examples: command.examples.filter((e) => e.split(/\s+/)[1] === undefined || !(e.split(/\s+/)[1]! in (command.subcommands ?? {}))) });
    for (const [sub, spec] of Object.entries(command.subcommands ?? {})) {
      out.push({ name: `${command.name} ${sub}`, spec, examples: spec.examples ?? command.examples.filter((e) => e.startsWith(`/${command.name} ${sub}`)) });
    }
  }
  return out;
}

const isNumeric = (info: ArgInfo): boolean => info.kind === 'number' || info.kind === 'integer' || info.itemKind === 'number' || info.itemKind === 'integer';
const isInteger = (info: ArgInfo): boolean => info.kind === 'integer' || info.itemKind === 'integer';

/** Values for one numeric argument: its bounds, points inside, and absurd ones outside. */
function valueOf(info: ArgInfo): fc.Arbitrary<number> {
  const min = info.min ?? -1e308;
  const max = info.max ?? 1e308;
  const lo = info.minExclusive === true ? min + (isInteger(info) ? 1 : Math.max(Math.abs(min) * 1e-9, 1e-9)) : min;
  const hi = info.maxExclusive === true ? max - (isInteger(info) ? 1 : Math.max(Math.abs(max) * 1e-9, 1e-9)) : max;
  const inside = isInteger(info)
    ? fc.integer({ min: Math.ceil(Math.max(lo, -(2 ** 31))), max: Math.floor(Math.min(hi, 2 ** 31)) })
    : fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true });
  return fc.oneof(fc.constantFrom(lo, hi, 1e308, 1e-300, -1, 0), inside);
}

/** Numbers as a user types them: plain when short, exponent notation when that is what String gives. */
const typed = (n: number): string => String(n);

function lineArbitrary(r: Runnable): fc.Arbitrary<string> {
  const infos = describeArgs(r.spec.args, r.spec).filter((i) => isNumeric(i) && !i.positional);
  const bases = r.examples.length > 0 ? [...r.examples] : [`/${r.name}`];
  return fc.tuple(
    fc.constantFrom(...bases),
    fc.array(fc.constantFrom(...(infos.length > 0 ? infos : [undefined])), { maxLength: Math.max(1, infos.length) }),
  ).chain(([base, picked]) => {
    const chosen = [...new Set(picked.filter((i): i is ArgInfo => i !== undefined && !base.includes(`--${i.flag}`)))];
    if (chosen.length === 0) return fc.constant(base);
    return fc.tuple(...chosen.map((i) => (i.kind === 'list' ? fc.array(valueOf(i), { minLength: 1, maxLength: 3 }).map((v) => v.map(typed).join(',')) : valueOf(i).map(typed)))).map(
      (values) => `${base} ${chosen.map((i, k) => `--${i.flag} ${values[k]}`).join(' ')}`,
    );
  });
}

/** Every string a user would see, and every number in `data`. */
function shownText(reply: Reply): string {
  return [reply.title ?? '', reply.text, ...(reply.fields ?? []).flatMap((f) => Object.values(f).map(String)), ...(reply.table?.rows ?? []).flat().map(String)].join('\n');
}

function badNumbers(value: unknown, path = 'data'): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [`${path} = ${value}`];
  if (Array.isArray(value)) return value.flatMap((v, i) => badNumbers(v, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => badNumbers(v, `${path}.${k}`));
  return [];
}

export function unboundedInText(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/-?Infinity|\bNaN\b/g)) found.push(m[0]);
  for (const m of text.matchAll(/\d(?:\.\d+)?[eE]([+-]?\d+)/g)) if (Math.abs(Number(m[1])) > MAX_EXPONENT) found.push(m[0]);
  // Whole-number digits in a row, thousands separators included ("1,000,000,…"); a typed fraction's digits are not a magnitude.
  for (const m of text.matchAll(/(?<![.\d])\d[\d,]*/g)) if (m[0].replace(/,/g, '').length > MAX_DIGITS) found.push(`${m[0].slice(0, 30)}…`);
  return found;
}

describe('every numeric argument is bounded', () => {
  let registry: CommandRegistry;
  beforeAll(async () => {
    registry = await CommandRegistry.loadDirectory(COMMANDS_DIR);
  });

  it('has a finite min and max in its schema, shown by /help', () => {
    const unbounded: string[] = [];
    for (const r of runnables(registry)) {
      for (const info of describeArgs(r.spec.args, r.spec).filter(isNumeric)) {
        if (!Number.isFinite(info.min) || !Number.isFinite(info.max)) unbounded.push(`/${r.name} --${info.flag} (${info.min ?? '−∞'}…${info.max ?? '∞'})`);
      }
    }
    expect(unbounded).toEqual([]);
  });

  it('numbers hidden in text options are bounded too: a ratio side of 400 digits is refused', async () => {
    const config = loadConfig({ LOG_LEVEL: 'silent' }, undefined);
    const bot = new Bot({ config, log: createLogger({ level: 'silent' }), commands: registry });
    try {
      const out = await run(bot, `/pricewar compare gpt-4o --blend ${'9'.repeat(400)}:1`);
      expect(out).toMatchObject({ ok: false, error: { code: 'bad_arguments' } });
      expect(out.reply.text).toMatch(/--blend must be two numbers like 3:1 \(input:output\), each at most 1000/);
      expect((await run(bot, '/pricewar compare gpt-4o --blend 1000:1')).ok).toBe(true);
    } finally {
      await bot.shutdown();
    }
  });

  it('the checker itself catches what the probe saw', () => {
    expect(unboundedInText('demand InfinityT tokens/round')).not.toEqual([]);
    expect(unboundedInText('−3.3e+305% of revenue')).not.toEqual([]);
    expect(unboundedInText(`price ${'9'.repeat(300)}`)).not.toEqual([]);
    expect(unboundedInText('cost $1,234,567.89 per M tokens, seed 2147483647, 1.5e-7, elasticity 0.10000000000000002')).toEqual([]);
  });
});

describe('no successful reply shows an unbounded number (fuzz over every command)', () => {
  const t = tempDir('sec-fuzz-');
  let bot: Bot;
  let registry: CommandRegistry;
  beforeAll(async () => {
    registry = await CommandRegistry.loadDirectory(COMMANDS_DIR);
    // A workspace admin who may not train: maintenance commands run, no training job starts.
    const config = loadConfig({ DATA_DIR: t.dir, KNOWLEDGE_DIR: 'knowledge', BOT_ADMINS: 'test:fuzzer', LOG_LEVEL: 'silent' }, undefined);
    bot = new Bot({ config, log: createLogger({ level: 'silent' }), commands: registry });
  });
  afterAll(async () => {
    await bot.shutdown();
    t.cleanup();
  });

  it('for each runnable, with numbers at, inside and beyond its bounds', async () => {
    const covered: string[] = [];
    const succeeded = new Map<string, number>();
    for (const r of runnables(registry)) {
      if (NOT_FUZZED.has(r.name)) continue;
      covered.push(r.name);
      await fc.assert(
        fc.asyncProperty(lineArbitrary(r), async (line) => {
          const out = await run(bot, line, { user: 'fuzzer' });
          if (!out.ok) {
            // A refusal is fine; a crash is not.
            expect(out.error?.code, `${line}\n${out.reply.text}`).not.toBe('internal_error');
            return;
          }
          succeeded.set(r.name, (succeeded.get(r.name) ?? 0) + 1);
          const problems = [...unboundedInText(shownText(out.reply)), ...badNumbers(out.reply.data)];
          expect(problems, `${line}\n${shownText(out.reply).slice(0, 2000)}`).toEqual([]);
        }),
        { numRuns: describeArgs(r.spec.args, r.spec).some((i) => isNumeric(i) && !i.positional) ? 80 : 10, seed: 18 },
      );
    }
    expect(covered.length).toBeGreaterThan(10);
    // The fuzz reached real answers: every runnable with numeric options succeeded at least once.
    const withNumbers = runnables(registry).filter((r) => covered.includes(r.name) && describeArgs(r.spec.args, r.spec).some((i) => isNumeric(i) && !i.positional));
    const neverOk = withNumbers.map((r) => r.name).filter((n) => (succeeded.get(n) ?? 0) === 0);
    expect(neverOk).toEqual(EXPECTED_NEVER_OK);
  }, 240_000);
});
