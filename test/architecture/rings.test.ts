/**
 * The rings of ARCHITECTURE.md, checked on every run: no import crosses a
 * forbidden edge, no file is in an import cycle, and no code outside the
 * adapters names a platform. The second block proves the checker would catch
 * each edge that issue #11 found, so a green run means something.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importCycles, importGraph } from './import-graph.js';
import { forbiddenEdge, mayNamePlatforms, PLATFORM_LITERAL, ringOf } from './rings.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const graph = importGraph(root);

describe('the rings hold in the code', () => {
  it('reads a real graph', () => {
    expect(graph.files.length).toBeGreaterThan(100);
    expect(graph.edges.length).toBeGreaterThan(300);
    expect(graph.unresolved).toEqual([]);
  });

  it('puts every source file in a ring', () => {
    expect(graph.files.filter((f) => ringOf(f).kind === 'other')).toEqual([]);
  });

  it('has no import across a forbidden edge', () => {
    const violations = graph.edges.flatMap((e) => {
      const why = forbiddenEdge(e.from, e.to);
      return why === undefined ? [] : [`${e.from} → ${e.to}: ${why}`];
    });
    expect(violations).toEqual([]);
  });

  it('has no import cycle (type-only imports included)', () => {
    expect(importCycles(graph.files, graph.edges)).toEqual([]);
  });

  it('names no platform outside the adapters and the wiring', () => {
    const named = graph.files
      .filter((f) => !mayNamePlatforms(f))
      .flatMap((f) => {
        const lines = readFileSync(join(root, f), 'utf8').split('\n');
        return lines.flatMap((line, i) => (/^\s*(\/\/|\*|\/\*)/.test(line) ? [] : [...line.matchAll(PLATFORM_LITERAL)].map((m) => `${f}:${i + 1}: ${m[0]}`)));
      });
    expect(named).toEqual([]);
  });
});

describe('the checker catches the edges issue #11 found', () => {
  const found: Array<[from: string, to: string]> = [
    ['src/training/store.ts', 'src/core/reply.ts'],
    ['src/training/queue.ts', 'src/core/message.ts'],
    ['src/summary/types.ts', 'src/core/adapter.ts'],
    ['src/summary/price-alerts.ts', 'src/pricewar/index.ts'],
    ['src/pricewar/service.ts', 'src/core/services.ts'],
    ['src/training/chart.ts', 'src/charts/index.ts'],
    ['commands/ask.ts', 'commands/faq.ts'],
    ['commands/pricewar.ts', 'src/pricewar/charts.ts'],
    ['src/adapters/slack/render.ts', 'src/adapters/console/render.ts'],
    ['src/adapters/discord/deploy.ts', 'src/app.ts'],
    ['src/core/bot.ts', 'src/faq/index.ts'],
    ['src/core/bot.ts', 'src/adapters/slack/index.ts'],
    ['src/bot/summary/sources.ts', 'src/pricewar/alerts.ts'],
    ['src/bot/faq/presenter.ts', 'src/adapters/slack/render.ts'],
  ];
  it.each(found)('%s → %s is forbidden', (from, to) => {
    expect(forbiddenEdge(from, to)).toEqual(expect.any(String));
  });

  it('allows the edges the rings are made of', () => {
    const allowed: Array<[string, string]> = [
      ['commands/train.ts', 'src/bot/training/start.ts'],
      ['commands/train.ts', 'src/core/index.ts'],
      ['src/bot/training/service.ts', 'src/training/queue.ts'],
      ['src/bot/summary/sources.ts', 'src/bot/pricewar/alert-feed.ts'],
      ['src/pricewar/trend.ts', 'src/core/errors.ts'],
      ['src/pricewar/trend.ts', 'src/text/index.ts'],
      ['src/adapters/slack/render.ts', 'src/adapters/shared/text.ts'],
      ['src/adapters/shared/chart-png.ts', 'src/charts/index.ts'],
      ['src/entry/cli.ts', 'src/app.ts'],
    ];
    for (const [from, to] of allowed) expect(forbiddenEdge(from, to), `${from} → ${to}`).toBeUndefined();
  });

  it('finds a two-file type cycle', () => {
    const files = ['a.ts', 'b.ts', 'c.ts'];
    expect(importCycles(files, [{ from: 'a.ts', to: 'b.ts' }, { from: 'b.ts', to: 'a.ts' }, { from: 'b.ts', to: 'c.ts' }])).toEqual([['a.ts', 'b.ts']]);
    expect(importCycles(files, [{ from: 'a.ts', to: 'b.ts' }, { from: 'b.ts', to: 'c.ts' }])).toEqual([]);
  });

  it('finds a platform name in a literal', () => {
    expect("const LOCAL = new Set(['console', 'cli']);".match(PLATFORM_LITERAL)).toEqual(["'console'", "'cli'"]);
    expect(mayNamePlatforms('src/training/permissions.ts')).toBe(false);
    expect(mayNamePlatforms('src/adapters/slack/adapter.ts')).toBe(true);
  });
});
