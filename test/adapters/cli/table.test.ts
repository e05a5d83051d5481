/** Tables in `pwbot` output: numeric columns, numbers or formatted strings, are right-aligned. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { CliAdapter } from '../../../src/adapters/cli/adapter.js';
import { MIXED_TABLE, MIXED_TABLE_LINES, tableLines } from '../table-alignment.js';

let outDir: string;
afterEach(async () => rm(outDir, { recursive: true, force: true }));

describe('CLI tables', () => {
  it('right-aligns numeric columns, including numbers that arrive as strings', async () => {
    outDir = await mkdtemp(join(tmpdir(), 'pwbot-cli-table-'));
    const stdout = new PassThrough();
    let printed = '';
    stdout.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
    const adapter = new CliAdapter({ stdout, stderr: new PassThrough(), outDir, log: pino({ level: 'silent' }) });
    await adapter.post({ platform: 'cli', channel: 'cli' }, { text: 'Prices', table: MIXED_TABLE });
    expect(tableLines(printed)).toEqual([...MIXED_TABLE_LINES]);
  });
});
