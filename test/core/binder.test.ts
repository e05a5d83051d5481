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

// Issue 14, point 4: each problem once, the count right, and range words that agree with the rule.
describe('problems counted and worded right', () => {
  const problemsOf = (line: string): string[] => {
    try {
      bind(line);
    } catch (error) {
      return ((error as ArgumentError).data?.problems as string[] | undefined) ?? [];
    }
    throw new Error(`expected "${line}" to fail`);
  };

  it('reports list items that break the same rule as one problem, naming the items', () => {
    expect(problem('--hidden a,b')).toBe(['/train: each --hidden value must be a whole number (allowed: more than 0) (got "a,b").', 'Usage: /train [--model <small|mlp>] [--epochs <n>] [--lr <n>] [--hidden <n,…>] [--val-split <n>] [--verbose]', 'More: /help train'].join('\n'));
    expect(problemsOf('--hidden 8,a,b')).toEqual(['each --hidden value must be a whole number (allowed: more than 0) (got "a", "b" in "8,a,b")']);
    // Two rules broken, by different items: two problems.
    expect(problemsOf('--hidden 0,a')).toEqual(['each --hidden value must be more than 0 (got "0" in "0,a")', 'each --hidden value must be a whole number (allowed: more than 0) (got "a" in "0,a")']);
  });

  it('counts three problems as three, the line\'s and the schema\'s together, an option typed twice once', () => {
    const message = problem('--hidden a,b --epochs 0 --frob 1 --frob 2');
    expect(message).toContain('/train: 3 problems with the arguments:\n• unknown option --frob');
    expect(message.split('\n').filter((l) => l.startsWith('• '))).toHaveLength(3);
    expect(problemsOf('--hidden a,b --epochs 0 --frob=1 --frob=2')).toEqual([
      'unknown option --frob (options: --model, --epochs, --lr, --hidden, --val-split, --verbose)',
      '--epochs must be at least 1 (allowed: 1–500) (got "0")',
      'each --hidden value must be a whole number (allowed: more than 0) (got "a,b")',
    ]);
  });

  it('suggests a positional by its flag name too, since it can be typed as one', () => {
    expect(problemsOf('status --idd 3')).toEqual(['unknown option --idd (did you mean --id?)']);
  });

  it('takes the word after an unknown option as its value, not as one more problem', () => {
    expect(problemsOf('--frob 1')).toEqual(['unknown option --frob (options: --model, --epochs, --lr, --hidden, --val-split, --verbose)']);
    expect(problemsOf('--frob "a b" extra')).toEqual(['unknown option --frob (options: --model, --epochs, --lr, --hidden, --val-split, --verbose)', 'unexpected word "extra" (subcommands: status, cancel)']);
  });

  it('does not add "is required" to a required flag that was typed without its value', () => {
    expect(problemsOf('cancel --id')).toEqual(['--id needs a value']);
    // A subcommand's problem points at its own help page.
    expect(problem('cancel --id')).toMatch(/\nMore: \/help train cancel$/);
  });

  it('words an exclusive bound so that it agrees with the rule', () => {
    const command = defineCommand({ name: 'fit', description: 'Fit', examples: ['/fit'], args: z.object({ lr: z.number().gt(0).max(1).default(0.1), share: z.number().min(0).lt(1).optional() }), run: () => ({ text: '' }) });
    const fails = (line: string): string => {
      try {
        bindArguments(command, tokenize(line));
      } catch (error) {
        return (error as Error).message.split('\n')[0] as string;
      }
      throw new Error(`expected "${line}" to fail`);
    };
    expect(fails('--lr 0')).toBe('/fit: --lr must be more than 0 and at most 1 (got "0").');
    expect(fails('--lr 2')).toBe('/fit: --lr must be more than 0 and at most 1 (got "2").');
    expect(fails('--share 1')).toBe('/fit: --share must be at least 0 and less than 1 (got "1").');
    expect(fails('--lr 0')).not.toMatch(/0–1/);
  });
});

describe('rangeSpan and rangeWords', () => {
  it('write inclusive ranges compactly and exclusive bounds in words', async () => {
    const { describeArgs, rangeSpan, rangeWords } = await import('../../src/core/schema.js');
    const [lr, batch, positive, below, plain] = describeArgs(
      z.object({ lr: z.number().gt(0).max(1), batch: z.number().int().min(1).max(8192), positive: z.number().positive(), below: z.number().lt(5), plain: z.number().nonnegative() }),
    );
    expect(lr).toMatchObject({ min: 0, max: 1, minExclusive: true });
    expect(lr).not.toHaveProperty('maxExclusive');
    expect([lr, batch, positive, below, plain].map((i) => rangeSpan(i!))).toEqual(['more than 0, at most 1', '1–8192', 'more than 0', 'less than 5', '≥ 0']);
    expect(rangeWords(lr!)).toBe('more than 0 and at most 1');
    expect(rangeWords(batch!)).toBe('at least 1 and at most 8192');
  });
});
