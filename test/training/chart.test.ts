/**
 * Issue #14, point 6: the training curves are labelled in both languages, as
 * the price-war charts are (中文 · English), and draw with the real renderer.
 */
import { describe, expect, it } from 'vitest';
import { renderChart } from '../../src/charts/index.js';
import { curveRows, jobCurveSpec } from '../../src/training/chart.js';

const HAN = /\p{Script=Han}/u;
const LATIN = /[A-Za-z]/;
const bilingual = (text: unknown) => typeof text === 'string' && HAN.test(text) && LATIN.test(text);

const history = [1, 2, 3].map((epoch) => ({ epoch, loss: 0.8 - epoch * 0.05, accuracy: 0.5 + epoch * 0.05, valLoss: 0.9 - epoch * 0.04, valAccuracy: 0.45 + epoch * 0.05, ms: 3 }));

interface Panel {
  encoding: { x: { title: string }; y: { title: string }; color: { legend: { labelExpr: string } } };
}

describe('the curve chart', () => {
  const spec = jobCurveSpec({ id: 7, metrics: { testAccuracy: 0.4 } }, history) as unknown as { title: { text: string; subtitle: string }; hconcat: Panel[] };

  it('has a bilingual title, subtitle, axes and legend, as the price-war charts do', () => {
    expect(spec.title.text).toBe('训练曲线 · Training job #7: loss and accuracy per epoch');
    expect(spec.title.subtitle).toBe('测试集准确率 test accuracy 0.400');
    for (const panel of spec.hconcat) {
      expect(bilingual(panel.encoding.x.title)).toBe(true);
      expect(bilingual(panel.encoding.y.title)).toBe(true);
      expect(panel.encoding.color.legend.labelExpr).toMatch(/训练 training.*验证 validation/);
    }
  });

  it('keeps plain keys in its data (what --json and other renderers read)', () => {
    expect(new Set(curveRows(history).map((r) => r.split))).toEqual(new Set(['training', 'validation']));
  });

  it('draws, Han characters included', async () => {
    const { png } = await renderChart(jobCurveSpec({ id: 7, metrics: { testAccuracy: 0.4 } }, history));
    expect(Buffer.from(png).subarray(1, 4).toString()).toBe('PNG');
  });
});
