/** Tables in the console chat: numeric columns, numbers or formatted strings, are right-aligned. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { ConsoleAdapter } from '../../../src/adapters/console/adapter.js';
import { MIXED_TABLE, MIXED_TABLE_LINES, tableLines } from '../table-alignment.js';

let outDir: string;
afterEach(async () => rm(outDir, { recursive: true, force: true }));

describe('console tables', () => {
  it('right-aligns numeric columns, including numbers that arrive as strings', async () => {
    outDir = await mkdtemp(join(tmpdir(), 'pwbot-console-table-'));
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
    const adapter = new ConsoleAdapter({ input: new PassThrough(), output, outDir, prompt: '' });
    await adapter.post({ platform: 'console', channel: 'console' }, { text: 'Prices', table: MIXED_TABLE });
    expect(tableLines(printed)).toEqual([...MIXED_TABLE_LINES]);
  });
});
