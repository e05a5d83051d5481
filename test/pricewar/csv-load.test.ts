import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLED_DATA_DIR, loadRawPriceData, TABLES, validateCsv } from '../../src/pricewar/load.js';
import { csvText, HEADERS } from './fixtures.js';

describe('validateCsv', () => {
  it('keeps good rows and reports each bad one with file, line and reason', () => {
    const text = csvText(HEADERS.history, [
      ['2024-05-13', 'openai', 'gpt-4o', 5, 15, 'c1'],
      ['2024-02-30', 'openai', 'gpt-4o', 5, 15, 'c2'], // no such day
      ['2024-05-14', 'openai', 'gpt-4o', 'cheap', 15, 'c3'],
      ['2024-05-15', '', 'gpt-4o', -1, 15, 'c4'],
      ['2024-05-16', 'openai', 'text-embedding-3-small', 0.02, null, 'c5'], // no output price: fine
      ['2024-05-17', 'openai', 'nothing', null, null, 'c6'],
    ]);
    const { rows, records, issues } = validateCsv(text, TABLES.history, 'litellm_price_history.csv');
    expect(records).toBe(6);
    expect(rows.map((r) => r.line)).toEqual([2, 6]);
    expect(rows[1]).toMatchObject({ model: 'text-embedding-3-small', input_usd_per_mtok: 0.02, output_usd_per_mtok: null });
    expect(issues.map((i) => [i.file, i.line])).toEqual([
      ['litellm_price_history.csv', 3],
      ['litellm_price_history.csv', 4],
      ['litellm_price_history.csv', 5],
      ['litellm_price_history.csv', 7],
    ]);
    expect(issues[0]?.reason).toMatch(/date must be a real date written YYYY-MM-DD/);
    expect(issues[1]?.reason).toMatch(/input_usd_per_mtok is not a number \(got "cheap"\)/);
    expect(issues[2]?.reason).toMatch(/provider is empty/);
    expect(issues[2]?.reason).toMatch(/input_usd_per_mtok must be at least 0/);
    expect(issues[3]?.reason).toMatch(/neither an input nor an output price/);
  });

  it('reports a row with the wrong number of fields and a file with a missing column', () => {
    const short = validateCsv('date,provider,model,input_usd_per_mtok,output_usd_per_mtok,commit\n2024-01-01,openai,gpt-4,30,60\n', TABLES.history, 'h.csv');
    expect(short.issues).toEqual([{ file: 'h.csv', line: 2, reason: expect.stringContaining('has 5 fields, the header has 6') }]);
    const noColumn = validateCsv('date,provider,model\n2024-01-01,openai,gpt-4\n', TABLES.history, 'h.csv');
    expect(noColumn.rows).toEqual([]);
    expect(noColumn.issues[0]).toMatchObject({ line: 1, reason: expect.stringContaining('missing columns input_usd_per_mtok, output_usd_per_mtok, commit') });
  });
});

describe('loadRawPriceData', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('loads the bundled data with every row valid', async () => {
    const raw = await loadRawPriceData();
    expect(raw.issues).toEqual([]);
    expect(raw.history.rows).toHaveLength(3356);
    expect(raw.latest.rows).toHaveLength(2521);
    expect(raw.cuts.rows).toHaveLength(23);
    expect(raw.serving.rows).toHaveLength(53);
    expect(raw.tiers.rows.map((t) => t.tier)).toEqual(['gpt-3.5', 'gpt-4']);
    expect(raw.scores.rows.length).toBeGreaterThan(20);
    expect(raw.published.rows.map((p) => p.source)).toEqual(['Epoch AI', 'a16z (LLMflation)']);
    expect(raw.history.origin).toBe('bundled');
  });

  it('uses a PRICE_DATA_DIR file in place of the bundled one, skips its bad rows and keeps the others bundled', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-data-'));
    dirs.push(dir);
    const bundled = readFileSync(join(BUNDLED_DATA_DIR, TABLES.cuts.file), 'utf8').trimEnd().split('\n');
    writeFileSync(join(dir, TABLES.cuts.file), [...bundled.slice(0, 3), '2024-05-40,Foo,bar,1,0.5,,,http://x,n,high', bundled[3]].join('\n'));
    const raw = await loadRawPriceData({ userDir: dir });
    expect(raw.cuts.origin).toBe('user');
    expect(raw.cuts.rows).toHaveLength(3);
    expect(raw.issues).toEqual([{ file: `${dir}/${TABLES.cuts.file}`, line: 4, reason: expect.stringContaining('date must be') }]);
    expect(raw.history.origin).toBe('bundled');
    expect(raw.history.rows).toHaveLength(3356);
  });

  it('reports a PRICE_DATA_DIR that is not a folder and falls back to the bundled data', async () => {
    const raw = await loadRawPriceData({ userDir: join(tmpdir(), 'pw-no-such-dir-xyz') });
    expect(raw.issues[0]).toMatchObject({ line: 0, reason: expect.stringContaining('not a folder') });
    expect(raw.cuts.rows).toHaveLength(23);
  });

  it('reports a missing bundled file without failing the rest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-bundle-'));
    dirs.push(dir);
    mkdirSync(join(dir, 'empty'));
    writeFileSync(join(dir, TABLES.tiers.file), csvText(HEADERS.tiers, [['gpt-4', 'MMLU', 86.4, 'GPT-4', 'https://arxiv.org/abs/2303.08774', '']]));
    const raw = await loadRawPriceData({ bundledDir: dir });
    expect(raw.tiers.rows).toHaveLength(1);
    expect(raw.history.rows).toEqual([]);
    expect(raw.issues).toContainEqual({ file: TABLES.history.file, line: 0, reason: 'the file is missing' });
  });
});
