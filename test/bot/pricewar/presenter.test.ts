import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { alertsReply, costReply, cutsReply, trendReply } from '../../../src/bot/pricewar/presenter.js';
import { CHART_FAILED_NOTE, drawCharts, setChartRenderer } from '../../../src/adapters/shared/chart-png.js';
import { findPriceAlerts } from '../../../src/pricewar/alerts.js';
import { unitEconomics } from '../../../src/pricewar/cost.js';
import { priceCuts } from '../../../src/pricewar/cuts.js';
import { loadPriceData, type PriceData } from '../../../src/pricewar/data.js';
import { priceTrend } from '../../../src/pricewar/trend.js';
import { captureLog } from '../../fakes/bot.js';

let data: PriceData;
beforeAll(async () => {
  data = await loadPriceData();
});
afterEach(() => setChartRenderer(undefined));

describe('the /pricewar presenter', () => {
  it('attaches each chart as a Vega-Lite spec with its title and alt text, and draws nothing', () => {
    const reply = cutsReply(data, priceCuts(data));
    expect(reply.charts).toHaveLength(1);
    const chart = reply.charts![0]!;
    expect(chart).toMatchObject({ filename: 'pricewar-cuts.png', title: "2024–2025 中国大模型降价潮 · China's LLM price war" });
    expect(chart.alt).toBe(reply.text.split('\n')[0]!.replace(/\*\*/g, ''));
    expect((chart.spec as { data: { values: unknown[] } }).data.values.length).toBeGreaterThan(10);
    expect(chart).not.toHaveProperty('png');
  });

  it('attaches no chart when nothing is drawable, and no note either', () => {
    const trend = trendReply(data, priceTrend(data, { model: 'gpt-4o', since: '2010-01-01', until: '2010-12-31' }));
    expect(trend.charts).toBeUndefined();
    expect(trend.text).toContain('No prices fall in that range; try an earlier --since or another model.');
    const alerts = alertsReply(data, findPriceAlerts(data, { since: '2010-01-01', until: '2010-01-02' }));
    expect(alerts.charts).toBeUndefined();
    expect(alerts.text).not.toContain(CHART_FAILED_NOTE);
  });

  it('a broken renderer costs the picture, never the answer: the adapter path drops the chart and says so', async () => {
    setChartRenderer(async () => {
      throw new Error('renderer down');
    });
    const reply = costReply(data, unitEconomics({ gpuHourly: 2, gpus: 1, tokensPerSecond: 1000, inputPerOutput: 10, utilization: 0.6 }), undefined);
    expect(reply.charts).toHaveLength(1);
    const sink = captureLog();
    const drawn = await drawCharts(reply, sink.log);
    expect(drawn.charts).toBeUndefined();
    expect(drawn.text.startsWith(reply.text)).toBe(true);
    expect(drawn.text.endsWith(`\n${CHART_FAILED_NOTE}`)).toBe(true);
    expect(drawn.data).toEqual(reply.data);
    expect(drawn.table).toEqual(reply.table);
    expect(sink.lines().some((l) => l.msg === 'chart failed to render' && l.chart === 'pricewar-cost.png')).toBe(true);
  });
});
