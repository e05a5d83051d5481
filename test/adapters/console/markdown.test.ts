/** The console shows replies' Markdown as a terminal reader expects it: no raw `**`, aligned Chinese tables, labels in the reply's language. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import stringWidth from 'string-width';
import { afterEach, describe, expect, it } from 'vitest';
import { ConsoleAdapter } from '../../../src/adapters/console/adapter.js';
import { markdownForTerminal } from '../../../src/adapters/console/markdown.js';
import type { Reply } from '../../../src/core/reply.js';

let outDir: string | undefined;
afterEach(async () => {
  if (outDir !== undefined) await rm(outDir, { recursive: true, force: true });
  outDir = undefined;
});

async function printed(reply: Reply, color = false): Promise<string> {
  outDir = await mkdtemp(join(tmpdir(), 'pwbot-console-md-'));
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  const adapter = new ConsoleAdapter({ input: new PassThrough(), output, outDir, prompt: '', color });
  await adapter.post({ platform: 'console', channel: 'console' }, reply);
  return text;
}

describe('console Markdown', () => {
  it('shows bold, code, links and lists without their Markdown marks in a pipe', async () => {
    const text = await printed({ text: '**利好**：降价 `/pricewar cuts`, see [the table](https://example.com/t)\n\n- one\n- two' });
    expect(text).toContain('利好：降价 /pricewar cuts, see the table <https://example.com/t>');
    expect(text).toContain('• one\n• two');
    expect(text).not.toMatch(/\*\*|`/);
  });

  it('uses ANSI styles on a colour terminal', () => {
    expect(markdownForTerminal('**b** and `c`', { color: true })).toBe('\x1b[1mb\x1b[22m and \x1b[36mc\x1b[39m');
  });

  it('aligns a Markdown table by display width, so Chinese columns line up', () => {
    const lines = markdownForTerminal('| 厂商 | 模型 | 价格 |\n|---|---|---:|\n| 深度求索 | deepseek-chat | 1 |\n| ByteDance | 豆包 | 0.8 |', { color: false }).split('\n');
    const modelColumn = lines.filter((l) => !l.startsWith('─')).map((l) => stringWidth(l.slice(0, l.search(/模型|deepseek-chat|豆包/))));
    expect(new Set(modelColumn).size).toBe(1);
    expect(lines.map((l) => stringWidth(l))).toEqual(lines.map(() => stringWidth(lines[0] ?? '')));
  });

  it('labels sources and buttons in the reply’s language', async () => {
    const zh = await printed({ text: '价格战对中小企业是利好。', citations: [{ title: '价格战利弊' }], actions: [{ label: '👍 有帮助', command: '/faq feedback 1 up' }] });
    expect(zh).toContain('来源:\n');
    expect(zh).toContain('按钮: [👍 有帮助]');
    const en = await printed({ text: 'Cheaper is better for SMEs.', citations: [{ title: 'Pros and cons' }], actions: [{ label: '👍 Helpful', command: '/faq feedback 1 up' }] });
    expect(en).toContain('Sources:\n');
    expect(en).toContain('Buttons: [👍 Helpful]');
  });
});
