import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineCommand, defineSubcommand } from '../../src/core/command.js';
import { UserError } from '../../src/core/errors.js';
import { definePrecondition } from '../../src/core/preconditions.js';
import { captureLog, recordingResponder, run, testAdapter, testBot, testMessage } from '../fakes/bot.js';

const ask = defineCommand({
  name: 'ask',
  description: 'Ask',
  examples: ['/ask x'],
  args: z.object({ question: z.array(z.string()).min(1).transform((w) => w.join(' ')) }),
  positionals: ['question...'],
  run: (_ctx, { question }) => ({ text: `Q: ${question}` }),
});

const slow = defineCommand({
  name: 'slow',
  description: 'Progress then final',
  examples: ['/slow'],
  args: z.object({}),
  async run(ctx) {
    void ctx.progress({ text: 'working 1' });
    void ctx.progress({ text: 'working 2' });
    await ctx.followUp({ text: 'extra' });
    return { text: 'done' };
  },
});

const AdminOnly = definePrecondition('AdminOnly', (ctx) => (ctx.userKey === 'test:admin' ? true : 'Only admins may do this.'));
const NotOnFriday = definePrecondition('NotOnFriday', () => 'Not today.');

const guarded = defineCommand({
  name: 'guarded',
  description: 'Permission-checked',
  examples: ['/guarded'],
  args: z.object({}),
  preconditions: [AdminOnly],
  run: () => ({ text: 'allowed' }),
  subcommands: {
    // A subcommand lists its own preconditions: none here, so it is open without undoing the parent's.
    open: defineSubcommand({ description: 'Open to all', args: z.object({}), run: () => ({ text: 'open' }) }),
    both: defineSubcommand({ description: 'Two checks', args: z.object({}), preconditions: [AdminOnly, NotOnFriday], run: () => ({ text: 'both' }) }),
  },
});

const failing = defineCommand({
  name: 'fail',
  description: 'Fails',
  examples: ['/fail user'],
  args: z.object({ how: z.enum(['user', 'bug']) }),
  positionals: ['how'],
  run: (_ctx, { how }) => {
    if (how === 'user') throw new UserError('No such model: gpt-5o. Did you mean gpt-4o?');
    throw new Error('database is locked\n    at Database.prepare (file.js:1:1)');
  },
});

describe('Bot.handle', () => {
  it('routes free text to the question command', async () => {
    const outcome = await run(testBot([ask]), '大模型为什么越来越便宜？');
    expect(outcome).toMatchObject({ ok: true, command: 'ask', reply: { text: 'Q: 大模型为什么越来越便宜？' } });
  });

  it('routes /commands, case-insensitively', async () => {
    expect((await run(testBot([ask]), '/ASK hi there')).reply.text).toBe('Q: hi there');
  });

  it('answers an unknown command with the list and a suggestion', async () => {
    const outcome = await run(testBot([ask, slow]), '/slo');
    expect(outcome.ok).toBe(false);
    expect(outcome.error?.code).toBe('unknown_command');
    expect(outcome.reply.text).toContain('There is no /slo command. Did you mean /slow?');
  });

  it('shows a UserError as is', async () => {
    const outcome = await run(testBot([failing]), '/fail user');
    expect(outcome).toMatchObject({ ok: false, error: { code: 'user_error' }, reply: { text: 'No such model: gpt-5o. Did you mean gpt-4o?' } });
  });

  it('hides an unexpected error behind a ref that is in the log with the stack', async () => {
    const { log, lines } = captureLog();
    const outcome = await run(testBot([failing], { log }), '/fail bug');
    expect(outcome.error?.code).toBe('internal_error');
    const ref = outcome.error?.ref as string;
    expect(ref).toMatch(/^[0-9a-f]{8}$/);
    expect(outcome.reply.text).toBe(`Something went wrong (ref ${ref}). It has been logged; please try again or report the ref.`);
    expect(outcome.reply.text).not.toContain('database is locked');
    const logged = lines().find((l) => l.ref === ref);
    expect(logged?.msg).toBe('command failed');
    expect(JSON.stringify(logged?.err)).toContain('database is locked');
  });

  it('denies by permission, says why, and logs the denial', async () => {
    const { log, lines } = captureLog();
    const bot = testBot([guarded], { log });
    const denied = await run(bot, '/guarded', { user: 'bob' });
    expect(denied).toMatchObject({ ok: false, error: { code: 'forbidden' }, reply: { text: 'Only admins may do this.' } });
    expect(lines().some((l) => l.msg === 'permission denied' && l.user === 'test:bob')).toBe(true);
    expect((await run(bot, '/guarded', { user: 'admin' })).ok).toBe(true);
    expect((await run(bot, '/guarded open', { user: 'bob' })).reply.text).toBe('open');
  });

  it('runs named preconditions in order: the first denial answers, and the log names it', async () => {
    const { log, lines } = captureLog();
    const bot = testBot([guarded], { log });
    expect(await run(bot, '/guarded both', { user: 'bob' })).toMatchObject({ ok: false, reply: { text: 'Only admins may do this.' } });
    expect(await run(bot, '/guarded both', { user: 'admin' })).toMatchObject({ ok: false, error: { code: 'forbidden' }, reply: { text: 'Not today.' } });
    const denials = lines().filter((l) => l.msg === 'permission denied').map((l) => l.precondition);
    expect(denials).toEqual(['AdminOnly', 'NotOnFriday']);
  });

  it('posts progress once, edits it in order, then replaces it with the final reply', async () => {
    const responder = recordingResponder();
    await testBot([slow]).handle(testMessage('/slow'), responder, { adapter: testAdapter() });
    expect(responder.events.map((e) => `${e.kind}:${e.reply.text}`)).toEqual(['send:working 1', 'update:working 2', 'followUp:extra', 'update:done']);
  });

  it('delivers the error into the progress message when a command fails midway', async () => {
    const broken = defineCommand({
      name: 'broken',
      description: 'x',
      examples: ['/broken'],
      args: z.object({}),
      async run(ctx) {
        await ctx.progress({ text: 'working' });
        throw new UserError('ran out of data');
      },
    });
    const responder = recordingResponder();
    await testBot([broken]).handle(testMessage('/broken'), responder, { adapter: testAdapter() });
    expect(responder.events.map((e) => `${e.kind}:${e.reply.text}`)).toEqual(['send:working', 'update:ran out of data']);
  });

  it('ends every random line in a reply or a user error, never an unhandled exception', async () => {
    const bot = testBot([ask, slow, guarded, failing]);
    const word = fc.oneof(
      fc.constantFrom('/ask', '/slow', '/guarded', '/fail', '/nope', 'open', 'user', '--how', '--x', '=', '"', '“', '--', '--no-how', 'how=user', '中文', '－－'),
      fc.string({ maxLength: 6 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(word, { maxLength: 6 }), async (words) => {
        const line = words.join(' ');
        const outcome = await run(bot, line);
        expect(typeof outcome.reply.text).toBe('string');
        if (!outcome.ok) expect(outcome.error?.code).not.toBe('internal_error');
      }),
      { numRuns: 3000 },
    );
  });
});

describe('Bot.startServices', () => {
  it('creates the services commands start with, and survives one that fails', async () => {
    const { defineService } = await import('../../src/core/services.js');
    const created: string[] = [];
    const good = defineService('good', () => {
      created.push('good');
      return {};
    });
    const bad = defineService<object>('bad', () => {
      throw new Error('no database');
    });
    const withServices = defineCommand({ name: 'svc', description: 'x', examples: ['/svc'], args: z.object({}), startWith: [bad, good], run: () => ({ text: '' }) });
    const { log, lines } = captureLog();
    const bot = testBot([withServices], { log });
    await bot.startServices();
    expect(created).toEqual(['good']);
    expect(lines().some((l) => l.msg === 'service failed to start' && l.service === 'bad')).toBe(true);
  });
});

describe('commands that take only free text', () => {
  it('get the line as typed: quotes and flags are part of the question', async () => {
    const bot = testBot([ask]);
    expect((await run(bot, '/ask what does "open" mean?')).reply.text).toBe('Q: what does "open" mean?');
    expect((await run(bot, '/ask is the "cheapest model still')).reply.text).toBe('Q: is the "cheapest model still');
    expect((await run(bot, '/ask --verbose prices')).reply.text).toBe('Q: --verbose prices');
  });

  it('still tokenise for commands with options', async () => {
    expect((await run(testBot([failing]), '/fail "user')).error?.code).toBe('bad_arguments');
  });
});
