/**
 * Commands for the Discord adapter tests: every kind of argument, a
 * subcommand, a file, buttons, progress, and replies that exceed Discord's
 * limits. Each run records what it received in `calls` so that tests can
 * check the arguments the core bound.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { defineCommand, defineSubcommand } from '../../../src/core/command.js';
import { UserError } from '../../../src/core/errors.js';
import { CommandRegistry } from '../../../src/core/registry.js';
import { TINY_SPEC } from '../contract.js';

export interface Call {
  readonly command: string;
  readonly args: Record<string, unknown>;
  readonly user: string;
  readonly userName?: string;
  readonly conversation: { channel: string; thread?: string };
  readonly line: string;
}

export function testCommands(): { commands: CommandRegistry; calls: Call[] } {
  const calls: Call[] = [];
  const record = (command: string, ctx: { user: { id: string; name?: string }; message: { conversation: { channel: string; thread?: string } }; line: string }, args: object): void => {
    calls.push({ command, args: { ...args }, user: ctx.user.id, ...(ctx.user.name ? { userName: ctx.user.name } : {}), conversation: { ...ctx.message.conversation }, line: ctx.line });
  };
  const definitions = [
    defineCommand({
      name: 'price',
      description: 'Price of a model (every kind of option)',
      examples: ['/price qwen-long --tokens 1000'],
      args: z.object({
        model: z.enum(['qwen-long', 'ernie-speed', 'deepseek-chat']).describe('The model'),
        tokens: z.number().int().min(1).max(1_000_000).describe('How many tokens'),
        discount: z.number().min(0).max(1).optional().describe('Discount as a fraction'),
        cached: z.boolean().default(false).describe('Use cached input pricing'),
        regions: z.array(z.string()).optional().describe('Regions'),
        note: z.array(z.string()).optional().transform((w) => w?.join(' ')).describe('A note'),
      }),
      positionals: ['model', 'note...'],
      run(ctx, args) {
        record('price', ctx, args);
        return {
          title: `Price of ${args.model}`,
          text: `${args.tokens} tokens`,
          fields: [{ label: 'Cached', value: String(args.cached), inline: true }],
          charts: [{ filename: 'chart.png', spec: TINY_SPEC, title: 'Price trend', alt: 'price falls over time' }],
          citations: [{ title: 'Price list', url: 'https://example.com/prices' }],
        };
      },
    }),
    defineCommand({
      name: 'jobs',
      description: 'Jobs (subcommands)',
      examples: ['/jobs', '/jobs status 5'],
      args: z.object({ all: z.boolean().default(false) }),
      run(ctx, args) {
        record('jobs', ctx, args);
        return { text: `job list (all=${args.all})` };
      },
      subcommands: {
        status: defineSubcommand({
          description: 'Status of one job',
          args: z.object({ id: z.number().int().min(1).describe('Job id') }),
          positionals: ['id'],
          run(ctx, args) {
            record('jobs status', ctx, args);
            return { text: `job ${args.id} is running` };
          },
        }),
      },
    }),
    defineCommand({
      name: 'ask',
      description: 'Answer a question',
      examples: ['/ask why?'],
      args: z.object({ question: z.array(z.string()).min(1).transform((w) => w.join(' ')).describe('The question') }),
      positionals: ['question...'],
      run(ctx, args) {
        record('ask', ctx, args);
        return {
          text: `answer to: ${args.question}`,
          actions: [
            { label: '👍', command: '/feedback 7 up', style: 'primary' as const },
            { label: '👎', command: '/feedback 7 down' },
          ],
        };
      },
    }),
    defineCommand({
      name: 'feedback',
      description: 'Record feedback (button callback)',
      examples: ['/feedback 7 up'],
      hidden: true,
      args: z.object({ id: z.number().int(), vote: z.enum(['up', 'down']) }),
      positionals: ['id', 'vote'],
      run(ctx, args) {
        record('feedback', ctx, args);
        return { text: `thanks for the ${args.vote} vote`, ephemeral: true };
      },
    }),
    defineCommand({
      name: 'load',
      description: 'Read an attached CSV',
      examples: ['/load'],
      args: z.object({ label: z.string().optional() }),
      file: { description: 'A CSV file', accept: ['.csv'] },
      async run(ctx, args) {
        record('load', ctx, args);
        const file = ctx.files[0];
        if (file === undefined) throw new UserError('Attach a CSV file.');
        const bytes = await file.read(ctx.config.MAX_ATTACHMENT_BYTES);
        return { text: `read ${bytes.length} bytes from ${file.name} (${file.mime ?? '?'}): ${bytes.toString('utf8').split('\n')[0] ?? ''}` };
      },
    }),
    defineCommand({
      name: 'slow',
      description: 'Progress over time',
      examples: ['/slow --ms 100'],
      args: z.object({ ms: z.number().int().min(0).default(50) }),
      async run(ctx, args) {
        await ctx.progress({ text: 'slow: started' });
        await sleep(args.ms);
        await ctx.progress({ text: 'slow: halfway' });
        await sleep(args.ms);
        return { text: 'slow: finished' };
      },
    }),
    defineCommand({
      name: 'busy',
      description: 'Keeps the CPU busy without yielding',
      examples: ['/busy --ms 100'],
      args: z.object({ ms: z.number().int().min(0).max(5_000) }),
      run(_ctx, { ms }) {
        const until = Date.now() + ms;
        while (Date.now() < until) {
          // Synchronous work, as a heavy chart or model step would be.
        }
        return { text: `busy for ${ms} ms` };
      },
    }),
    defineCommand({
      name: 'big',
      description: 'A reply beyond every Discord limit',
      examples: ['/big'],
      args: z.object({ plain: z.boolean().default(false) }),
      run(_ctx, { plain }) {
        const paragraph = 'The price war keeps going as providers cut list prices again and again. ';
        const text = Array.from({ length: 90 }, (_, i) => `${i + 1}. ${paragraph}`).join('\n\n');
        if (plain) return { text };
        return {
          title: 'Everything at once',
          text,
          fields: Array.from({ length: 30 }, (_, i) => ({ label: `Field ${i + 1}`, value: `value ${i + 1}`, inline: true })),
          table: { columns: ['model', 'price'], rows: Array.from({ length: 300 }, (_, i) => [`model-${i + 1}`, i / 10]) },
          charts: Array.from({ length: 12 }, (_, i) => ({ filename: `chart ${i + 1}.png`, spec: TINY_SPEC, title: `Chart ${i + 1}`, alt: `chart number ${i + 1}` })),
          citations: Array.from({ length: 40 }, (_, i) => ({ title: `Source number ${i + 1} with a long title`, url: `https://example.com/source/${i + 1}` })),
          actions: [{ label: 'More', command: '/big --plain' }],
        };
      },
    }),
  ];
  return { commands: new CommandRegistry(definitions.map((definition) => ({ definition, source: 'discord-test' }))), calls };
}
