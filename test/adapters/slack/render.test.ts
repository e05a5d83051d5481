import { describe, expect, it } from 'vitest';
import { fromSlackText, mentionsSomeoneElse, mrkdwnToPlain, toMrkdwn } from '../../../src/adapters/slack/mrkdwn.js';
import { MAX_BLOCKS, renderReply, replyBlocks, SECTION_MAX, splitText } from '../../../src/adapters/slack/render.js';
import type { Reply } from '../../../src/core/reply.js';
import { flattenBlocks } from '../../fakes/slack.js';
import { MIXED_TABLE, MIXED_TABLE_LINES, tableLines } from '../table-alignment.js';

/** Everything a person would read in these blocks, links shown with their URLs. */
const blocksToPlain = (blocks: readonly unknown[]): string => mrkdwnToPlain(flattenBlocks(blocks));

type AnyBlock = { type: string; text?: { type: string; text: string }; fields?: { text: string }[]; elements?: { text?: unknown; value?: string; action_id?: string }[] };

describe('Slack rendering: Markdown → mrkdwn', () => {
  it('converts the common Markdown subset and escapes &, <, >', () => {
    expect(toMrkdwn('**bold** and *italic* and _also_ ~~gone~~')).toBe('*bold* and _italic_ and _also_ ~gone~');
    expect(toMrkdwn('# Title\n- one\n- two')).toBe('*Title*\n• one\n• two');
    expect(toMrkdwn('see [the docs](https://example.com/a?b=1&c=2) or <https://x.org>')).toBe('see <https://example.com/a?b=1&amp;c=2|the docs> or <https://x.org>');
    expect(toMrkdwn('a < b && c > d')).toBe('a &lt; b &amp;&amp; c &gt; d');
    // Code is escaped but not reformatted.
    expect(toMrkdwn('`**x** < 1` and\n```\n- **y**\n```')).toBe('`**x** &lt; 1` and\n```\n- **y**\n```');
  });
});

describe('Slack rendering: Slack text → core text', () => {
  it('removes the bot mention, unwraps links, decodes entities, keeps user and channel references', () => {
    expect(fromSlackText('<@UBOT> /summary <#C123|general> --since 7d', { botUserId: 'UBOT' })).toBe('/summary <#C123|general> --since 7d');
    expect(fromSlackText('<@UBOT|pwbot> is 3 &lt; 5 &amp;&amp; <@U0BOB|bob> ok?', { botUserId: 'UBOT' })).toBe('is 3 < 5 && <@U0BOB> ok?');
    expect(fromSlackText('see <https://example.com|example.com> and <https://a.io/x|the report> <mailto:a@b.c|a@b.c> <!here>')).toBe(
      'see example.com and the report (https://a.io/x) a@b.c @here',
    );
  });

  it('tells a human-to-human message in a thread from one for the bot', () => {
    expect(mentionsSomeoneElse('<@U0BOB> what do you think?', 'UBOT')).toBe(true);
    expect(mentionsSomeoneElse('<@UBOT> and also', 'UBOT')).toBe(false);
    expect(mentionsSomeoneElse('no mentions', 'UBOT')).toBe(false);
  });
});

describe('Slack rendering: Block Kit within limits', () => {
  it('splits text at line breaks into sections of at most 3,000 characters, closing and reopening code fences', () => {
    const code = Array.from({ length: 300 }, (_, i) => `row ${i} ${'x'.repeat(20)}`).join('\n');
    const chunks = splitText(`intro\n\`\`\`\n${code}\n\`\`\`\noutro`);
    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks) {
      expect(chunk.length).toBeLessThanOrEqual(SECTION_MAX);
      expect((chunk.match(/```/g) ?? []).length % 2).toBe(0);
    }
    expect(chunks.join('\n').replace(/\n```\n```\n/g, '\n')).toContain('row 299');
    const oneLongLine = splitText('word '.repeat(2_000));
    expect(oneLongLine.every((c) => c.length <= SECTION_MAX)).toBe(true);
    expect(oneLongLine.join(' ').split(/\s+/).filter(Boolean)).toHaveLength(2_000);
  });

  it('right-aligns numeric table columns, including numbers that arrive as strings, in every part of a long table', () => {
    const [block] = (replyBlocks({ text: '', table: MIXED_TABLE }) as AnyBlock[]).filter((b) => b.text?.text.startsWith('```'));
    expect(tableLines(block?.text?.text ?? '')).toEqual([...MIXED_TABLE_LINES]);
    // A table too long for one section continues in more, each with the header, laid out alike.
    const rows = Array.from({ length: 400 }, (_, i) => [`model-${i}`, `$${(i * 1.25).toFixed(2)}`, `${i % 2 === 0 ? '−' : '+'}${i}%`]);
    const parts = (replyBlocks({ text: '', table: { columns: ['Model', 'Price', 'Change'], rows } }) as AnyBlock[]).filter((b) => b.text?.text.startsWith('```'));
    expect(parts.length).toBeGreaterThan(1);
    const widths = new Set(parts.flatMap((b) => (b.text?.text ?? '').split('\n').slice(3, -1).map((line) => line.length)));
    expect(widths).toEqual(new Set([parts[0]?.text?.text.split('\n')[2]?.length]));
    expect(parts[1]?.text?.text.split('\n').slice(1, 3)).toEqual(parts[0]?.text?.text.split('\n').slice(1, 3));
  });

  it('renders title, fields, a preformatted table, citations, buttons and tone', () => {
    const reply: Reply = {
      title: 'Price cuts',
      text: 'Prices fell **fast**.',
      tone: 'error',
      fields: Array.from({ length: 12 }, (_, i) => ({ label: `F${i}`, value: `v${i}` })),
      table: { columns: ['model', 'price'], rows: [['qwen-long', 0.5], ['ernie-speed', null]], caption: 'CNY per M tokens' },
      citations: [{ title: 'Report | 2024 > summary', url: 'https://example.com/r' }, { title: 'No link' }],
      actions: [{ label: '👍', command: '/faq feedback 12 up', style: 'primary' }, { label: 'x'.repeat(100), command: '/faq feedback 12 down' }],
    };
    const blocks = replyBlocks(reply, { footer: '<@U1> used `/x`' }) as AnyBlock[];
    expect(blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'section', 'section', 'context', 'context', 'actions', 'context']);
    expect(blocks[0]?.text?.text).toBe('⚠️ Price cuts');
    expect(blocks[2]?.fields).toHaveLength(10);
    expect(blocks[3]?.fields).toHaveLength(2);
    expect(blocks[4]?.text?.text).toMatch(/^```\nmodel {8}price\n/);
    expect(blocks[4]?.text?.text).toContain('ernie-speed      —');
    const citations = JSON.stringify(blocks[6]);
    expect(citations).toContain('<https://example.com/r|Report ¦ 2024 &gt; summary>');
    const buttons = blocks[7]?.elements ?? [];
    expect(buttons.map((b) => b.value)).toEqual(['/faq feedback 12 up', '/faq feedback 12 down']);
    expect(new Set(buttons.map((b) => b.action_id)).size).toBe(2);
    expect(((buttons[1]?.text as { text: string }).text).length).toBeLessThanOrEqual(75);
    const plain = blocksToPlain(blocks);
    for (const piece of ['Prices fell *fast*.', 'F11', 'qwen-long', 'CNY per M tokens', 'No link']) expect(plain).toContain(piece);
  });

  it('never puts more than 50 blocks in a message: continues in follow-ups, then falls back to a file', () => {
    const fields = (n: number): Reply => ({ text: 'many', fields: Array.from({ length: n }, (_, i) => ({ label: `L${i}`, value: `V${i}` })) });
    expect(renderReply(fields(10 * 40)).messages).toHaveLength(1);
    const three = renderReply(fields(10 * 120));
    expect(three.messages).toHaveLength(3);
    expect(three.overflowFile).toBeUndefined();
    for (const m of three.messages) expect(m.blocks.length).toBeLessThanOrEqual(MAX_BLOCKS);
    const all = three.messages.map((m) => blocksToPlain(m.blocks)).join('\n');
    expect(all).toContain('L0');
    expect(all).toContain('L1199');
    const huge = renderReply(fields(10 * 400));
    expect(huge.messages).toHaveLength(1);
    expect(huge.messages[0]?.blocks.length).toBeLessThanOrEqual(MAX_BLOCKS);
    expect(huge.overflowFile?.content).toContain('L3999: V3999');
  });

  it('gives every message a plain fallback text', () => {
    const rendered = renderReply({ text: 'see [docs](https://d.io) & **more**', tone: 'progress' });
    expect(rendered.messages[0]?.text).toBe('⏳ see docs (https://d.io) & *more*');
    expect(renderReply({ text: '', charts: [{ filename: 'a.png', spec: {}, title: 'Trend', alt: 'a line' }] }).messages[0]?.text).toBe('Trend');
  });
});
