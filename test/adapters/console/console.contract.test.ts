import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { ConsoleAdapter } from '../../../src/adapters/console/adapter.js';
import { adapterContract, type ContractHarness, type DeliveredMessage } from '../contract.js';

/**
 * Reads the console's output the way a person would: each printed block is a
 * message; a block starting with "↻" replaces the latest message it updates.
 */
async function consoleHarness(): Promise<ContractHarness> {
  const outDir = await mkdtemp(join(tmpdir(), 'pwbot-console-'));
  const input = new PassThrough();
  const chunks: string[] = [];
  const output = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const adapter = new ConsoleAdapter({ input, output, outDir, prompt: '' });
  const transcript = async (): Promise<DeliveredMessage[]> => {
    const messages: Array<{ id: string; text: string; edits: number; files: { name: string; bytes: Uint8Array }[] }> = [];
    for (const chunk of chunks) {
      if (chunk.trim() === '' || chunk.startsWith('pricewar-bot console')) continue;
      const isUpdate = chunk.startsWith('↻ ');
      const text = isUpdate ? chunk.slice(2) : chunk;
      const files = await Promise.all(
        [...text.matchAll(/(?:📈|📎) [^:\n]+: (\S+\.png)/g)].map(async (m) => ({ name: m[1] as string, bytes: new Uint8Array(await readFile(m[1] as string)) })),
      );
      const last = messages[messages.length - 1];
      if (isUpdate && last !== undefined) {
        last.text = text;
        last.edits += 1;
        last.files = files;
      } else {
        messages.push({ id: String(messages.length), text, edits: 0, files });
      }
    }
    return messages;
  };
  return {
    adapter,
    conversation: { platform: 'console', channel: 'console' },
    say: async (text) => {
      input.write(`${text}\n`);
    },
    transcript,
    close: async () => {
      await adapter.idle();
      await rm(outDir, { recursive: true, force: true });
    },
  };
}

adapterContract('console', consoleHarness);
