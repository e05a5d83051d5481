import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pricewar from '../../../commands/pricewar.js';
import { chartPng } from '../../../src/adapters/shared/chart-png.js';
import { loadConfig } from '../../../src/config.js';
import type { Bot } from '../../../src/core/bot.js';
import { describeArgs } from '../../../src/core/schema.js';
import { BUNDLED_DATA_DIR } from '../../../src/pricewar/load.js';
import { decodePng, PNG_SIGNATURE } from '../../charts/png.js';
import { run, testBot } from '../../fakes/bot.js';

let bot: Bot;
beforeAll(() => {
  bot = testBot([pricewar]);
});

/** The reply's chart drawn as an adapter draws it (replies carry specs, not pictures). */
async function png(outcome: Awaited<ReturnType<typeof run>>): Promise<Buffer> {
  const chart = outcome.reply.charts?.[0];
  if (chart === undefined) throw new Error(`no chart in reply: ${outcome.reply.text}`);
  return Buffer.from(await chartPng(chart));
}

describe('/pricewar subcommands', () => {
  it('cuts: lists ERNIE-Speed made free on 2024-05-21 and Qwen-Long’s −97.5 %, with a chart', async () => {
    const out = await run(bot, '/pricewar cuts');
    expect(out.ok).toBe(true);
    const cuts = out.reply.data?.cuts as Array<{ model: string; date: string; madeFree: boolean; input: { changePct: number | null } }>;
    expect(cuts.find((c) => c.model === 'ERNIE-Speed-8K')).toMatchObject({ date: '2024-05-21', madeFree: true });
    expect(cuts.find((c) => c.model.startsWith('qwen-long'))?.input.changePct).toBe(-97.5);
    expect(out.reply.text).toContain('−97.5%');
    expect(out.reply.table?.columns).toContain('Vendor 厂商');
    expect((await png(out)).subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  });

  it('cost --preset llama-3.1-405b: reproduces $798.34 vs $670.08 per day and draws the sensitivity chart', async () => {
    const out = await run(bot, '/pricewar cost --preset llama-3.1-405b');
    expect(out.ok).toBe(true);
    expect(out.reply.text).toContain('published $798.34, ours $798.34 ✓');
    expect(out.reply.text).toContain('published $670.08, ours $670.08 ✓');
    expect(out.reply.data).toMatchObject({ verdict: 'thin', costPerDay: 670.08 });
    expect(decodePng(await png(out)).width).toBeGreaterThan(600);
  });

  it('cost: flags override a preset and the verdict follows utilisation', async () => {
    const low = await run(bot, '/pricewar cost --preset llama-3.1-405b --utilization 50%');
    expect(low.reply.data).toMatchObject({ verdict: 'below cost' });
    const cheapGpu = await run(bot, '/pricewar cost --preset llama-3.1-405b --gpu-hourly 1.5');
    expect(cheapGpu.reply.data).toMatchObject({ verdict: 'healthy', costPerDay: 1.5 * 8 * 24 });
    const mine = await run(bot, '/pricewar cost --gpu-hourly 2 --gpus 1 --tokens-per-second 1000');
    expect(mine.reply.data).toMatchObject({ verdict: null, costPerDay: 48 });
    expect(mine.reply.text).toContain('Give --price for a verdict');
  });

  it('trend --model gpt-4o: a decline factor, halving time, R² and n, compared with the published figures', async () => {
    const out = await run(bot, '/pricewar trend --model gpt-4o');
    expect(out.ok).toBe(true);
    const series = (out.reply.data?.series as Array<{ fit: { annualDeclineFactor: number; halvingMonths: number; r2: number; n: number } }>)[0]!;
    expect(series.fit.annualDeclineFactor).toBeGreaterThan(1);
    expect(series.fit.halvingMonths).toBeGreaterThan(0);
    expect(series.fit.r2).toBeGreaterThan(0);
    expect(series.fit.n).toBeGreaterThan(10);
    expect(out.reply.text).toMatch(/Epoch AI's 9×–900×\/yr/);
    expect(out.reply.text).toMatch(/a16z .*~10×\/yr/);
    expect(out.reply.charts).toHaveLength(1);
  });

  it('compare, simulate and alerts answer with data and a chart', async () => {
    const compare = await run(bot, '/pricewar compare gpt-4o deepseek-chat');
    expect((compare.reply.data?.models as unknown[]).length).toBe(2);
    // Each price in its own currency (CNY rows also in USD), so the column names carry no currency (issue 19).
    expect(compare.reply.table?.columns).toEqual(['Model', 'Listing', 'Input /M', 'Output /M', 'Blended 3:1', 'Price since', 'Last seen']);
    const sim = await run(bot, '/pricewar simulate --firms 3 --rounds 8 --seed 5');
    expect(sim.reply.data).toMatchObject({ options: { firms: 3, rounds: 8, seed: 5 } });
    expect(sim.reply.text).toContain('Assumptions');
    const again = await run(bot, '/pricewar simulate --firms 3 --rounds 8 --seed 5');
    expect(again.reply.data).toEqual(sim.reply.data);
    const alerts = await run(bot, '/pricewar alerts --since 2024-05-01 --until 2024-06-30 --min-change 50%');
    const list = alerts.reply.data?.alerts as Array<{ date: string; changePct: number | null }>;
    expect(list.length).toBeGreaterThan(0);
    expect([...list].map((a) => a.date)).toEqual([...list].map((a) => a.date).sort().reverse());
    expect(list.every((a) => a.changePct === null || Math.abs(a.changePct) >= 50)).toBe(true);
    for (const out of [compare, sim, alerts]) expect((await png(out)).subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  });

  it('/pricewar alone gives an overview of the loaded data', async () => {
    const out = await run(bot, '/pricewar');
    // The history is the SQLite store's de-duplicated change points, seeded from the 3,356 CSV rows plus the latest snapshot (issue 19).
    expect(out.reply.text).toMatch(/Loaded 3,3\d\d price-history change points/);
  });
});

describe('/pricewar bad arguments get one clear message saying what is accepted', () => {
  const cases: Array<[string, RegExp]> = [
    ['/pricewar trend --model gpt4o', /Unknown model "gpt4o"\. Did you mean: gpt-4o/],
    ['/pricewar compare gpt-4o claud-3-opus', /Unknown model "claud-3-opus"\. Did you mean: claude-3-opus/],
    ['/pricewar cost --gpu-hourly -2 --gpus 8 --tokens-per-second 3300', /--gpu-hourly must be at least 0\.01 \(USD per GPU-hour, e\.g\. 2\.5\) \(got "-2"\)/],
    ['/pricewar cost --gpu-hourly 2 --gpus 8 --tokens-per-second 0', /--tokens-per-second must be at least 1/],
    ['/pricewar cost --gpus 8', /needs --gpu-hourly, --tokens-per-second \(or a preset: --preset llama-3\.1-405b/],
    ['/pricewar cost --preset llama-405x', /Unknown preset "llama-405x"\..*Presets: llama-3\.1-405b, deepseek-v3-r1/],
    ['/pricewar cuts --from 2024/05/21', /--from must be a real date written YYYY-MM-DD, like 2024-05-21 \(got "2024\/05\/21"\)/],
    ['/pricewar trend --since 2024-02-30', /--since must be a real date written YYYY-MM-DD/],
    ['/pricewar cuts --from 2024-06-01 --to 2024-05-01', /--from \(2024-06-01\) is after --to \(2024-05-01\)/],
    // Issue 14: no --until was given, so the message names the end of the data, not an "--until (…)".
    ['/pricewar trend --since 2030-01-01', /^--since \(2030-01-01\) is after the end of the price data: it ends on \d{4}-\d{2}-\d{2}\. Give an earlier --since\.$/],
    ['/pricewar trend --blend 3-1', /--blend must be two numbers like 3:1/],
    ['/pricewar alerts --min-change lots', /--min-change must be a percentage like 20%/],
    ['/pricewar simulate --firms 1', /--firms must be at least 2/],
    ['/pricewar simulate --firms 3 --cash 10,20', /--cash takes one value or one per firm \(3\); got 2/],
  ];
  it.each(cases)('%s', async (line, message) => {
    const out = await run(bot, line);
    expect(out.ok).toBe(false);
    expect(out.error?.code).toBe('bad_arguments');
    expect(out.reply.text).toMatch(message);
    // One message, not a stack of them.
    expect(out.reply.text.match(/Unknown|must|needs|after|takes/g)?.length ?? 0).toBeLessThanOrEqual(2);
  });

  it('keeps option descriptions within Discord’s 100 characters', () => {
    for (const sub of Object.values(pricewar.subcommands ?? {})) {
      expect(sub.description.length).toBeLessThanOrEqual(100);
      for (const info of describeArgs(sub.args, sub)) expect((info.description ?? '').length, info.key).toBeLessThanOrEqual(100);
    }
  });
});

describe('PRICE_DATA_DIR', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pw-cmd-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the user’s file, skips and reports a malformed row, and still answers', async () => {
    const lines = readFileSync(join(BUNDLED_DATA_DIR, 'china_price_war_2024.csv'), 'utf8').trimEnd().split('\n');
    writeFileSync(join(dir, 'china_price_war_2024.csv'), [...lines.slice(0, 6), '2024-05-32,Foo,bar,1,0.5,,,http://x,n,high', ...lines.slice(6, 9)].join('\n'));
    // Its own DATA_DIR too: a PRICE_DATA_DIR seeds a store of its own, which should not pile up in the repository's data/.
    const userBot = testBot([pricewar], { config: loadConfig({ PRICE_DATA_DIR: dir, DATA_DIR: join(dir, 'data') }, undefined) });
    const out = await run(userBot, '/pricewar cuts');
    expect(out.ok).toBe(true);
    expect((out.reply.data?.cuts as unknown[]).length).toBe(8);
    expect(out.reply.text).toMatch(/1 data row\(s\) or file\(s\) were skipped as malformed, e\.g\. .*china_price_war_2024\.csv:7: date must be/);
    expect(out.reply.data?.dataIssues).toMatchObject({ count: 1, shown: [{ line: 7, file: expect.stringContaining(dir) }] });
    await userBot.shutdown();
  });
});
