/**
 * Vega-Lite specs for the price-war charts, with bilingual (中文 · English)
 * titles and their data inline. Only specs: whoever shows a chart draws it
 * (the chat adapters render PNGs lazily; a web page could draw it live).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { AlertsResult } from './alerts.js';
import type { CompareResult } from './compare.js';
import type { CostResult } from './cost.js';
import { QUALIFIER_WORDS, type CutsResult } from './cuts.js';
import { paramKey, type ParamName } from './errors.js';
import { fittedPrice } from './fit.js';
import { formatRatio } from './prices.js';
import type { SimulationResult } from './simulate.js';
import type { TrendResult } from './trend.js';
import { fmtFactorShort, fmtMonths, fmtPct, fmtShare, fmtUsd } from './format.js';

const USD_AXIS = 'USD / M tokens · 美元/百万token';

export function trendSpec(result: TrendResult): TopLevelSpec {
  // The step line runs on to the end of the range, not only to the last change.
  const steps = result.series.flatMap((s) => {
    const last = s.steps[s.steps.length - 1];
    const tail = last !== undefined && last.date < s.to ? [{ ...last, date: s.to }] : [];
    return [...s.steps, ...tail].map((p) => ({ series: s.label, date: p.date, price: p.price }));
  });
  const samples = result.series.flatMap((s) => s.points.map((p) => ({ series: s.label, date: p.date, price: p.price })));
  const fits = result.series.flatMap((s) => {
    const fit = s.fit;
    const first = s.points[0];
    const last = s.points[s.points.length - 1];
    if (fit === null || first === undefined || last === undefined) return [];
    return [first, last].map((p) => ({ series: s.label, date: p.date, price: fittedPrice(fit, p.t) }));
  });
  const one = result.series.length === 1 ? result.series[0] : undefined;
  const subtitle = result.series
    .filter((s) => s.fit !== null)
    .map((s) => `${result.series.length > 1 ? `${s.label}: ` : ''}${fitLine(s.fit!)}`)
    .concat([`cheapest blended price (${formatRatio(result.blend)}), monthly; dashed: log-linear fit · 最低混合价格，虚线为对数线性拟合`]);
  return {
    title: { text: `价格走势 · Price trend${one ? `: ${one.label}` : ' by capability tier'}`, subtitle },
    width: 580,
    height: 300,
    layer: [
      {
        data: { values: steps },
        mark: { type: 'line', interpolate: 'step-after' },
        encoding: {
          x: { field: 'date', type: 'temporal', scale: { type: 'utc' }, title: null },
          y: { field: 'price', type: 'quantitative', scale: { type: 'log' }, title: USD_AXIS },
          color: { field: 'series', type: 'nominal', title: null, legend: result.series.length > 1 ? { orient: 'top-right' } : null },
        },
      },
      {
        data: { values: samples },
        mark: { type: 'point', size: 18, filled: true, opacity: 0.7 },
        encoding: { x: { field: 'date', type: 'temporal', scale: { type: 'utc' } }, y: { field: 'price', type: 'quantitative', scale: { type: 'log' } }, color: { field: 'series', type: 'nominal', legend: null } },
      },
      {
        data: { values: fits },
        mark: { type: 'line', strokeDash: [6, 4], strokeWidth: 1.5 },
        encoding: { x: { field: 'date', type: 'temporal', scale: { type: 'utc' } }, y: { field: 'price', type: 'quantitative', scale: { type: 'log' } }, color: { field: 'series', type: 'nominal', legend: null } },
      },
    ],
  } as TopLevelSpec;
}

function fitLine(fit: NonNullable<TrendResult['series'][number]['fit']>): string {
  const speed = fit.annualDeclineFactor >= 1 ? `${fmtFactorShort(fit.annualDeclineFactor)} cheaper/yr` : `${fmtFactorShort(1 / fit.annualDeclineFactor)} dearer/yr`;
  const halving = fit.halvingMonths === null ? [] : [`halves in ${fmtMonths(fit.halvingMonths)}`];
  return [speed, ...halving, `R² ${fit.r2 === null ? 'n/a' : fit.r2.toFixed(2)}`, `n=${fit.n}`].join(' · ');
}

/** A Vega-Lite DateTime for an ISO day, in UTC like the data. */
function utcDateTime(iso: string): { year: number; month: number; date: number; utc: true } {
  const [year, month, date] = iso.split('-').map(Number) as [number, number, number];
  return { year, month, date, utc: true };
}

const shorten = (s: string, n: number): string => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);

export function cutsSpec(result: CutsResult): TopLevelSpec {
  const rows = result.cuts
    .map((c) => {
      const side = c.input.changePct !== null ? 'input' : c.output.changePct !== null ? 'output' : undefined;
      if (side === undefined) return undefined;
      const pct = (side === 'input' ? c.input.changePct : c.output.changePct) as number;
      const model = shorten(c.model.replace(/\s*\([^)]*\)/g, '').replace(/\s+-\s+.*$/, '').trim() || c.model, 30);
      // The row's condition stays on the label: an off-peak price or a promotion's end is not a list-price cut or rise.
      const qualifier = c.qualifier === undefined ? '' : ` [${QUALIFIER_WORDS[c.qualifier].zh} ${QUALIFIER_WORDS[c.qualifier].en}]`;
      return {
        label: `${c.date.slice(2)}  ${c.providerZh} · ${model}${side === 'output' ? ' (out)' : ''}${qualifier}`,
        vendor: c.providerZh,
        pct,
        text: c.madeFree ? '免费 free' : `${pct > 0 ? '+' : ''}${pct.toFixed(1)}%`,
        // Labels sit just right of zero for cuts and just past the bar's end for rises.
        labelX: Math.max(0, pct),
        order: c.line,
      };
    })
    .filter((r): r is NonNullable<typeof r> => r !== undefined);
  const omitted = result.cuts.length - rows.length;
  return {
    title: {
      text: `${result.span} 中国大模型降价潮 · China's LLM API price war`,
      subtitle: [
        '输入价格变化（元/百万token）· change in input price (CNY per M tokens)',
        omitted > 0 ? `${omitted} row(s) without a before-price (launches, events) are in the table only · 无原价的条目见表格` : '',
      ].filter((s) => s !== ''),
    },
    data: { values: rows },
    width: 420,
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          y: { field: 'label', type: 'nominal', sort: { field: 'order', order: 'ascending' }, title: null, axis: { labelLimit: 460 } },
          x: { field: 'pct', type: 'quantitative', title: '变化 % change', scale: { domain: [-100, Math.max(0, ...rows.map((r) => r.pct)) + 20] } },
          color: { field: 'vendor', type: 'nominal', title: '厂商 vendor', legend: { orient: 'bottom', columns: 4 } },
        },
      },
      {
        mark: { type: 'text', align: 'left', dx: 4, fontSize: 11 },
        encoding: {
          y: { field: 'label', type: 'nominal', sort: { field: 'order', order: 'ascending' } },
          x: { field: 'labelX', type: 'quantitative' },
          text: { field: 'text' },
        },
      },
    ],
  } as TopLevelSpec;
}

/** `name` spells the price parameter that the subtitle suggests when no price was given. */
export function costSpec(result: CostResult, title: string, name: ParamName = paramKey): TopLevelSpec {
  const price = result.effectivePricePerMillion;
  const points = result.sensitivity.map((s) => ({ u: s.utilization * 100, value: s.costPerMillionTokens, line: '成本 cost per M tokens' }));
  const priceLine = price === null ? [] : result.sensitivity.map((s) => ({ u: s.utilization * 100, value: price, line: '售价 price per M tokens' }));
  const subtitle = [
    price === null
      ? `cost at ${fmtShare(result.inputs.utilization, 0)} utilisation: ${fmtUsd(result.costPerMillionTokens)} per M tokens · 给出 ${name('price')} 可得盈亏判断`
      : `at ${fmtShare(result.inputs.utilization, 0)} utilisation: ${result.verdict} (gross margin ${fmtPct((result.grossMargin ?? 0) * 100, 0)})${result.breakEvenUtilization !== null ? ` · break-even at ${fmtShare(result.breakEvenUtilization, 0)} 盈亏平衡利用率` : ''}`,
  ];
  return {
    title: { text: `服务成本与利用率 · Serving cost vs utilisation`, subtitle: [shorten(title, 90), ...subtitle] },
    width: 580,
    height: 280,
    layer: [
      {
        data: { values: [...points, ...priceLine] },
        mark: { type: 'line', point: { size: 25 } },
        encoding: {
          x: { field: 'u', type: 'quantitative', title: '利用率 utilisation (%)', scale: { domain: [0, 100] } },
          y: { field: 'value', type: 'quantitative', scale: { type: 'log' }, title: USD_AXIS },
          color: { field: 'line', type: 'nominal', title: null, legend: { orient: 'top-right' } },
        },
      },
      {
        data: { values: [{ u: result.inputs.utilization * 100 }] },
        mark: { type: 'rule', strokeDash: [4, 4], color: '#888888' },
        encoding: { x: { field: 'u', type: 'quantitative' } },
      },
    ],
  } as TopLevelSpec;
}

export function compareSpec(result: CompareResult): TopLevelSpec {
  const kinds = [
    ['input', '输入 input'],
    ['output', '输出 output'],
    ['blended', `混合 blended ${formatRatio(result.blend)}`],
  ] as const;
  const values = result.models.flatMap((m) =>
    kinds.flatMap(([key, label]) => (m.usd[key] === null ? [] : [{ model: shorten(m.query, 24), kind: label, price: m.usd[key] as number, text: fmtUsd(m.usd[key] as number) }])),
  );
  return {
    title: {
      text: '当前价格对比 · Current prices',
      subtitle: `USD per million tokens; snapshot ${result.snapshotDate ?? 'n/a'}${result.fx === undefined ? '' : `; CNY at ${result.fx.perUsd}/USD (${result.fx.date})`} · 美元/百万token`,
    },
    data: { values },
    width: 580,
    height: 280,
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          x: { field: 'model', type: 'nominal', title: null, sort: null, axis: { labelAngle: 0, labelLimit: 140 } },
          xOffset: { field: 'kind', sort: null },
          y: { field: 'price', type: 'quantitative', title: USD_AXIS },
          color: { field: 'kind', type: 'nominal', sort: null, title: null, legend: { orient: 'top' } },
        },
      },
      {
        mark: { type: 'text', dy: -6, fontSize: 10 },
        encoding: {
          x: { field: 'model', type: 'nominal', sort: null },
          xOffset: { field: 'kind', sort: null },
          y: { field: 'price', type: 'quantitative' },
          text: { field: 'text' },
        },
      },
    ],
  } as TopLevelSpec;
}

export function simulationSpec(result: SimulationResult): TopLevelSpec {
  const firmLabel = (n: number): string => `企业 firm ${n}`;
  const prices = result.rounds.flatMap((r) => [
    ...r.firms.filter((f) => f.price !== null).map((f) => ({ round: r.round, price: f.price as number, who: firmLabel(f.firm) })),
    ...(Number.isFinite(r.marketPrice) ? [{ round: r.round, price: r.marketPrice, who: '市场均价 market' }] : []),
  ]);
  const cash = result.rounds.flatMap((r) => r.firms.filter((f) => f.active).map((f) => ({ round: r.round, cash: f.cash, who: firmLabel(f.firm) })));
  const exits = result.exits.map((e) => ({ round: e.round, who: firmLabel(e.firm), cash: 0 }));
  const meanCost = result.firmCosts.reduce((a, b) => a + b, 0) / result.firmCosts.length;
  return {
    title: {
      text: '价格战模拟 · Price-war simulation',
      subtitle: `${result.options.firms} firms, ${result.rounds.length} rounds, seed ${result.options.seed}: price ${fmtUsd(result.startPrice)} → ${fmtUsd(result.finalMarketPrice)} per M tokens, ${result.exits.length} exit(s) · 退出 ${result.exits.length} 家; dashed: mean cost 平均成本`,
    },
    vconcat: [
      {
        width: 580,
        height: 200,
        layer: [
          {
            data: { values: prices },
            mark: { type: 'line', point: { size: 20 } },
            encoding: {
              x: { field: 'round', type: 'quantitative', title: null, axis: { tickMinStep: 1 } },
              y: { field: 'price', type: 'quantitative', title: '价格 price (USD/M)' },
              color: { field: 'who', type: 'nominal', title: null, legend: { orient: 'right' } },
            },
          },
          { data: { values: [{ cost: meanCost }] }, mark: { type: 'rule', strokeDash: [5, 4], color: '#aa3333' }, encoding: { y: { field: 'cost', type: 'quantitative' } } },
        ],
      },
      {
        width: 580,
        height: 130,
        layer: [
          {
            data: { values: cash },
            mark: { type: 'line', point: { size: 20 } },
            encoding: {
              x: { field: 'round', type: 'quantitative', title: '回合 round (month)', axis: { tickMinStep: 1 } },
              y: { field: 'cash', type: 'quantitative', title: '现金 cash (USD M)' },
              color: { field: 'who', type: 'nominal', legend: null },
            },
          },
          { data: { values: exits }, mark: { type: 'point', shape: 'cross', size: 120, filled: true }, encoding: { x: { field: 'round', type: 'quantitative' }, y: { field: 'cash', type: 'quantitative' }, color: { field: 'who', type: 'nominal', legend: null } } },
        ],
      },
    ],
  } as TopLevelSpec;
}

export function alertsSpec(result: AlertsResult): TopLevelSpec {
  const values = result.alerts
    .filter((a) => a.changePct !== null)
    .map((a) => ({ date: a.date, pct: Math.max(-100, Math.min(300, a.changePct as number)), kind: a.direction === 'cut' ? '降价 cut' : '涨价 rise', who: `${a.provider} ${a.model}` }));
  return {
    title: {
      text: '价格变动 · Price changes',
      subtitle: `${result.since} → ${result.until}, |change| ≥ ${fmtShare(result.minChange, 0)} (blended price; rises above +300 % drawn at 300)`,
    },
    data: { values },
    width: 580,
    height: 260,
    mark: { type: 'point', filled: true, size: 60, opacity: 0.8 },
    encoding: {
      x: { field: 'date', type: 'temporal', scale: { type: 'utc', domain: [utcDateTime(result.since), utcDateTime(result.until)] }, title: null },
      y: { field: 'pct', type: 'quantitative', title: '变化 % change' },
      color: { field: 'kind', type: 'nominal', title: null, scale: { domain: ['降价 cut', '涨价 rise'], range: ['#2a9d4a', '#c0392b'] }, legend: { orient: 'top-right' } },
    },
  } as TopLevelSpec;
}
