import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineCommand, defineSubcommand } from '../../src/core/command.js';
import { helpForCommand, helpForSubcommand, helpOverview, usageLine } from '../../src/core/help.js';
import { run, testBot } from '../fakes/bot.js';
import help from '../../commands/help.js';

const pricewar = defineCommand({
  name: 'pricewar',
  description: 'Price-war analyses',
  examples: ['/pricewar cuts'],
  args: z.object({}),
  run: () => ({ text: '' }),
  subcommands: {
    cuts: defineSubcommand({
      description: 'The 2024 price cuts',
      args: z.object({ provider: z.string().optional().describe('Vendor name'), from: z.string().optional() }),
      examples: ['/pricewar cuts --provider Baidu'],
      run: () => ({ text: '' }),
    }),
    compare: defineSubcommand({
      description: 'Compare models',
      args: z.object({ models: z.array(z.string()).min(2) }),
      positionals: ['models...'],
      run: () => ({ text: '' }),
    }),
  },
});

const hidden = defineCommand({ name: 'internal', hidden: true, description: 'hidden', examples: ['/internal'], args: z.object({}), run: () => ({ text: '' }) });

describe('help generation', () => {
  it('builds usage lines from the schema', () => {
    expect(usageLine(pricewar, 'cuts', pricewar.subcommands?.cuts)).toBe('/pricewar cuts [--provider <provider>] [--from <from>]');
    expect(usageLine(pricewar, 'compare', pricewar.subcommands?.compare)).toBe('/pricewar compare <models…>');
  });

  it('lists visible commands only', () => {
    const overview = helpOverview([pricewar, hidden]);
    expect(overview.text).toContain('`/pricewar` — Price-war analyses');
    expect(overview.text).not.toContain('/internal');
    expect(overview.data?.commands).toEqual([{ name: 'pricewar', description: 'Price-war analyses', usage: '/pricewar', aliases: [], subcommands: ['cuts', 'compare'] }]);
  });

  // Issue 14: a subcommand's options moved from /help <command> to its own page, /help <command> <subcommand>;
  // the same three facts are asserted there (the usage line now reads "Usage: `…`" above the description).
  it('documents subcommands, argument descriptions and examples', () => {
    const text = helpForSubcommand(pricewar, 'cuts').text;
    expect(text).toContain('Usage: `/pricewar cuts [--provider <provider>] [--from <from>]`');
    expect(text).toContain('The 2024 price cuts');
    expect(text).toContain('• `--provider` — Vendor name');
    expect(text).toContain('• `/pricewar cuts --provider Baidu`');
  });

  it('is served by /help and /help <command>', async () => {
    const bot = testBot([help, pricewar]);
    expect((await run(bot, '/help')).reply.text).toContain('/pricewar');
    expect((await run(bot, '/help /pricewar')).reply.title).toBe('/pricewar');
    expect((await run(bot, '/help nope')).reply.text).toContain('There is no /nope command');
  });
});
