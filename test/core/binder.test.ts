import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bindArguments, bindFreeText } from '../../src/core/binder.js';
import { defineCommand, defineSubcommand } from '../../src/core/command.js';
import { ArgumentError } from '../../src/core/errors.js';
import { tokenize } from '../../src/core/parser.js';

const train = defineCommand({
  name: 'train',
  description: 'Train',
  examples: ['/train'],
  args: z.object({
    model: z.enum(['small', 'mlp']).default('small'),
    epochs: z.number().int().min(1).max(500).default(10),
    lr: z.number().positive().default(0.001),
    hidden: z.array(z.number().int().positive()).optional(),
    valSplit: z.number().min(0).max(0.9).default(0.2),
    verbose: z.boolean().default(false),
  }),
  subcommands: {
    status: defineSubcommand({ description: 'Status', args: z.object({ id: z.string().optional() }), positionals: ['id'], run: () => ({ text: '' }) }),
    cancel: defineSubcommand({ description: 'Cancel', args: z.object({ id: z.string({ error: 'give the job id' }) }), positionals: ['id'], run: () => ({ text: '' }) }),
  },
  run: () => ({ text: '' }),
});

const bind = (line: string) => bindArguments(train, tokenize(line));
const problem = (line: string): string => {
  try {
    bind(line);
  } catch (error) {
    expect(error).toBeInstanceOf(ArgumentError);
    return (error as Error).message;
  }
  throw new Error(`expected "${line}" to fail`);
};

describe('bindArguments', () => {
  it('applies defaults', () => {
    expect(bind('').args).toEqual({ model: 'small', epochs: 10, lr: 0.001, valSplit: 0.2, verbose: false });
  });

  it('reads --flag value, --flag=value, key=value, kebab-case and booleans', () => {
    const { args } = bind('--epochs 40 --lr=0.05 model=mlp --val-split 0.1 --verbose --hidden 64,32');
    expect(args).toEqual({ model: 'mlp', epochs: 40, lr: 0.05, valSplit: 0.1, verbose: true, hidden: [64, 32] });
  });

  it('takes negative numbers as values', () => {
    expect(problem('--lr -1')).toMatch(/--lr must be more than 0 .*got "-1"/);
  });

  it('supports --no-flag for booleans', () => {
    expect(bind('--verbose --no-verbose').args.verbose).toBe(false);
  });

  it('picks subcommands and their positionals', () => {
    const bound = bind('status job-7');
    expect(bound.subcommand).toBe('status');
    expect(bound.args).toEqual({ id: 'job-7' });
  });

  it('names each wrong argument once, with the allowed range and the usage line', () => {
    const message = problem('--epochs 0 --model big');
    expect(message).toContain('/train: 2 problems');
    expect(message).toContain('--epochs must be at least 1 (allowed: 1–500) (got "0")');
    expect(message).toContain('--model must be one of small, mlp (got "big")');
    expect(message).toContain('Usage: /train [--model <small|mlp>] [--epochs <n>]');
  });

  it('says a number is needed for text', () => {
    expect(problem('--epochs ten')).toContain('--epochs must be a whole number');
  });

  it('suggests the closest flag for a typo', () => {
    expect(problem('--epoch 5')).toContain('unknown option --epoch (did you mean --epochs?)');
  });

  it('reports a flag without its value', () => {
    expect(problem('--epochs')).toContain('--epochs needs a value');
    expect(problem('--epochs --lr 1')).toContain('--epochs needs a value');
  });

  it('reports stray words and lists the subcommands', () => {
    expect(problem('stats')).toMatch(/unexpected word "stats" \(subcommands: status, cancel\)/);
  });

  it('uses custom zod messages for required positionals', () => {
    expect(problem('cancel')).toContain('<id> give the job id');
  });
});

describe('bindFreeText', () => {
  const ask = defineCommand({
    name: 'ask',
    description: 'Ask',
    examples: ['/ask x'],
    args: z.object({ question: z.array(z.string()).min(1).transform((w) => w.join(' ')) }),
    positionals: ['question...'],
    run: () => ({ text: '' }),
  });

  it('passes the whole text, quotes and all, to the rest positional', () => {
    expect(bindFreeText(ask, 'what\'s "the" price --of gpt-4o?').args).toEqual({ question: 'what\'s "the" price --of gpt-4o?' });
  });
});

describe('describeArgs ranges', () => {
  it('shows no range for a plain .int() (its implied safe-integer bounds are not a range)', async () => {
    const { describeArgs } = await import('../../src/core/schema.js');
    const [plain, bounded] = describeArgs(z.object({ a: z.number().int(), b: z.number().int().min(2) }));
    expect(plain).not.toHaveProperty('min');
    expect(plain).not.toHaveProperty('max');
    expect(bounded).toMatchObject({ min: 2 });
    expect(bounded).not.toHaveProperty('max');
  });
});
