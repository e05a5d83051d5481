/**
 * Issue 18, point 6: a line over MAX_LINE_CHARS is refused before it is
 * parsed, and no error message quotes more than ~100 characters of what the
 * user typed (the finding: a 200,000-character word after /pricewar cost came
 * back whole, after 2–3 s of tokenising).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS_DIR } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { Bot } from '../../src/core/bot.js';
import { clipForEcho, MAX_LINE_CHARS } from '../../src/core/parser.js';
import { CommandRegistry } from '../../src/core/registry.js';
import { describeArgs } from '../../src/core/schema.js';
import { createLogger } from '../../src/logging.js';
import { run } from '../fakes/bot.js';

/** The most of the user's input an error may repeat. */
const MAX_ECHOED = 100;

/** The longest piece of `input` (at least 20 characters) that appears in `text`, by binary search on its length. */
function longestEcho(input: string, text: string): number {
  let best = 0;
  // Check every start in steps; an echo of MAX_ECHOED+ characters must contain one of these windows.
  const window = MAX_ECHOED + 1;
  for (let start = 0; start + window <= input.length; start += 1) {
    if (text.includes(input.slice(start, start + window))) return window;
  }
  return best;
}

let bot: Bot;
let registry: CommandRegistry;
beforeAll(async () => {
  registry = await CommandRegistry.loadDirectory(COMMANDS_DIR);
  bot = new Bot({ config: loadConfig({ LOG_LEVEL: 'silent', KNOWLEDGE_DIR: 'knowledge' }, undefined), log: createLogger({ level: 'silent' }), commands: registry });
});
afterAll(async () => {
  await bot.shutdown();
});

describe('line length', () => {
  it(`refuses a line over ${MAX_LINE_CHARS} characters before parsing, saying the limit and echoing nothing`, async () => {
    const word = 'x'.repeat(200_000);
    const out = await run(bot, `/pricewar cost ${word}`);
    expect(out).toMatchObject({ ok: false, error: { code: 'limit_exceeded' } });
    expect(out.reply.text).toMatch(/200,015 characters long; the bot reads at most 4,000/);
    expect(out.reply.text).toContain('上限为 4000 个字符');
    expect(out.reply.text.length).toBeLessThan(400);
    // Free text too, and a line of exactly the limit is still read.
    expect((await run(bot, 'y'.repeat(MAX_LINE_CHARS + 1))).error?.code).toBe('limit_exceeded');
    expect((await run(bot, `/help ${'z'.repeat(MAX_LINE_CHARS - 6)}`)).error?.code).not.toBe('limit_exceeded');
  });

  it('clips what it quotes', () => {
    expect(clipForEcho('short')).toBe('short');
    expect(clipForEcho('a'.repeat(41))).toBe(`${'a'.repeat(40)}…`);
    // By characters, not UTF-16 units: an emoji is never cut in half.
    expect(clipForEcho('😀'.repeat(50))).toBe(`${'😀'.repeat(40)}…`);
  });
});

describe('no error echoes more than ~100 characters of the input', () => {
  const long = fc.stringMatching(/^[a-z0-9]{150,600}$/);

  it('in an unknown command, an unknown option, an unexpected word, a bad value, a list', async () => {
    const shapes = (w: string): string[] => [
      `/${w}`,
      `/pricewar cost --${w} 1`,
      `/pricewar cost ${w}`,
      `/pricewar cost ${w} ${w}2 ${w}3 ${w}4 ${w}5`,
      `/pricewar simulate --firms ${w}`,
      `/pricewar simulate --cost ${w},${w}1,${w}2,${w}3`,
      `/pricewar trend --since ${w}`,
      `/pricewar trend --model ${w}`,
      `/pricewar compare ${w}`,
      `/train status ${w}`,
      `/faq feedback ${w} up`,
      `/help ${w}`,
    ];
    await fc.assert(
      fc.asyncProperty(long, async (w) => {
        for (const line of shapes(w)) {
          const out = await run(bot, line);
          expect(longestEcho(line, out.reply.text), `${line.slice(0, 80)}…\n${out.reply.text.slice(0, 600)}`).toBeLessThanOrEqual(MAX_ECHOED);
        }
      }),
      { numRuns: 8, seed: 6 },
    );
  });

  it('for a long value in every option of every command', async () => {
    const w = 'q'.repeat(300);
    for (const command of registry.list()) {
      const runs: [string, Parameters<typeof describeArgs>[0], Parameters<typeof describeArgs>[1]][] = [
        [command.name, command.args, command],
        ...Object.entries(command.subcommands ?? {}).map(([n, s]) => [`${command.name} ${n}`, s.args, s] as [string, typeof s.args, typeof s]),
      ];
      for (const [name, args, spec] of runs) {
        for (const info of describeArgs(args, spec)) {
          const line = info.positional ? `/${name} ${w}` : `/${name} --${info.flag} ${w}`;
          if (name === 'train' || name === 'summary') continue;
          const out = await run(bot, line);
          expect(longestEcho(line, out.reply.text), `${line.slice(0, 80)}…\n${out.reply.text.slice(0, 600)}`).toBeLessThanOrEqual(MAX_ECHOED);
        }
      }
    }
  }, 120_000);
});
