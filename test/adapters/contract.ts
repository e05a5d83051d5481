/**
 * The contract every chat adapter must pass (console, Slack, Discord). Each
 * adapter's test file supplies a harness that talks to the adapter *through
 * its platform* (a console stream, signed Slack requests, a Discord gateway
 * dispatch) and reads back what the platform received, normalised.
 *
 * Usage: `adapterContract('slack', async () => harness)` inside a test file.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig } from '../../src/config.js';
import type { ChatAdapter } from '../../src/core/adapter.js';
import { requireHistory } from '../../src/core/capabilities.js';
import { Bot } from '../../src/core/bot.js';
import { defineCommand } from '../../src/core/command.js';
import { CapabilityError, UserError } from '../../src/core/errors.js';
import type { Conversation } from '../../src/core/message.js';
import { CommandRegistry } from '../../src/core/registry.js';
import { createLogger } from '../../src/logging.js';

/** One message as the platform's users see it. */
export interface DeliveredMessage {
  readonly id: string;
  /** All visible text, flattened (blocks, embeds, fields). */
  readonly text: string;
  /** How many times it was edited after being posted. */
  readonly edits: number;
  readonly files: readonly { readonly name: string; readonly bytes: Uint8Array }[];
  readonly ephemeral?: boolean;
}

export interface ContractHarness {
  readonly adapter: ChatAdapter;
  /** Where unprompted posts go (and where `say` talks). */
  readonly conversation: Conversation;
  /** Send a line as a user, through the platform (slash command, mention, console line). */
  say(text: string): Promise<void>;
  /** What the platform shows now, oldest first. */
  transcript(): Promise<readonly DeliveredMessage[]>;
  close(): Promise<void>;
}

/** A chart spec with one bar and no text: quick to draw, and any adapter that shows pictures makes a PNG of it. */
export const TINY_SPEC = {
  data: { values: [{ x: 'a', y: 1 }] },
  mark: 'bar',
  encoding: { x: { field: 'x', type: 'nominal', axis: null }, y: { field: 'y', type: 'quantitative', axis: null } },
  width: 20,
  height: 20,
};

/** A valid 1×1 PNG, enough to prove bytes travel intact. */
export const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

export function contractCommands(): CommandRegistry {
  const commands = [
    defineCommand({
      name: 'echo',
      description: 'Echo the words back',
      examples: ['/echo hi'],
      args: z.object({ words: z.array(z.string()).min(1).transform((w) => w.join(' ')) }),
      positionals: ['words...'],
      run: (_ctx, { words }) => ({ text: `echo: ${words}`, data: { words } }),
    }),
    defineCommand({
      name: 'steps',
      description: 'Progress updates, then a final reply in the same message',
      examples: ['/steps'],
      args: z.object({}),
      async run(ctx) {
        for (let i = 1; i <= 3; i++) await ctx.progress({ text: `step ${i} of 3` });
        return { text: 'all steps done' };
      },
    }),
    defineCommand({
      name: 'chart',
      description: 'A reply with a chart attachment',
      examples: ['/chart'],
      args: z.object({}),
      run: () => ({ text: 'here is a chart', charts: [{ filename: 'chart.png', spec: TINY_SPEC, title: 'Tiny chart', alt: 'a single bar' }] }),
    }),
    defineCommand({
      name: 'table',
      description: 'A reply with fields, a table and citations',
      examples: ['/table'],
      args: z.object({}),
      run: () => ({
        text: 'tabular',
        fields: [{ label: 'Field A', value: 'alpha' }],
        table: { columns: ['model', 'price'], rows: [['qwen-long', 0.5], ['ernie-speed', 0]] },
        citations: [{ title: 'Source doc › Section', url: 'https://example.com/doc' }],
      }),
    }),
    defineCommand({
      name: 'follow',
      description: 'A reply and a follow-up message',
      examples: ['/follow'],
      args: z.object({}),
      async run(ctx) {
        await ctx.followUp({ text: 'the follow-up' });
        return { text: 'the main reply' };
      },
    }),
    defineCommand({
      name: 'oops',
      description: 'An expected failure',
      examples: ['/oops'],
      args: z.object({}),
      run: () => {
        throw new UserError('That price is not in the data (try /pricewar compare).');
      },
    }),
    defineCommand({
      name: 'boom',
      description: 'An unexpected failure',
      examples: ['/boom'],
      args: z.object({}),
      run: () => {
        throw new TypeError('secret internal detail at line 42');
      },
    }),
    defineCommand({
      name: 'num',
      description: 'Validates a number',
      examples: ['/num --n 5'],
      args: z.object({ n: z.number().int().min(1).max(10) }),
      run: (_ctx, { n }) => ({ text: `n=${n}` }),
    }),
  ];
  return new CommandRegistry(commands.map((definition) => ({ definition, source: 'contract' })));
}

async function waitFor<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function adapterContract(name: string, makeHarness: () => Promise<ContractHarness>): void {
  describe(`adapter contract: ${name}`, () => {
    let harness: ContractHarness;
    let bot: Bot;

    const find = (predicate: (m: DeliveredMessage) => boolean, what: string): Promise<DeliveredMessage> =>
      waitFor(async () => (await harness.transcript()).find(predicate), what);

    beforeEach(async () => {
      harness = await makeHarness();
      bot = new Bot({ config: loadConfig({}, undefined), log: createLogger({ level: 'silent' }), commands: contractCommands() });
      await bot.attach(harness.adapter);
    });

    afterEach(async () => {
      await bot.shutdown();
      await harness.close();
    });

    it('answers a command', async () => {
      await harness.say('/echo hello contract');
      const message = await find((m) => m.text.includes('echo: hello contract'), 'the echo reply');
      expect(message.text).toContain('echo: hello contract');
    });

    it('edits one message in place for progress, ending with the final reply', async () => {
      await harness.say('/steps');
      const message = await find((m) => m.text.includes('all steps done'), 'the final reply');
      const transcript = await harness.transcript();
      if (harness.adapter.capabilities.updateInPlace) {
        expect(message.edits).toBeGreaterThanOrEqual(1);
        // The progress message itself became the final reply: no stale "step 3 of 3" left behind as the last word.
        expect(transcript.filter((m) => /step \d of 3/.test(m.text) && !m.text.includes('all steps done')).length).toBe(0);
      }
      expect(message.text).not.toMatch(/step \d of 3/);
    });

    it('delivers a follow-up as its own message', async () => {
      await harness.say('/follow');
      await find((m) => m.text.includes('the main reply'), 'the main reply');
      const follow = await find((m) => m.text.includes('the follow-up'), 'the follow-up');
      expect(follow.text).not.toContain('the main reply');
    });

    it('draws chart specs and uploads them as PNG files', async () => {
      await harness.say('/chart');
      const withFile = await find((m) => m.files.length > 0, 'a message carrying the chart');
      const file = withFile.files[0];
      expect(file?.name).toMatch(/\.png$/);
      expect(Buffer.from(file?.bytes ?? []).subarray(0, 8)).toEqual(TINY_PNG.subarray(0, 8));
    });

    it('renders fields, tables and citations as visible text', async () => {
      await harness.say('/table');
      const message = await find((m) => m.text.includes('tabular'), 'the table reply');
      for (const piece of ['Field A', 'alpha', 'qwen-long', 'ernie-speed', 'Source doc › Section']) expect(message.text).toContain(piece);
    });

    it('shows a user error as is', async () => {
      await harness.say('/oops');
      await find((m) => m.text.includes('That price is not in the data (try /pricewar compare).'), 'the user error');
    });

    it('names the wrong argument and the usage line', async () => {
      await harness.say('/num --n 99');
      const message = await find((m) => m.text.includes('--n'), 'the argument error');
      expect(message.text).toContain('at most 10');
      expect(message.text).toContain('Usage: /num');
    });

    it('shows a ref id, never a stack trace, for an unexpected failure', async () => {
      await harness.say('/boom');
      const message = await find((m) => /something went wrong \(ref [0-9a-f]{8}\)/i.test(m.text), 'the internal error reply');
      expect(message.text).not.toContain('secret internal detail');
      expect(message.text).not.toMatch(/\bat \S+:\d+/);
    });

    it('explains an unknown command', async () => {
      await harness.say('/nosuchthing');
      await find((m) => m.text.includes('There is no /nosuchthing command'), 'the unknown-command reply');
    });

    it('posts unprompted, then edits that post by its stored ref', async () => {
      const handle = await harness.adapter.post(harness.conversation, { text: 'scheduled digest v1' });
      await find((m) => m.text.includes('scheduled digest v1'), 'the post');
      await harness.adapter.update(JSON.parse(JSON.stringify(handle.ref)), { text: 'scheduled digest v2' });
      const edited = await find((m) => m.text.includes('scheduled digest v2'), 'the edited post');
      if (harness.adapter.capabilities.updateInPlace) {
        expect(edited.edits).toBeGreaterThanOrEqual(1);
        expect((await harness.transcript()).some((m) => m.text.includes('scheduled digest v1'))).toBe(false);
      }
    });

    it('uploads a file into a conversation', async () => {
      await harness.adapter.upload(harness.conversation, { filename: 'export.png', bytes: TINY_PNG, mime: 'image/png', title: 'Export' });
      const message = await find((m) => m.files.some((f) => f.name.endsWith('export.png')), 'the uploaded file');
      expect(message.files.length).toBeGreaterThan(0);
    });

    it('declares history honestly and fails clearly without it', () => {
      const adapter = harness.adapter;
      expect(adapter.capabilities.history).toBe(typeof adapter.fetchHistory === 'function');
      if (!adapter.capabilities.history) {
        expect(() => requireHistory(adapter)).toThrow(CapabilityError);
      }
    });

    it('stops cleanly, twice', async () => {
      await harness.adapter.stop();
      await harness.adapter.stop();
    });
  });
}
