/**
 * Issue 14, point 4: for any invalid line, each distinct problem appears once
 * and the count in "N problems" matches the list. Three properties:
 *
 * 1. Generated schemas with an oracle: the line breaks a known set of
 *    arguments (a bad value, a flag without its value, a required argument
 *    left out, unknown options, some typed twice), so the exact number of
 *    problems is known, and each broken argument must be the subject of
 *    exactly one problem line.
 * 2. The same oracle over every command and subcommand in commands/.
 * 3. Arbitrary lines over the real commands: whatever fails, fails with
 *    distinct problems and a count that matches them.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { COMMANDS_DIR } from '../../src/app.js';
import { bindArguments } from '../../src/core/binder.js';
import { defineCommand, type CommandDefinition, type SubcommandSpec } from '../../src/core/command.js';
import { ArgumentError } from '../../src/core/errors.js';
import { quoteToken, tokenize } from '../../src/core/parser.js';
import { CommandRegistry } from '../../src/core/registry.js';
import { describeArgs, type ArgInfo } from '../../src/core/schema.js';

/** The problems of a failed bind, or [] when the line binds. Anything but an ArgumentError is a bug. */
function problemsOf(command: CommandDefinition, line: string): { problems: string[]; message: string } {
  try {
    bindArguments(command, tokenize(line));
    return { problems: [], message: '' };
  } catch (error) {
    if (!(error instanceof ArgumentError)) throw error;
    return { problems: (error.data?.problems as string[] | undefined) ?? [], message: error.message };
  }
}

/** Distinct problems, and the message says as many as it lists. */
function expectCounted(problems: readonly string[], message: string, line: string): void {
  expect(new Set(problems).size, `${line}\n${message}`).toBe(problems.length);
  if (problems.length === 0) return;
  const bullets = message.split('\n').filter((l) => l.startsWith('• '));
  if (problems.length === 1) {
    expect(bullets, message).toEqual([]);
    expect(message, line).not.toMatch(/\d+ problems/);
  } else {
    expect(message, line).toContain(`: ${problems.length} problems with the arguments:`);
    expect(bullets, message).toEqual(problems.map((p) => `• ${p}`));
  }
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** How many problem lines are about this argument (it is their subject, not merely mentioned). */
function linesAbout(problems: readonly string[], info: ArgInfo): number {
  const subjects = [`--${info.flag}`, `<${info.key}>`].map(escape).join('|');
  const about = new RegExp(`^(each )?(${subjects})( value)? `);
  return problems.filter((p) => about.test(p)).length;
}

function linesAboutUnknown(problems: readonly string[], name: string): number {
  return problems.filter((p) => new RegExp(`^unknown option --${escape(name)}( |$)`).test(p)).length;
}

// ── What a line does to one argument ─────────────────────────────────────────

type Action = { kind: 'omit' } | { kind: 'bad'; value: string } | { kind: 'noValue' };

/** An item every numeric rule of the argument accepts. */
function goodNumber(info: ArgInfo): number {
  if (info.min !== undefined) return info.minExclusive === true ? info.min + (info.max === undefined ? 1 : Math.min(1, (info.max - info.min) / 2)) : info.min;
  return info.max !== undefined ? Math.min(0, info.max - 1) : 1;
}

/** Values that break exactly one rule of the argument; none when the binder cannot know (free text). */
function badValues(info: ArgInfo): string[] {
  const item = info.kind === 'list' ? info.itemKind : info.kind;
  const out: string[] = [];
  if (item === 'integer' || item === 'number') {
    out.push('abc');
    if (info.min !== undefined) out.push(String(info.minExclusive === true ? info.min : info.min - 1));
    if (info.max !== undefined) out.push(String(info.maxExclusive === true ? info.max : info.max + 1));
    if (item === 'integer' && info.min !== undefined && info.max !== undefined && info.max - info.min >= 1) out.push(String(info.min + 0.5));
  }
  if (item === 'enum') out.push('zz-not-a-choice');
  if (item === 'boolean' && info.kind !== 'list') out.push('maybe');
  if (info.kind !== 'list' || out.length === 0) return out;
  // Several items breaking the same rule are one problem; a good item beside them changes nothing.
  const good = item === 'enum' ? (info.choices?.[0] ?? '') : String(goodNumber(info));
  return out.flatMap((bad) => [bad, `${bad},${bad}`, `${good},${bad}`]);
}

function actionFor(info: ArgInfo): fc.Arbitrary<Action> {
  const options: fc.Arbitrary<Action>[] = [fc.constant<Action>({ kind: 'omit' })];
  const bad = badValues(info);
  if (bad.length > 0) options.push(fc.constantFrom(...bad).map((value): Action => ({ kind: 'bad', value })));
  if (info.kind !== 'boolean' && !info.rest) options.push(fc.constant<Action>({ kind: 'noValue' }));
  return fc.oneof(...options);
}

const UNKNOWN = ['qux', 'wibble', 'frobnicate', 'zz'];

interface Plan {
  readonly actions: readonly Action[];
  /** Unknown options typed, with repeats (`--qux=1 --qux=2` is one problem). */
  readonly unknown: readonly string[];
  /** `--qux 1` rather than `--qux=1`: the word is the unknown option's value, not a second problem. */
  readonly spaced: boolean;
}

function planFor(infos: readonly ArgInfo[]): fc.Arbitrary<Plan> {
  return fc.record({
    actions: fc.tuple(...infos.map(actionFor)),
    unknown: fc.array(fc.constantFrom(...UNKNOWN), { maxLength: 4 }),
    // With positionals, a spaced value could fill one (and change which are missing); the oracle keeps to `=` there.
    spaced: infos.some((i) => i.positional) ? fc.constant(false) : fc.boolean(),
  });
}

/** The line for a plan: bad values as `--flag=value`, unknown options, then the flags left without a value. */
function lineFor(infos: readonly ArgInfo[], plan: Plan): string {
  const tokens: string[] = [];
  infos.forEach((info, i) => {
    const action = plan.actions[i] as Action;
    if (action.kind === 'bad') tokens.push(`--${info.flag}=${quoteToken(action.value)}`);
  });
  plan.unknown.forEach((name, i) => tokens.push(plan.spaced ? `--${name} ${i}` : `--${name}=${i}`));
  infos.forEach((info, i) => {
    // Last, so each is followed by another flag or by nothing: "needs a value".
    if ((plan.actions[i] as Action).kind === 'noValue') tokens.push(`--${info.flag}`);
  });
  return tokens.join(' ');
}

/** The oracle: one problem per broken argument, per left-out required one, per distinct unknown option. */
function expectOracle(command: CommandDefinition, subName: string | undefined, infos: readonly ArgInfo[], plan: Plan): void {
  const line = `${subName ?? ''} ${lineFor(infos, plan)}`.trim();
  const { problems, message } = problemsOf(command, line);
  const broken = infos.filter((info, i) => {
    const action = plan.actions[i] as Action;
    return action.kind !== 'omit' || info.required;
  });
  const unknown = [...new Set(plan.unknown)];
  expect(problems.length, `/${command.name} ${line}\n${message}`).toBe(broken.length + unknown.length);
  expectCounted(problems, message, line);
  for (const info of broken) expect(linesAbout(problems, info), `${info.flag} in /${command.name} ${line}\n${message}`).toBe(1);
  for (const name of unknown) expect(linesAboutUnknown(problems, name), `--${name} in ${line}\n${message}`).toBe(1);
}

// ── Generated schemas ───────────────────────────────────────────────────────

type FieldSpec =
  | { kind: 'int'; min: number; span: number }
  | { kind: 'number'; min: number; exclusive: boolean; max?: number | undefined }
  | { kind: 'enum' }
  | { kind: 'intList'; min: number }
  | { kind: 'numberList'; exclusive: boolean }
  | { kind: 'boolean' }
  | { kind: 'text' };

const fieldSpec: fc.Arbitrary<FieldSpec> = fc.oneof(
  fc.record({ kind: fc.constant('int' as const), min: fc.integer({ min: -5, max: 5 }), span: fc.integer({ min: 1, max: 100 }) }),
  fc.record({ kind: fc.constant('number' as const), min: fc.integer({ min: -3, max: 3 }), exclusive: fc.boolean(), max: fc.option(fc.integer({ min: 4, max: 10 }), { nil: undefined }) }, { requiredKeys: ['kind', 'min', 'exclusive'] }),
  fc.constant<FieldSpec>({ kind: 'enum' }),
  fc.record({ kind: fc.constant('intList' as const), min: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ kind: fc.constant('numberList' as const), exclusive: fc.boolean() }),
  fc.constant<FieldSpec>({ kind: 'boolean' }),
  fc.constant<FieldSpec>({ kind: 'text' }),
);

function fieldSchema(spec: FieldSpec): z.ZodType {
  switch (spec.kind) {
    case 'int':
      return z.number().int().min(spec.min).max(spec.min + spec.span);
    case 'number': {
      const low = spec.exclusive ? z.number().gt(spec.min) : z.number().min(spec.min);
      return spec.max === undefined ? low : low.max(spec.max);
    }
    case 'enum':
      return z.enum(['red', 'green', 'blue']);
    case 'intList':
      return z.array(z.number().int().min(spec.min)).min(1);
    case 'numberList':
      return z.array(spec.exclusive ? z.number().positive() : z.number().nonnegative()).min(1);
    case 'boolean':
      return z.boolean();
    case 'text':
      return z.string();
  }
}

function validDefault(spec: FieldSpec): unknown {
  switch (spec.kind) {
    case 'int':
      return spec.min;
    case 'number':
      return spec.min + 1;
    case 'enum':
      return 'red';
    case 'intList':
      return [spec.min + 1];
    case 'numberList':
      return [1];
    case 'boolean':
      return false;
    case 'text':
      return 'x';
  }
}

const NAMES = ['alpha', 'betaRate', 'gamma', 'deltaMax', 'epsilon', 'zeta'];

const generatedCommand: fc.Arbitrary<CommandDefinition> = fc
  .uniqueArray(fc.record({ name: fc.constantFrom(...NAMES), spec: fieldSpec, presence: fc.constantFrom('required', 'optional', 'default') }), {
    minLength: 1,
    maxLength: NAMES.length,
    selector: (f) => f.name,
  })
  .map((fields) => {
    const shape: Record<string, z.ZodType> = {};
    for (const { name, spec, presence } of fields) {
      const schema = fieldSchema(spec);
      shape[name] = presence === 'required' ? schema : presence === 'optional' ? schema.optional() : schema.default(validDefault(spec) as never);
    }
    return defineCommand({ name: 'gen', description: 'Generated', examples: ['/gen'], args: z.object(shape), run: () => ({ text: '' }) });
  });

describe('argument problems: each once, counted right', () => {
  it('on generated schemas, the problems are exactly the arguments the line broke', () => {
    fc.assert(
      fc.property(
        generatedCommand.chain((command) => {
          const infos = describeArgs(command.args, command);
          return fc.tuple(fc.constant(command), fc.constant(infos), planFor(infos));
        }),
        ([command, infos, plan]) => expectOracle(command, undefined, infos, plan),
      ),
      { numRuns: 400 },
    );
  });

  describe('on the real commands/', () => {
    let runnables: Array<{ command: CommandDefinition; subName: string | undefined; spec: SubcommandSpec }>;
    beforeAll(async () => {
      const registry = await CommandRegistry.loadDirectory(COMMANDS_DIR);
      runnables = registry.list().flatMap((command) => [
        { command, subName: undefined, spec: command as SubcommandSpec },
        ...Object.entries(command.subcommands ?? {}).map(([subName, spec]) => ({ command, subName, spec: spec as SubcommandSpec })),
      ]);
    });

    it('the lines of issue 14: /train --hidden a,b is one problem, /train --lr 0 states the range it breaks', () => {
      const train = runnables.find((r) => r.command.name === 'train' && r.subName === undefined)?.command as CommandDefinition;
      expect(problemsOf(train, '--hidden a,b').problems).toEqual(['each --hidden value must be a whole number (allowed: 0–100000) (got "a,b")']);
      const three = problemsOf(train, '--hidden a,b --lr 0 --batch 0');
      expect(three.problems).toHaveLength(3);
      expect(three.message).toContain('/train: 3 problems with the arguments:');
      expect(problemsOf(train, '--lr 0').message.split('\n')[0]).toBe('/train: --lr must be more than 0 and at most 1 (got "0").');
    });

    it('every command and subcommand reports exactly the arguments the line broke', () => {
      expect(runnables.length).toBeGreaterThan(15);
      for (const { command, subName, spec } of runnables) {
        const infos = describeArgs(spec.args, spec);
        fc.assert(
          fc.property(planFor(infos), (plan) => expectOracle(command, subName, infos, plan)),
          { numRuns: 60 },
        );
      }
    });

    it('any line: whatever fails, fails with distinct problems and a count that matches', () => {
      const words = (spec: SubcommandSpec): fc.Arbitrary<string> => {
        const flags = describeArgs(spec.args, spec).map((i) => `--${i.flag}`);
        const values = ['0', '-1', '1.5', 'abc', 'a,b', '1,2', '1,x', '3:1', '20%', '2024-13-01', '2025-01-01', 'up', '"two words"', '--', '=', 'x=1'];
        const anyFlag = [...flags, ...UNKNOWN.map((u) => `--${u}`)];
        return fc.oneof(fc.constantFrom(...anyFlag), fc.constantFrom(...values), fc.tuple(fc.constantFrom(...anyFlag), fc.constantFrom(...values)).map(([f, v]) => `${f}=${v}`));
      };
      fc.assert(
        fc.property(
          fc.nat().chain((n) => {
            const { command, subName, spec } = runnables[n % runnables.length] as (typeof runnables)[number];
            return fc.tuple(fc.constant(command), fc.array(words(spec), { maxLength: 8 }).map((w) => [subName ?? '', ...w].join(' ').trim()));
          }),
          ([command, line]) => {
            const { problems, message } = problemsOf(command, line);
            expectCounted(problems, message, line);
          },
        ),
        { numRuns: 500 },
      );
    });
  });
});
