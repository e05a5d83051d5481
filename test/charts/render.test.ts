import { existsSync, statSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import type { TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { cjkFont, renderChart, textWidthEm } from '../../src/charts/index.js';
import { decodePng, diffCount, inkCount, PNG_SIGNATURE } from './png.js';

// Charts with a Chinese title; the title sits in the top band of the image
// (padding 12 + 18 px font), so rows 0..45 hold nothing but the title.
const TITLE_BAND = 45;

function priceSpec(title: string): TopLevelSpec {
  return {
    title,
    data: {
      values: [
        { month: '一月', price: 3 },
        { month: '二月', price: 2 },
        { month: '三月', price: 1.2 },
      ],
    },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'month', type: 'ordinal', sort: null, title: '月份' },
      y: { field: 'price', type: 'quantitative', title: '价格（美元/百万token）' },
    },
  };
}

describe('cjkFont', () => {
  it('points at the regular Noto Sans SC TTF shipped by the npm package', () => {
    const font = cjkFont();
    expect(font.family).toBe('Noto Sans SC');
    expect(font.file).toMatch(/@expo-google-fonts[\\/]noto-sans-sc[\\/].*NotoSansSC_400Regular\.ttf$/);
    expect(existsSync(font.file)).toBe(true);
    expect(statSync(font.file).size).toBeGreaterThan(1_000_000); // a real CJK font, not a stub
  });
});

describe('renderChart', () => {
  it('renders a line chart with Chinese title and axis labels to SVG and PNG', async () => {
    const chart = await renderChart(priceSpec('大模型价格战走势'));

    expect(chart.png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    const img = decodePng(chart.png);
    expect([img.width, img.height]).toEqual([chart.width, chart.height]);
    expect(chart.width).toBeGreaterThan(600);
    expect(chart.width).toBeLessThan(900);
    expect(chart.height).toBeGreaterThan(300);

    expect(chart.svg).toContain('大模型价格战走势');
    expect(chart.svg).toContain('月份');
    expect(chart.svg).toContain('一月');
    // Every text element asks for the bundled family, so resvg never falls back.
    const families = new Set([...chart.svg.matchAll(/font-family="([^"]*)"/g)].map((m) => m[1]));
    expect([...families]).toEqual(['Noto Sans SC']);
    expect(chart.fontFamily).toBe('Noto Sans SC');
    expect(chart.warnings).toEqual([]);
    // Light background by default.
    expect([...img.rgba.subarray(0, 4)]).toEqual([255, 255, 255, 255]);
  });

  it('draws real CJK glyphs: different Chinese titles give different pixels, unlike a render without the font', async () => {
    const a = await renderChart(priceSpec('大模型价格战走势'));
    const b = await renderChart(priceSpec('中小企业成本影响'));
    const A = decodePng(a.png);
    const B = decodePng(b.png);

    // With the font: the titles are drawn, and drawn differently.
    expect(inkCount(A, 0, 0, A.width, TITLE_BAND)).toBeGreaterThan(300);
    expect(diffCount(A, B, 0, 0, A.width, TITLE_BAND)).toBeGreaterThan(300);

    // Control: the same SVGs rendered without the CJK font (DejaVu when the
    // machine has it, else no font at all). Chinese then becomes identical
    // boxes or nothing, so the two titles are indistinguishable. This is the
    // failure the bundled font exists to prevent; if the control ever starts
    // telling the titles apart, the check above has stopped proving anything.
    const dejavu = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
    const fallback = (svg: string) =>
      decodePng(
        new Resvg(svg, {
          background: '#ffffff',
          font: { fontFiles: existsSync(dejavu) ? [dejavu] : [], loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' },
        })
          .render()
          .asPng(),
      );
    const FA = fallback(a.svg);
    const FB = fallback(b.svg);
    expect(diffCount(FA, FB, 0, 0, FA.width, TITLE_BAND)).toBe(0);
    expect(diffCount(A, FA, 0, 0, A.width, TITLE_BAND)).toBeGreaterThan(300);
  });

  it('still draws CJK with the bundled font when a spec asks for a font this machine lacks', async () => {
    const base = decodePng((await renderChart(priceSpec('大模型价格战走势'))).png);
    const other = await renderChart({ ...priceSpec('大模型价格战走势'), config: { font: 'Microsoft YaHei' } } as TopLevelSpec);
    expect(other.svg).toContain('font-family="Microsoft YaHei"');
    const img = decodePng(other.png);
    expect(inkCount(img, 0, 0, img.width, TITLE_BAND)).toBe(inkCount(base, 0, 0, base.width, TITLE_BAND));
  });

  it('scales the PNG without changing the layout', async () => {
    const one = await renderChart(priceSpec('价格'));
    const two = await renderChart(priceSpec('价格'), { scale: 2 });
    expect(Math.abs(two.width - 2 * one.width)).toBeLessThanOrEqual(1);
    expect(Math.abs(two.height - 2 * one.height)).toBeLessThanOrEqual(1);
    expect(two.svg).toBe(one.svg);
  });

  it('renders a log-scale chart with tick labels across decades', async () => {
    const spec: TopLevelSpec = {
      title: '输入价格（对数坐标）',
      data: {
        values: [
          { model: 'GPT-4', date: '2023-03-14', price: 30 },
          { model: 'GPT-4o', date: '2024-05-13', price: 5 },
          { model: 'GPT-4o mini', date: '2024-07-18', price: 0.15 },
          { model: 'DeepSeek-V3', date: '2024-12-26', price: 0.27 },
        ],
      },
      mark: { type: 'point', filled: true },
      encoding: {
        x: { field: 'date', type: 'temporal', title: '发布日期' },
        y: { field: 'price', type: 'quantitative', scale: { type: 'log' }, title: '美元/百万 token' },
        color: { field: 'model', type: 'nominal', title: '模型' },
      },
    };
    const chart = await renderChart(spec);
    expect(chart.warnings).toEqual([]);
    expect(decodePng(chart.png).width).toBe(chart.width);
    // A log axis from 0.1 to 100 labels the decades.
    for (const tick of ['0.1', '1', '10']) expect(chart.svg).toContain(`>${tick}</text>`);
    expect(chart.svg).toContain('DeepSeek-V3');
  });

  it('lets the spec override the theme and the caller choose the background', async () => {
    const chart = await renderChart(
      { ...priceSpec('价格'), config: { title: { fontSize: 30 } } } as TopLevelSpec,
      { background: '#102030' },
    );
    expect(chart.svg).toMatch(/font-size="30px"[^>]*>价格</);
    const img = decodePng(chart.png);
    expect([...img.rgba.subarray(0, 4)]).toEqual([0x10, 0x20, 0x30, 255]);
  });

  it('refuses specs that load external data', async () => {
    const spec: TopLevelSpec = { data: { url: 'https://example.com/prices.csv' }, mark: 'bar' };
    await expect(renderChart(spec)).rejects.toThrow(/external data is not allowed/);
  });

  it('rejects a nonsensical scale', async () => {
    await expect(renderChart(priceSpec('价格'), { scale: 0 })).rejects.toThrow(RangeError);
  });
});

describe('textWidthEm', () => {
  it('uses full-width ideographs and the font\'s Latin advances', () => {
    expect(textWidthEm('价格战')).toBe(3);
    expect(textWidthEm('，')).toBe(1);
    expect(textWidthEm('A')).toBeCloseTo(0.608);
    expect(textWidthEm('0.15')).toBeCloseTo(0.555 * 3 + 0.278);
  });
});
