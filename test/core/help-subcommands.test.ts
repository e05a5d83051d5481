/**
 * Issue 14, point 3: help is complete for every command, because it is
 * generated from the definitions. A command with subcommands lists them one
 * line each with an example, never a bare "Usage: `/pricewar`"; each
 * subcommand has its own page; the overview names the subcommands. Checked on
 * a small definition and on the real commands/ folder.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { COMMANDS_DIR } from '../../src/app.js';
import { bindArguments } from '../../src/core/binder.js';
import { defineCommand, defineSubcommand, type CommandDefinition } from '../../src/core/command.js';
import { helpForCommand, helpForSubcommand, helpOverview, subcommandExample } from '../../src/core/help.js';
import { tokenize } from '../../src/core/parser.js';
import { CommandRegistry } from '../../src/core/registry.js';
import { run, testBot } from '../fakes/bot.js';

const noop = () => ({ text: '' });

const tool = defineCommand({
  name: 'tool',
  description: 'A tool',
  examples: ['/tool', '/tool fit --rate 0.5'],
  args: z.object({ rate: z.number().gt(0).max(1).default(0.1).describe('Rate'), limit: z.number().int().min(1).max(50).default(10).describe('How many (1–50)') }),
  run: noop,
  subcommands: {
    fit: defineSubcommand({ description: 'Fit a line', args: z.object({ rate: z.number().optional() }), examples: ['/tool fit'], run: noop }),
    drop: defineSubcommand({ description: 'Drop a job', args: z.object({ id: z.number().int().min(1) }), positionals: ['id'], run: noop }),
  },
});

const lines = (text: string): string[] => text.split('\n');

describe('/help <command> for a command with subcommands', () => {
  const text = helpForCommand(tool).text;

  it('shows how to reach the subcommands in the usage, not just the bare command', () => {
    expect(text).toContain('Usage: `/tool [--rate <n>] [--limit <n>]` or `/tool <fit|drop> …`');
  });

  it("lists each subcommand on one line with an example (the command's pick first), or its usage when none was written", () => {
    expect(lines(text).filter((l) => l.startsWith('• `fit`'))).toEqual(['• `fit` — Fit a line. Example: `/tool fit --rate 0.5`']);
    expect(lines(text).filter((l) => l.startsWith('• `drop`'))).toEqual(['• `drop` — Drop a job. Usage: `/tool drop <id>`']);
    expect(text).toContain('`/help tool <subcommand>` shows');
  });

  it("keeps the examples of the command's own run, and does not repeat the subcommands'", () => {
    expect(text).toMatch(/Examples:\n• `\/tool`$/);
  });

  it('writes an exclusive bound in words and does not repeat a range the description states', () => {
    expect(text).toContain('• `--rate` — Rate (more than 0, at most 1; default 0.1)');
    expect(text).toContain('• `--limit` — How many (1–50) (default 10)');
    expect(text).not.toContain('0–1');
  });

  it('puts every subcommand in --json data with its usage, options and example', () => {
    const data = helpForCommand(tool).data as { subcommandUsage: string; subcommands: Record<string, { usage: string; example: string | null; args: unknown[] }> };
    expect(data.subcommandUsage).toBe('/tool <fit|drop> …');
    expect(data.subcommands.fit).toMatchObject({ usage: '/tool fit [--rate <n>]', example: '/tool fit --rate 0.5' });
    expect(data.subcommands.drop).toMatchObject({ usage: '/tool drop <id>', example: null });
  });
});

describe('/help <command> <subcommand>', () => {
  it("shows the subcommand's usage, options and all its examples, the command's included", () => {
    const page = helpForSubcommand(tool, 'fit');
    expect(page.title).toBe('/tool fit');
    expect(page.text).toContain('Usage: `/tool fit [--rate <n>]`');
    expect(page.text).toContain('Examples:\n• `/tool fit`\n• `/tool fit --rate 0.5`');
  });

  it('is served by /help, with a clear answer for an unknown subcommand', async () => {
    const help = (await import('../../commands/help.js')).default;
    const bot = testBot([help, tool]);
    expect((await run(bot, '/help tool fit')).reply.title).toBe('/tool fit');
    expect((await run(bot, '/help /tool FIT')).reply.title).toBe('/tool fit');
    const unknown = await run(bot, '/help tool nope');
    expect(unknown.ok).toBe(false);
    expect(unknown.reply.text).toContain('There is no /tool nope subcommand. Its subcommands: fit, drop');
    expect((await run(bot, '/help help x')).reply.text).toContain('/help has no subcommands');
  });
});

describe('help for the real commands/ folder', () => {
  let commands: readonly CommandDefinition[];
  const byName = (name: string): CommandDefinition => commands.find((c) => c.name === name) as CommandDefinition;
  beforeAll(async () => {
    commands = (await CommandRegistry.loadDirectory(COMMANDS_DIR)).list();
  });

  it('/help pricewar lists the ten subcommands, one line each with an example', () => {
    const text = helpForCommand(byName('pricewar')).text;
    expect(text).not.toMatch(/Usage: `\/pricewar`$/m);
    expect(text).toContain('`/pricewar <trend|cuts|cost|compare|simulate|alerts|sync|sources|watch|unwatch> …`');
    for (const sub of ['trend', 'cuts', 'cost', 'compare', 'simulate', 'alerts', 'sync', 'sources', 'watch', 'unwatch']) {
      const line = lines(text).filter((l) => l.startsWith(`• \`${sub}\` — `));
      expect(line, sub).toHaveLength(1);
      expect(line[0], sub).toMatch(new RegExp(`Example: \`/pricewar ${sub}( [^\`]*)?\`$`));
    }
  });

  it('/help train keeps its options and adds its subcommands; /help faq lists each example once', () => {
    const train = helpForCommand(byName('train')).text;
    expect(train).toContain('• `--lr` — Adam learning rate (more than 0, at most 1; default 0.001)');
    expect(train).toContain('• `status` — Show a training job (default: your latest). Example: `/train status`');
    expect(train).toContain('• `cancel` — Cancel a queued or running training job (someone else\'s: admins only). Example: `/train cancel 12`');
    const faq = helpForCommand(byName('faq')).text;
    expect(faq).toContain('• `gaps` — ');
    const bullets = lines(faq).filter((l) => l.startsWith('• `/faq'));
    expect(new Set(bullets).size).toBe(bullets.length);
    expect(helpForSubcommand(byName('faq'), 'gaps').text).toContain('• `--limit` — How many questions to list (1–50) (default 10)');
  });

  it('gives every subcommand of every command an example, and every example binds', () => {
    for (const command of commands) {
      for (const sub of Object.keys(command.subcommands ?? {})) {
        expect(subcommandExample(command, sub), `/${command.name} ${sub}`).toBeDefined();
      }
      const examples = [...command.examples, ...Object.values(command.subcommands ?? {}).flatMap((s) => s.examples ?? [])];
      for (const example of examples) {
        const rest = example.replace(/^\/\S+\s*/, '');
        expect(() => bindArguments(command, tokenize(rest)), example).not.toThrow();
      }
    }
  });

  it("the overview names each command's subcommands", () => {
    const text = helpOverview(commands).text;
    expect(text).toContain('(trend, cuts, cost, compare, simulate, alerts, sync, sources, watch, unwatch)');
    expect(text).toContain('(status, list, workers, cancel)');
    expect(text).toContain('`/help <command> <subcommand>`');
  });
});
