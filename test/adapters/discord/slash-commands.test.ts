/**
 * Slash commands generated from command definitions, Discord's rules for
 * them (including over the real `commands/` folder), and the way back: an
 * interaction's options → a chat line the core binds to the same arguments.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { interactionToLine, type SlashOptionValue } from '../../../src/adapters/discord/interaction-line.js';
import { fileOptionName, generateSlashCommands, slashCommandFor } from '../../../src/adapters/discord/slash-commands.js';
import { slashCommandProblems } from '../../../src/adapters/discord/slash-validate.js';
import { COMMANDS_DIR } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { Bot } from '../../../src/core/bot.js';
import { defineCommand } from '../../../src/core/command.js';
import { CommandRegistry } from '../../../src/core/registry.js';
import { describeArgs } from '../../../src/core/schema.js';
import { createLogger } from '../../../src/logging.js';
import { commandListProblems } from '../../fakes/discord.js';
import { testCommands } from './commands.js';

type Json = Record<string, any>;

describe('generated slash commands', () => {
  const { commands } = testCommands();
  const list = generateSlashCommands(commands) as Json[];
  const byName = (name: string): Json => list.find((c) => c.name === name) as Json;

  it('maps each argument kind, keeping positionals first and required before optional', () => {
    expect(byName('price').options).toEqual([
      { type: 3, name: 'model', description: 'The model', required: true, choices: ['qwen-long', 'ernie-speed', 'deepseek-chat'].map((c) => ({ name: c, value: c })) },
      { type: 4, name: 'tokens', description: 'How many tokens', required: true, min_value: 1, max_value: 1_000_000 },
      { type: 3, name: 'note', description: 'A note', required: false },
      { type: 10, name: 'discount', description: 'Discount as a fraction', required: false, min_value: 0, max_value: 1 },
      { type: 5, name: 'cached', description: 'Use cached input pricing (default false)', required: false },
      { type: 3, name: 'regions', description: 'Regions (comma-separated)', required: false },
    ]);
  });

  it('turns subcommands into sub-commands, with `run` for the command’s own form', () => {
    expect(byName('jobs').options).toEqual([
      { type: 1, name: 'run', description: 'Jobs (subcommands)', options: [{ type: 5, name: 'all', description: 'True or false (default false)', required: false }] },
      { type: 1, name: 'status', description: 'Status of one job', options: [{ type: 4, name: 'id', description: 'Job id', required: true, min_value: 1 }] },
    ]);
  });

  it('gives a command that reads a file an attachment option', () => {
    expect(byName('load').options.at(-1)).toEqual({ type: 11, name: 'file', description: 'A CSV file (.csv)', required: false });
  });

  it('leaves hidden commands (button callbacks) out, and makes commands usable in servers and DMs', () => {
    expect(list.map((c) => c.name)).toEqual(['ask', 'big', 'busy', 'jobs', 'load', 'price', 'slow']);
    expect(byName('ask')).toMatchObject({ type: 1, contexts: [0, 1], integration_types: [0] });
  });

  it('passes Discord’s rules, by our check and the fake Discord’s', () => {
    expect(slashCommandProblems(list as never)).toEqual([]);
    expect(commandListProblems(list)).toEqual([]);
  });

  it('reports what Discord would refuse', () => {
    const wide = defineCommand({
      name: 'wide',
      description: 'Too many options',
      examples: ['/wide'],
      args: z.object(Object.fromEntries(Array.from({ length: 26 }, (_, i) => [`option${i}`, z.string().optional()]))),
      run: () => ({ text: '' }),
    });
    const problems = slashCommandProblems([
      slashCommandFor(wide),
      { name: 'Bad Name', description: 'x'.repeat(101), options: [{ type: 3, name: 'a', description: 'a', required: false }, { type: 3, name: 'b', description: 'b', required: true }] },
    ]);
    expect(problems).toEqual([
      '/wide: 26 options (Discord allows 25)',
      '/Bad Name: name "Bad Name" must be 1–32 lower-case letters, digits, - or _',
      '/Bad Name: description must be 1–100 characters (has 101)',
      '/Bad Name b: required option after the optional "a" (required options must come first)',
    ]);
  });

  it('converts every command in the real commands/ folder into one Discord accepts', async () => {
    const real = await CommandRegistry.loadDirectory(COMMANDS_DIR);
    const generated = generateSlashCommands(real) as Json[];
    expect(slashCommandProblems(generated as never)).toEqual([]);
    expect(commandListProblems(generated)).toEqual([]);
    const visible = real.list().filter((c) => !c.hidden);
    expect(generated.map((c) => c.name)).toEqual(visible.map((c) => c.name));
    for (const command of visible) {
      const slash = generated.find((c) => c.name === command.name) as Json;
      const forms = command.subcommands ? [...(command.subcommands.run ? [] : [['run', command] as const]), ...Object.entries(command.subcommands)] : [[undefined, command] as const];
      for (const [sub, spec] of forms) {
        const options: Json[] = sub === undefined ? slash.options : slash.options.find((o: Json) => o.name === sub).options;
        expect(options.map((o) => o.name).sort(), `/${command.name} ${sub ?? ''}`).toEqual([...describeArgs(spec.args, spec).map((i) => i.flag), ...(spec.file ? [fileOptionName(spec)] : [])].sort());
      }
    }
  });
});

describe('interaction → chat line', () => {
  const { commands } = testCommands();
  const bot = new Bot({ config: loadConfig({}, undefined), log: createLogger({ level: 'silent' }), commands });
  const bind = (name: string, options: SlashOptionValue[]) => bot.resolve(interactionToLine(commands, name, options).line);

  it('binds to the same arguments the form held, whatever the text contains', () => {
    const word = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() !== '' && !s.includes(','));
    fc.assert(
      fc.property(
        fc.constantFrom('qwen-long', 'ernie-speed', 'deepseek-chat'),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
        fc.boolean(),
        fc.option(fc.array(word, { minLength: 1, maxLength: 3 }), { nil: undefined }),
        fc.option(fc.string({ maxLength: 40 }), { nil: undefined }),
        (model, tokens, discount, cached, regions, note) => {
          const options: SlashOptionValue[] = [
            { name: 'model', type: 3, value: model },
            { name: 'tokens', type: 4, value: tokens },
            { name: 'cached', type: 5, value: cached },
          ];
          if (discount !== undefined) options.push({ name: 'discount', type: 10, value: discount });
          if (regions !== undefined) options.push({ name: 'regions', type: 3, value: regions.join(',') });
          if (note !== undefined) options.push({ name: 'note', type: 3, value: note });
          const words = note?.split(/[\s\u3000]+/).filter((w) => w !== '') ?? [];
          const bound = bind('price', options);
          expect(bound.args).toEqual({
            model,
            tokens,
            cached,
            ...(discount === undefined ? {} : { discount }),
            ...(regions === undefined ? {} : { regions: regions.map((r) => r.trim()) }),
            note: words.length === 0 ? undefined : words.join(' '),
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('passes a free-text command its text as typed, quotes and apostrophes included', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 60 }).filter((s) => s.trim() !== ''), (question) => {
        expect(bind('ask', [{ name: 'question', type: 3, value: question }]).args).toEqual({ question: question.trim() });
      }),
      { numRuns: 300 },
    );
    expect(interactionToLine(commands, 'ask', [{ name: 'question', type: 3, value: 'what\'s the "cheapest" model?' }]).line).toBe('/ask what\'s the "cheapest" model?');
  });

  it('keeps a word that names a subcommand, or looks like a flag, as a word', () => {
    expect(interactionToLine(commands, 'price', [{ name: 'model', type: 3, value: 'qwen-long' }, { name: 'tokens', type: 4, value: 5 }, { name: 'note', type: 3, value: '--tokens=9 tokens=9' }]).line).toBe(
      '/price qwen-long "--tokens=9" "tokens=9" --tokens 5',
    );
    const withSubs = new CommandRegistry([
      {
        source: 't',
        definition: defineCommand({
          name: 'say',
          description: 'x',
          examples: ['/say'],
          args: z.object({ what: z.string().optional() }),
          positionals: ['what'],
          run: (_c, a) => ({ text: String(a.what) }),
          subcommands: { loud: { description: 'y', args: z.object({}), run: () => ({ text: 'LOUD' }) } },
        }),
      },
    ]);
    const line = interactionToLine(withSubs, 'say', [{ name: 'run', type: 1, options: [{ name: 'what', type: 3, value: 'loud' }] }]).line;
    expect(line).toBe('/say "loud"');
    const sayBot = new Bot({ config: loadConfig({}, undefined), log: createLogger({ level: 'silent' }), commands: withSubs });
    const bound = sayBot.resolve(line);
    expect(bound.subcommand).toBeUndefined();
    expect(bound.args).toEqual({ what: 'loud' });
  });

  it('passes options a stale registration still sends, so the core can name them', () => {
    expect(() => bind('jobs', [{ name: 'status', type: 1, options: [{ name: 'id', type: 4, value: 3 }, { name: 'verbose', type: 5, value: true }] }])).toThrow(/unknown option --verbose/);
    expect(() => bind('jobs', [{ name: 'purge', type: 1, options: [] }])).toThrow(/unexpected word "purge"/);
  });
});
