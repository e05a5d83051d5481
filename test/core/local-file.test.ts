import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { localFile } from '../../src/core/local-file.js';

describe('localFile', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pwbot-local-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('reads a file, with its name and MIME type', async () => {
    await writeFile(join(dir, 'data.csv'), 'a,b\n1,0\n');
    const file = localFile(join(dir, 'data.csv'));
    expect(file).toMatchObject({ name: 'data.csv', mime: 'text/csv' });
    expect((await file.read(100)).toString()).toBe('a,b\n1,0\n');
  });

  it('refuses a missing path, a folder and a file over the limit, each with a user error naming the path', async () => {
    await writeFile(join(dir, 'big.jsonl'), 'x'.repeat(50));
    const missing = localFile(join(dir, 'nope.csv')).read(100);
    await expect(missing).rejects.toThrow(UserError);
    await expect(missing).rejects.toThrow(`Cannot read the attached file ${join(dir, 'nope.csv')}: it does not exist.`);
    await expect(localFile(dir).read(100)).rejects.toThrow(`Cannot read the attached file ${dir}: it is not a file.`);
    await expect(localFile(join(dir, 'big.jsonl'), { what: 'transcript', limitName: 'MAX_ATTACHMENT_BYTES' }).read(10)).rejects.toThrow(
      `The transcript ${join(dir, 'big.jsonl')} is 50 bytes; the limit is 10 (MAX_ATTACHMENT_BYTES).`,
    );
  });
});
