import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DatasetError, parseCsvDataset, parseCsvDatasetAsync, splitCsvLine } from '../../src/training/data/csv.js';
import { positiveShare } from '../../src/training/data/dataset.js';
import { datasetToCsv, generateDataset, NOISY_FLIP_RATE, writeDatasetCsv } from '../../src/training/data/generate.js';
import { prepareData, splitSizes } from '../../src/training/data/prepare.js';
import { findLibraryDataset, listLibrary, loadDataset, storeUpload } from '../../src/training/data/sources.js';
import { tempDir } from './helpers.js';
import { mkdirSync, writeFileSync } from 'node:fs';

const limits = { maxBytes: 1_000_000, maxRows: 1000, maxColumns: 50 };
const trainLimits = { maxEpochs: 500, maxRows: 1000, maxColumns: 50, maxFileBytes: 1_000_000 };
const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name));

function rejection(text: string, extra: Partial<typeof limits> & { label?: string } = {}): DatasetError {
  try {
    parseCsvDataset(text, { name: 'bad.csv', ...limits, ...extra });
  } catch (error) {
    expect(error).toBeInstanceOf(DatasetError);
    return error as DatasetError;
  }
  throw new Error('expected the CSV to be rejected');
}

const rows = (n: number, make: (i: number) => string) => Array.from({ length: n }, (_, i) => make(i)).join('\n');

describe('generated datasets', () => {
  it('are a pure function of the seed (same seed, same rows; another seed, other rows)', () => {
    const a = generateDataset({ generator: 'linear', rows: 100, features: 10, seed: 42 });
    const b = generateDataset({ generator: 'linear', rows: 100, features: 10, seed: 42 });
    const c = generateDataset({ generator: 'linear', rows: 100, features: 10, seed: 7 });
    expect([...a.x]).toEqual([...b.x]);
    expect([...a.y]).toEqual([...b.y]);
    expect([...a.x]).not.toEqual([...c.x]);
    expect(a.rows).toBe(100);
    expect(a.features).toBe(10);
    expect(a.x.every((v) => v >= 0 && v < 1)).toBe(true);
  });

  it('linear data is separable by the hidden direction and roughly balanced', () => {
    const d = generateDataset({ generator: 'linear', rows: 2000, features: 10, seed: 3 });
    expect(positiveShare(d)).toBeGreaterThan(0.35);
    expect(positiveShare(d)).toBeLessThan(0.65);
  });

  it('xor labels follow the first two features and need at least two', () => {
    const d = generateDataset({ generator: 'xor', rows: 500, features: 4, seed: 1 });
    for (let r = 0; r < d.rows; r++) {
      const expected = (d.x[r * 4]! > 0.5) !== (d.x[r * 4 + 1]! > 0.5) ? 1 : 0;
      expect(d.y[r]).toBe(expected);
    }
    expect(() => generateDataset({ generator: 'xor', rows: 10, features: 1, seed: 1 })).toThrow(/at least 2 features/);
  });

  it('noisy flips about 15 % of the linear labels, same features', () => {
    const clean = generateDataset({ generator: 'linear', rows: 5000, features: 10, seed: 9 });
    const noisy = generateDataset({ generator: 'noisy', rows: 5000, features: 10, seed: 9 });
    expect([...noisy.x]).toEqual([...clean.x]);
    let flipped = 0;
    for (let r = 0; r < clean.rows; r++) if (clean.y[r] !== noisy.y[r]) flipped++;
    expect(flipped / clean.rows).toBeGreaterThan(NOISY_FLIP_RATE - 0.03);
    expect(flipped / clean.rows).toBeLessThan(NOISY_FLIP_RATE + 0.03);
  });

  it('round-trips through CSV (what an external trainer receives)', () => {
    const d = generateDataset({ generator: 'linear', rows: 30, features: 3, seed: 5 });
    const back = parseCsvDataset(datasetToCsv(d), { name: 'gen.csv', ...limits });
    expect(back.featureNames).toEqual(['x1', 'x2', 'x3']);
    expect(back.labelName).toBe('y');
    expect([...back.y]).toEqual([...d.y]);
    expect(back.x[7]).toBeCloseTo(d.x[7]!, 6);
  });

  it('writes the same CSV to a file chunk by chunk, across chunk boundaries', async () => {
    const dir = tempDir();
    try {
      for (const rows of [1, 5_000, 12_345]) {
        const d = generateDataset({ generator: 'noisy', rows, features: 3, seed: 7 });
        const path = join(dir.path, `gen-${rows}.csv`);
        await writeDatasetCsv(path, d);
        expect(readFileSync(path, 'utf8')).toBe(datasetToCsv(d));
        expect(readFileSync(path, 'utf8').split('\n')).toHaveLength(rows + 2);
      }
    } finally {
      dir.cleanup();
    }
  });
});

describe('CSV datasets', () => {
  it('parses a file with a header, label column by name', () => {
    const d = parseCsvDataset(fixture('good.csv'), { name: 'good.csv', ...limits });
    expect(d.rows).toBe(12);
    expect(d.featureNames).toEqual(['age', 'income', 'clicks']);
    expect(d.labelName).toBe('label');
    expect(d.x.slice(0, 3)).toEqual(Float32Array.from([34, 52000, 3]));
    expect([...d.y.slice(0, 2)]).toEqual([1, 0]);
  });

  it('accepts no header, semicolons, quotes, CRLF, a BOM, blank lines and true/false labels', () => {
    const headerless = rows(12, (i) => `${i},${i * 2},${i % 2}`);
    const d1 = parseCsvDataset(headerless, { name: 'h.csv', ...limits });
    expect(d1.featureNames).toEqual(['x1', 'x2']);
    expect(d1.rows).toBe(12);
    const semi = `\uFEFF"a";"b";target\r\n${rows(12, (i) => `"${i}";${i};${i % 2 === 0 ? 'true' : 'FALSE'}`).replace(/\n/g, '\r\n')}\r\n\r\n`;
    const d2 = parseCsvDataset(semi, { name: 's.csv', ...limits });
    expect(d2.featureNames).toEqual(['a', 'b']);
    expect(d2.labelName).toBe('target');
    expect(d2.y[0]).toBe(1);
    expect(d2.y[1]).toBe(0);
  });

  it('takes --label from any column', () => {
    const text = `y2,f1,f2\n${rows(12, (i) => `${i % 2},${i},${i * 3}`)}`;
    const d = parseCsvDataset(text, { name: 'l.csv', ...limits, label: 'Y2' });
    expect(d.labelName).toBe('y2');
    expect(d.featureNames).toEqual(['f1', 'f2']);
    // The feature names the parameter by its key; the chat layer words it as --label (test/bot/training/wording.test.ts).
    const missing = rejection(text, { label: 'nope' });
    expect(missing.message).toMatch(/no column "nope" for label \(columns: y2, f1, f2\)/);
    expect(missing.message).not.toMatch(/--/);
    expect(missing.inWords({ param: (key) => `<${key}>` }).message).toMatch(/no column "nope" for <label> \(columns: y2, f1, f2\)/);
  });

  it('rejects each kind of bad file with the line and the reason', () => {
    const good = (i: number) => `${i},${i},${i % 2}`;
    expect(rejection('').message).toMatch(/bad\.csv cannot be used for training: the file is empty/);
    expect(rejection('a,b,label\n').message).toMatch(/header but no data rows/);
    expect(rejection(`a,b,label\n${rows(5, good)}\n1,2\n${rows(6, good)}`).message).toMatch(/line 7: 2 values, but the header has 3 columns \(ragged row\)/);
    expect(rejection(`a,b,label\n${rows(3, good)}\n1,abc,0\n${rows(8, good)}`).message).toMatch(/line 5: column "b" has "abc", not a number/);
    expect(rejection(`a,b,label\n${rows(3, good)}\n1,,0\n${rows(8, good)}`).message).toMatch(/line 5: column "b" is empty/);
    expect(rejection(`a,b,label\n${rows(2, good)}\n1,2,\n${rows(9, good)}`).message).toMatch(/line 4: the label \(label\) is missing/);
    expect(rejection(`a,b,label\n${rows(2, good)}\n1,2,2\n${rows(9, good)}`).message).toMatch(/line 4: the label \(label\) is "2", not binary \(expected 0 or 1\)/);
    expect(rejection(`a,b,label\n${rows(12, (i) => `${i},${i},1`)}`).message).toMatch(/every label \(label\) is 1/);
    expect(rejection(`a,b,label\n${rows(4, good)}`).message).toMatch(/4 data rows; at least 10/);
    expect(rejection(`a,b,label\n1,"2,0\n${rows(11, good)}`).message).toMatch(/line 2: a quoted value is not closed/);
    expect(rejection('only\n1\n2').message).toMatch(/found 1 column/);
    expect(rejection(`a,b,label\n${rows(12, good)}`, { maxRows: 10 }).message).toMatch(/more than 10 data rows \(TRAIN_MAX_ROWS\); line 12/);
    expect(rejection(`a,b,c,label\n${rows(12, (i) => `${i},${i},${i},${i % 2}`)}`, { maxColumns: 2 }).message).toMatch(/3 feature columns; the limit is 2 \(TRAIN_MAX_COLUMNS\)/);
    expect(rejection(`a,b,label\n${rows(12, good)}`, { maxBytes: 20 }).message).toMatch(/the file is \d+ bytes; the limit is 20 bytes \(TRAIN_MAX_FILE_BYTES\)/);
    expect(rejection('a,b,label\n1,2,0\u0000').message).toBe('bad.csv cannot be used for training: it is not a text file (it contains NUL bytes); attach a CSV.');
  });

  it('lists several problems at once, up to five, each with its line', () => {
    const text = `a,b,label\n${rows(8, (i) => `x${i},${i},0`)}\n1,1,1\n1,1,0`;
    const error = rejection(text);
    expect(error.problems.slice(0, 5)).toEqual([2, 3, 4, 5, 6].map((line) => `line ${line}: column "a" has "x${line - 2}", not a number`));
    expect(error.problems[5]).toBe('(stopped after 5 problems)');
    expect(error.code).toBe('bad_arguments');
  });

  it('the async parse gives other work a turn between slices, with the same result', async () => {
    const big = datasetToCsv(generateDataset({ generator: 'linear', rows: 30_000, features: 10, seed: 2 }));
    const opts = { name: 'big.csv', maxBytes: 50_000_000, maxRows: 100_000, maxColumns: 20 };
    let turns = 0;
    const counter = setImmediate(function again() {
      turns++;
      ticker = setImmediate(again);
    });
    let ticker = counter;
    const parsed = await parseCsvDatasetAsync(big, opts);
    clearImmediate(ticker);
    expect(turns).toBeGreaterThanOrEqual(10); // 30 000 lines / 2 000 per slice
    const sync = parseCsvDataset(big, opts);
    expect(parsed.rows).toBe(30_000);
    expect([...parsed.y]).toEqual([...sync.y]);
    await expect(parseCsvDatasetAsync('a,b,label\n1,x,0\n', opts)).rejects.toThrow(/line 2: column "b" has "x"/);
  });

  it('splits cells like a CSV reader', () => {
    expect(splitCsvLine('1, "a ""b"" c" ,3', ',')).toEqual(['1', 'a "b" c', '3']);
    expect(splitCsvLine('1,2,', ',')).toEqual(['1', '2', '']);
    expect(splitCsvLine('1,a"b', ',')).toMatch(/quote/);
  });
});

describe('split and normalisation', () => {
  it('holds out test first, then validation from the rest (Keras validation_split semantics)', () => {
    expect(splitSizes(100, 0.2, 0.2)).toEqual({ train: 64, validation: 16, test: 20 });
    expect(splitSizes(10, 0, 0.2)).toEqual({ train: 8, validation: 0, test: 2 });
    expect(splitSizes(10, 0.05, 0.05)).toEqual({ train: 8, validation: 1, test: 1 });
  });

  it('is seeded, covers every row exactly once, and standardises with training statistics only', () => {
    const d = generateDataset({ generator: 'linear', rows: 100, features: 4, seed: 11 });
    const a = prepareData(d, { valSplit: 0.2, testSplit: 0.2, seed: 42 });
    const b = prepareData(d, { valSplit: 0.2, testSplit: 0.2, seed: 42 });
    const c = prepareData(d, { valSplit: 0.2, testSplit: 0.2, seed: 43 });
    expect([...a.test.x]).toEqual([...b.test.x]);
    expect([...a.test.x]).not.toEqual([...c.test.x]);
    expect(a.train.rows + a.validation.rows + a.test.rows).toBe(100);
    const labels = [...a.train.y, ...a.validation.y, ...a.test.y].reduce((s, v) => s + v, 0);
    expect(labels).toBe([...d.y].reduce((s, v) => s + v, 0));
    for (let c2 = 0; c2 < 4; c2++) {
      let mean = 0;
      let sq = 0;
      for (let r = 0; r < a.train.rows; r++) mean += a.train.x[r * 4 + c2]!;
      mean /= a.train.rows;
      for (let r = 0; r < a.train.rows; r++) sq += (a.train.x[r * 4 + c2]! - mean) ** 2;
      expect(mean).toBeCloseTo(0, 5);
      expect(Math.sqrt(sq / a.train.rows)).toBeCloseTo(1, 4);
    }
    // Test rows use the training mean/std, so their own mean is not forced to 0.
    const raw = a.normalisation;
    expect(raw.mean).toHaveLength(4);
    expect(raw.std.every((s) => s > 0)).toBe(true);
  });

  it('keeps a constant column finite', () => {
    const text = `a,b,label\n${rows(12, (i) => `5,${i},${i % 2}`)}`;
    const p = prepareData(parseCsvDataset(text, { name: 'c.csv', ...limits }), { valSplit: 0.2, testSplit: 0.2, seed: 1 });
    expect([...p.train.x].every(Number.isFinite)).toBe(true);
  });
});

describe('dataset folders and uploads', () => {
  const dirs: (() => void)[] = [];
  afterEach(() => dirs.splice(0).forEach((c) => c()));

  it('finds a CSV by name in the first folder that has it and refuses paths', async () => {
    const t = tempDir();
    dirs.push(t.cleanup);
    const a = join(t.path, 'a');
    const b = join(t.path, 'b');
    mkdirSync(a);
    mkdirSync(b);
    writeFileSync(join(a, 'Churn.csv'), fixture('good.csv'));
    writeFileSync(join(b, 'churn.csv'), 'other');
    writeFileSync(join(b, 'extra.csv'), fixture('good.csv'));
    writeFileSync(join(b, 'notes.txt'), 'x');
    expect((await listLibrary([a, b, join(t.path, 'missing')])).map((e) => e.name)).toEqual(['Churn.csv', 'extra.csv']);
    expect((await findLibraryDataset('churn', [a, b], trainLimits)).path).toBe(join(a, 'Churn.csv'));
    expect((await findLibraryDataset('extra.csv', [a, b], trainLimits)).path).toBe(join(b, 'extra.csv'));
    await expect(findLibraryDataset('../a/Churn', [a, b], trainLimits)).rejects.toThrow(/plain name, not a path/);
    // Issue #14: the list names each file with the label column it would train on.
    await expect(findLibraryDataset('nope', [a, b], trainLimits)).rejects.toThrow(/no dataset called "nope".*available: Churn \(label: label\), extra \(label: label\)/);
  });

  it('stores an upload by content and loads it back; a file grown past the limit is refused before reading', async () => {
    const t = tempDir();
    dirs.push(t.cleanup);
    const bytes = fixture('good.csv');
    const p1 = await storeUpload(join(t.path, 'up'), '../evil name.csv', bytes);
    const p2 = await storeUpload(join(t.path, 'up'), 'again.csv', bytes);
    expect(p1.startsWith(join(t.path, 'up'))).toBe(true);
    expect(p1).toMatch(/[0-9a-f]{16}-_evil_name\.csv$/);
    expect(p2.slice(0, -9)).not.toBe(p1);
    const d = await loadDataset({ kind: 'csv', name: 'good.csv', path: p1, origin: 'attached' }, 42, { maxEpochs: 10, maxRows: 100, maxColumns: 10, maxFileBytes: 10_000 });
    expect(d.rows).toBe(12);
    await expect(loadDataset({ kind: 'csv', name: 'good.csv', path: p1, origin: 'attached' }, 42, { maxEpochs: 10, maxRows: 100, maxColumns: 10, maxFileBytes: 100 })).rejects.toThrow(
      /the file is \d+ bytes; the limit is 100 bytes/,
    );
    await expect(loadDataset({ kind: 'csv', name: 'gone.csv', path: join(t.path, 'gone.csv'), origin: 'library' }, 42, { maxEpochs: 10, maxRows: 100, maxColumns: 10, maxFileBytes: 100 })).rejects.toThrow(
      /gone\.csv cannot be read \(ENOENT\)/,
    );
  });
});
