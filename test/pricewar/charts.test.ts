import { describe, expect, it } from 'vitest';
import { renderChart } from '../../src/charts/index.js';
import { cutsSpec } from '../../src/pricewar/charts.js';
import { priceCuts } from '../../src/pricewar/cuts.js';
import { loadPriceData } from '../../src/pricewar/data.js';
import { decodePng, diffCount } from '../charts/png.js';

describe('cuts chart', () => {
  it('draws the Chinese vendor names as glyphs of the bundled CJK font', async () => {
    const result = priceCuts(await loadPriceData());
    const spec = cutsSpec(result);
    const chart = await renderChart(spec);
    expect(chart.svg).toContain('百度智能云');
    expect(chart.svg).toContain('阿里云');
    // The title follows the data's span (issue 19: the table runs into 2025).
    expect(chart.svg).toContain('2024–2025 中国大模型降价潮');
    expect(chart.svg).toContain('错峰优惠 off-peak discount');
    expect(chart.fontFamily).toBe('Noto Sans SC');
    // Swap the vendor names for other Chinese characters of the same length: if the font had no
    // glyphs both pictures would show identical boxes; with real glyphs the label column differs.
    const swapped = JSON.parse(JSON.stringify(spec).replaceAll('百度智能云', '火车站广场').replaceAll('阿里云', '天地人')) as typeof spec;
    const a = decodePng(chart.png);
    const b = decodePng((await renderChart(swapped)).png);
    expect([b.width, b.height]).toEqual([a.width, a.height]);
    expect(diffCount(a, b, 0, 60, Math.floor(a.width / 2), a.height - 80)).toBeGreaterThan(200);
  });
});
