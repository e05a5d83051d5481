/** Rendering core replies into Discord messages that stay inside Discord's limits. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ActionIds } from '../../../src/adapters/discord/buttons.js';
import { renderReply, type DiscordPayload } from '../../../src/adapters/discord/render.js';
import { splitText } from '../../../src/adapters/discord/split.js';
import type { Reply } from '../../../src/core/reply.js';
import { messageProblems } from '../../fakes/discord.js';
import { TINY_PNG, TINY_SPEC } from '../contract.js';
import { MIXED_TABLE, MIXED_TABLE_LINES, tableLines } from '../table-alignment.js';
import type { PngReply } from '../../../src/adapters/shared/chart-png.js';

const ids = new ActionIds();
const render = (reply: PngReply): DiscordPayload[] => renderReply(reply, { actionIds: ids });

function problems(payloads: readonly DiscordPayload[]): string[] {
  return payloads.flatMap((p) => messageProblems({ content: p.content ?? '', embeds: p.embeds as never, components: p.components as never }, p.files.length));
}

/** A chart as the adapter renders it: drawn already (render.ts takes drawn replies). */
const chart = (filename: string, title = 'A chart') => ({ filename, spec: TINY_SPEC, png: TINY_PNG, title, alt: `${title} alt` });

describe('renderReply', () => {
  it('sends short plain text as it is, marking progress', () => {
    expect(render({ text: 'hello **there**' })).toEqual([{ content: 'hello **there**', embeds: [], files: [], components: [] }]);
    expect(render({ text: 'working', tone: 'progress' })[0]?.content).toBe('⏳ working');
    expect(render({ text: '' })[0]?.content).toBe('\u200b');
  });

  it('splits long text at 2,000 characters, keeping code blocks closed in each part', () => {
    const code = `\`\`\`\n${Array.from({ length: 120 }, (_, i) => `row ${i} ${'x'.repeat(20)}`).join('\n')}\n\`\`\``;
    const parts = render({ text: `${'Intro paragraph. '.repeat(80)}\n\n${code}\n\nThe end.` });
    expect(parts.length).toBeGreaterThan(2);
    expect(problems(parts)).toEqual([]);
    for (const part of parts) expect(((part.content ?? '').match(/```/g) ?? []).length % 2).toBe(0);
    expect(parts.at(-1)?.content).toContain('The end.');
  });

  it('shows errors in red with a warning sign', () => {
    const [message] = render({ text: 'That model is unknown.', tone: 'error' });
    expect(message?.embeds[0]).toMatchObject({ color: 0xed4245, description: '⚠ That model is unknown.' });
  });

  it('puts the first chart inside the embed and further charts in their own, with unique names and alt text', () => {
    const [message] = render({ title: 'Charts', text: 'three charts', charts: [chart('price.png', 'One'), chart('price.png', 'Two'), chart('weird name!.png', 'Three')] });
    expect(message?.files.map((f) => f.name)).toEqual(['price.png', 'price-2.png', 'weird_name_.png']);
    expect(message?.files.map((f) => f.description)).toEqual(['One alt', 'Two alt', 'Three alt']);
    expect(message?.embeds.map((e) => e.image?.url)).toEqual(['attachment://price.png', 'attachment://price-2.png', 'attachment://weird_name_.png']);
    expect(message?.embeds.map((e) => e.title)).toEqual(['Charts', 'Two', 'Three']);
  });

  it('right-aligns numeric table columns, including numbers that arrive as strings, in the embed and in a preview', () => {
    const [message] = render({ text: 'prices', table: MIXED_TABLE });
    expect(tableLines(message?.embeds[0]?.description ?? '')).toEqual([...MIXED_TABLE_LINES]);
    const rows = Array.from({ length: 300 }, (_, i) => [`model-${i}`, `$${(i * 1.25).toFixed(2)}`]);
    const preview = render({ text: 'prices', table: { columns: ['Model', 'Price'], rows } }).map((m) => m.content ?? '').join('\n');
    const shown = /```\n([\s\S]*?)\n```/.exec(preview)?.[1]?.split('\n') ?? [];
    expect(shown.length).toBeGreaterThan(10);
    // Prices end where the rule ends: right-aligned on every line of the preview.
    expect(new Set(shown.map((line) => line.length))).toEqual(new Set([shown[1]?.length]));
    expect(shown.slice(2).every((line) => /^model-\d+ +\$\d+\.\d\d$/.test(line))).toBe(true);
  });

  it('shows a small table as a monospaced block and a big one as a preview plus table.csv', () => {
    const small = render({ text: 'prices', table: { columns: ['模型', 'price'], rows: [['通义千问', 0.5], ['ernie', null]], caption: 'per million tokens' } });
    expect(small[0]?.embeds[0]?.description).toMatch(/^prices\n\n```\n模型 +price\n[─ ]+\n通义千问 +0\.5\nernie +—\nper million tokens\n```$/);
    expect(small[0]?.files).toEqual([]);
    const rows = Array.from({ length: 500 }, (_, i) => [`model-${i}`, i]);
    const big = render({ text: 'prices', table: { columns: ['model', 'price'], rows } });
    expect(problems(big)).toEqual([]);
    const csv = big[0]?.files.find((f) => f.name === 'table.csv');
    expect(String(csv?.attachment).split('\n')).toHaveLength(502);
    expect(big.map((m) => m.content ?? '').join('\n')).toMatch(/model-0[\s\S]*\d+ more rows in table\.csv/);
  });

  it('keeps fields, sources and the description within 25 fields and 6,000 characters', () => {
    const parts = render({
      title: 'T'.repeat(300),
      text: 'word '.repeat(2000),
      fields: Array.from({ length: 40 }, (_, i) => ({ label: `Field ${i}`, value: 'v'.repeat(1500) })),
      citations: Array.from({ length: 60 }, (_, i) => ({ title: `Source [${i}] with a fairly long title`, url: `https://example.com/${i}` })),
    });
    expect(problems(parts)).toEqual([]);
    const embed = parts[0]?.embeds[0];
    expect(embed?.fields?.length).toBeLessThanOrEqual(25);
    const sources = embed?.fields?.at(-1);
    expect(sources?.name).toBe('Sources');
    expect(sources?.value).toMatch(/^1\. \[Source \\\[0\\\] with a fairly long title\]\(https:\/\/example\.com\/0\)/);
    expect(sources?.value).toMatch(/…and \d+ more$/);
    const rest = parts.slice(1).map((p) => p.content).join('\n');
    expect(rest).toContain('**Field 39**');
    const many = render({ text: 'short', fields: Array.from({ length: 40 }, (_, i) => ({ label: `F${i}`, value: 'v' })), citations: [{ title: 'S' }] });
    expect(many[0]?.embeds[0]?.fields?.map((f) => f.name)).toEqual([...Array.from({ length: 24 }, (_, i) => `F${i}`), 'Sources']);
    expect(many[1]?.content).toMatch(/^\*\*F24\*\*: v\n\n/);
  });

  it('turns actions into rows of at most five buttons carrying their command', () => {
    const long = `/faq feedback ${'9'.repeat(120)} up`;
    const [message] = render({ text: 'pick', actions: [...Array.from({ length: 6 }, (_, i) => ({ label: `b${i}`, command: `/x ${i}` })), { label: 'long', command: long, style: 'danger' }] });
    expect(message?.components.map((row) => row.components.length)).toEqual([5, 2]);
    const last = message?.components[1]?.components[1];
    expect(last?.style).toBe(4);
    expect(last?.custom_id.length).toBeLessThanOrEqual(100);
    expect(ids.decode(last?.custom_id ?? '')).toEqual({ line: long });
    expect(ids.decode('pw:/x 0')).toEqual({ line: '/x 0' });
    expect(new ActionIds().decode(last?.custom_id ?? '')).toBe('expired');
    expect(ids.decode('someone-else')).toBeUndefined();
  });

  it('never exceeds a limit, whatever the reply holds', () => {
    const text = fc.string({ maxLength: 9000, unit: fc.constantFrom('a', ' ', '\n', '`', '長', '😀') });
    fc.assert(
      fc.property(text, fc.option(fc.string({ maxLength: 400 }), { nil: undefined }), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 14 }), (body, title, fields, charts) => {
        const parts = render({
          text: body,
          ...(title === undefined ? {} : { title }),
          fields: Array.from({ length: fields }, (_, i) => ({ label: `f${i}`, value: body.slice(0, 1500) })),
          charts: Array.from({ length: charts }, (_, i) => chart(`c${i}.png`)),
        });
        expect(problems(parts)).toEqual([]);
        expect(parts.reduce((n, p) => n + p.files.length, 0)).toBe(charts);
      }),
      { numRuns: 150 },
    );
  });
});

describe('splitText', () => {
  it('joins back into the same words', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 6000, unit: fc.constantFrom('a', 'b', ' ', '\n', '😀') }), (text) => {
        const parts = splitText(text, 500);
        for (const part of parts) expect(part.length).toBeLessThanOrEqual(500);
        expect(parts.join(' ').split(/\s+/).filter(Boolean).join('')).toBe(text.split(/\s+/).filter(Boolean).join(''));
      }),
      { numRuns: 200 },
    );
  });
});
