/**
 * Test commands of our own (not the feature commands), so these tests do not
 * depend on other modules' work in progress. `gate` lets a test hold a
 * command until it has checked something (an ack that must come first).
 */
import { z } from 'zod';
import { defineCommand, type CommandDefinition } from '../../../src/core/command.js';
import { UserError } from '../../../src/core/errors.js';
import { TINY_SPEC } from '../contract.js';

export class Gate {
  private open: () => void = () => undefined;
  readonly opened = new Promise<void>((resolve) => {
    this.open = resolve;
  });
  entered = 0;
  release(): void {
    this.open();
  }
}

export interface TestCommandState {
  gate: Gate;
}

export function testCommands(state: TestCommandState): CommandDefinition[] {
  const none = z.object({});
  return [
    defineCommand({
      name: 'ask',
      description: 'Answers free text (stands in for the FAQ)',
      examples: ['/ask what is cheap?'],
      args: z.object({ question: z.array(z.string()).min(1).transform((w) => w.join(' ')) }),
      positionals: ['question...'],
      run: (ctx, { question }) => ({ text: `answer to "${question}" for ${ctx.user.id}`, data: { question } }),
    }),
    defineCommand({
      name: 'slow',
      description: 'Waits for the test to open the gate, then answers with a chart',
      examples: ['/slow'],
      args: none,
      async run() {
        state.gate.entered += 1;
        await state.gate.opened;
        return { text: 'slow answer', charts: [{ filename: 'slow.png', spec: TINY_SPEC, title: 'Slow chart', alt: 'one pixel' }] };
      },
    }),
    defineCommand({
      name: 'progress',
      description: 'Reports progress many times quickly, then answers',
      examples: ['/progress'],
      args: z.object({ n: z.number().int().min(1).max(100).default(8), secret: z.boolean().default(false) }),
      async run(ctx, { n, secret }) {
        for (let i = 1; i <= n; i++) {
          await ctx.progress({ text: `epoch ${i}/${n}` });
          await new Promise((r) => setTimeout(r, 40));
        }
        return { text: `trained ${n} epochs`, ...(secret ? { ephemeral: true } : {}) };
      },
    }),
    defineCommand({
      name: 'explode',
      description: 'Throws an unexpected error',
      examples: ['/explode'],
      args: none,
      run: () => {
        throw new RangeError('internal detail that must not leak');
      },
    }),
    defineCommand({
      name: 'csv',
      description: 'Reads the attached file',
      examples: ['/csv'],
      args: none,
      file: { description: 'a CSV', accept: ['.csv'] },
      async run(ctx) {
        const file = ctx.files[0];
        if (file === undefined) throw new UserError('Attach a CSV file.');
        const bytes = await file.read(1_000_000);
        const text = bytes.toString('utf8');
        return { text: `read ${file.name}: ${bytes.byteLength} bytes, ${text.trim().split('\n').length} lines, header ${text.split('\n')[0]}` };
      },
    }),
    defineCommand({
      name: 'vote',
      description: 'A reply with feedback buttons',
      examples: ['/vote'],
      args: none,
      run: () => ({
        text: 'Was this helpful?',
        actions: [
          { label: '👍', command: '/feedback 42 up', style: 'primary' },
          { label: '👎', command: '/feedback 42 down' },
        ],
      }),
    }),
    defineCommand({
      name: 'feedback',
      description: 'Records a vote (button target)',
      examples: ['/feedback 42 up'],
      hidden: true,
      args: z.object({ id: z.number().int(), vote: z.enum(['up', 'down']) }),
      positionals: ['id', 'vote'],
      run: (ctx, { id, vote }) => ({ text: `recorded ${vote} on ${id} by ${ctx.user.id}`, ephemeral: true }),
    }),
    defineCommand({
      name: 'long',
      description: 'A very long reply',
      examples: ['/long'],
      args: z.object({ paragraphs: z.number().int().min(1).max(500).default(60) }),
      run: (_ctx, { paragraphs }) => ({
        title: 'Long report',
        text: Array.from({ length: paragraphs }, (_, i) => `Paragraph ${i + 1}: ${'lorem ipsum dolor sit amet '.repeat(100)}`).join('\n\n'),
      }),
    }),
    defineCommand({
      name: 'where',
      description: 'Says where it was asked and by whom',
      examples: ['/where'],
      args: none,
      run: (ctx) => ({ text: `user=${ctx.user.id} channel=${ctx.message.conversation.channel} thread=${ctx.message.conversation.thread ?? '-'}` }),
    }),
  ];
}

let userTs = 500_000;
/** A fresh ts for a user's message (the fake numbers its own messages from 1, so these never collide). */
export const slackTs = (): string => `${Math.floor(Date.now() / 1000)}.${String(++userTs).padStart(6, '0')}`;
