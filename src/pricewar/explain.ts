/**
 * The analyses in words: a headline, a few plain lines, a table, sources and
 * the machine-readable data, for whoever shows them (the /pricewar command
 * turns a Summary into a chat reply; a digest could print the lines). Plain
 * text only, no platform formatting.
 */
import type { AlertsResult } from './alerts.js';
import { formatAlert } from './alerts.js';
import type { CompareResult } from './compare.js';
import { THIN_MARGIN, type CostResult } from './cost.js';
import type { CostPreset, PresetLookup } from './cost-presets.js';
import { deepestInputCut, type CutsResult, type PriceCut, type SideChange } from './cuts.js';
import type { PriceData } from './data.js';
import { dayToIso } from './dates.js';
import type { DataIssue } from './load.js';
import { formatRatio } from './prices.js';
import type { SimulationResult } from './simulate.js';
import { MIN_FIT_POINTS, type TrendResult, type TrendSeries } from './trend.js';
import { fmtCny, fmtFactorShort, fmtMonths, fmtPct, fmtShare, fmtTokens, fmtUsd } from './format.js';

export type Cell = string | number | null;

export interface Summary {
  readonly title: string;
  /** Title of the chart when it differs from `title` (bilingual). */
  readonly chartTitle?: string;
  /** One sentence that answers the question. */
  readonly headline: string;
  readonly lines: readonly string[];
  readonly table?: { readonly columns: readonly string[]; readonly rows: readonly (readonly Cell[])[]; readonly caption?: string };
  readonly citations: readonly { readonly title: string; readonly url?: string }[];
  readonly data: Record<string, unknown>;
}

const TABLE_ROWS = 20;
const PROVENANCE = { title: 'Data provenance: knowledge/data/SOURCES.md' };
const LITELLM = { title: 'LiteLLM model price map (MIT), price history', url: 'https://github.com/BerriAI/litellm/blob/main/model_prices_and_context_window.json' };

function capped<T>(rows: readonly T[], what: string): { rows: readonly T[]; caption?: string } {
  return rows.length <= TABLE_ROWS ? { rows } : { rows: rows.slice(0, TABLE_ROWS), caption: `${rows.length - TABLE_ROWS} more ${what} in the --json data.` };
}

// ── data issues ───────────────────────────────────────────────────────────
export function explainDataIssues(data: PriceData): { line?: string; data?: { count: number; shown: readonly DataIssue[] } } {
  const issues = data.issues;
  if (issues.length === 0) return {};
  const first = issues[0] as DataIssue;
  const where = first.line > 0 ? `${first.file}:${first.line}` : first.file;
  return {
    line: `${issues.length} data row(s) or file(s) were skipped as malformed, e.g. ${where}: ${first.reason}. The rest of the data was used.`,
    data: { count: issues.length, shown: issues.slice(0, 50) },
  };
}

// ── trend ─────────────────────────────────────────────────────────────────
function seriesSentence(s: TrendSeries): string {
  const range = `${s.from} → ${s.to}`;
  const prices = s.firstPrice === null ? '' : ` the cheapest blended price went ${fmtUsd(s.firstPrice)} → ${fmtUsd(s.lastPrice)} per M tokens`;
  if (s.fit === null) return `${s.label}, ${range}:${prices}; only ${s.points.length} monthly point(s), too few for a fit (${MIN_FIT_POINTS} needed).`;
  const f = s.fit;
  if (f.r2 === null) return `${s.label}, ${range}: the price did not change (${fmtUsd(s.firstPrice)} per M tokens throughout, n=${f.n}); no decline to measure.`;
  const speed =
    f.annualDeclineFactor >= 1
      ? `${fmtFactorShort(f.annualDeclineFactor)} cheaper per year, halving every ${fmtMonths(f.halvingMonths as number)}`
      : `${fmtFactorShort(1 / f.annualDeclineFactor)} dearer per year, doubling every ${fmtMonths(f.doublingMonths as number)}`;
  return `${s.label}, ${range}:${prices}; log-linear fit: ${speed} (R² ${f.r2.toFixed(2)}, n=${f.n} monthly points).`;
}

export function explainTrend(data: PriceData, result: TrendResult): Summary {
  const fitted = result.series.filter((s) => s.fit !== null && s.fit.r2 !== null);
  const main = result.series[0];
  const title = result.mode === 'model' ? `Price trend: ${main?.label ?? ''}` : result.mode === 'tier' ? `Cheapest price at ${main?.label ?? ''}` : 'Cheapest price by capability tier';
  const headline = result.series.map(seriesSentence).join(' ');
  const lines: string[] = [];
  if (result.series.every((s) => s.points.length === 0)) lines.push('No prices fall in that range; try an earlier --since or another model.');
  for (const s of fitted) {
    if (s.published.length > 0) lines.push(`Published figures${result.series.length > 1 ? ` (${s.label})` : ''}: ${s.published.map((p) => p.sentence).join('; ')}.`);
  }
  if (result.mode === 'model' && fitted.length > 0) {
    lines.push('Epoch AI and a16z measure the cheapest model at a fixed capability, which includes switching to newer, cheaper models; one model’s own list price usually falls much more slowly. Try /pricewar trend --tier gpt-4 for the comparable measure.');
  }
  const cheapest = main?.steps[main.steps.length - 1];
  if (result.mode !== 'tiers' && cheapest !== undefined) lines.push(`Cheapest listing at the end: ${cheapest.provider} ${cheapest.model}.`);
  const zero = result.series.reduce((n, s) => n + s.zeroPricedListings, 0);
  if (zero > 0) lines.push(`${zero} listing(s) priced at 0 (free or local tiers) were left out: a log fit needs prices above 0.`);
  lines.push(
    `Method: blended price = (${result.blend.input}·input + ${result.blend.output}·output)/${result.blend.input + result.blend.output} USD per M tokens; the cheapest listing in effect on the 1st of each month; ordinary least squares on ln(price). Dates are when LiteLLM’s price map changed, which can lag a vendor by weeks.`,
  );
  const table =
    result.series.length > 1
      ? {
          columns: ['Series', 'From', 'To', 'First $/M', 'Last $/M', '× cheaper/yr', 'Halving (months)', 'R²', 'n'],
          rows: result.series.map((s): Cell[] => [
            s.label,
            s.from,
            s.to,
            s.firstPrice === null ? null : fmtUsd(s.firstPrice),
            s.lastPrice === null ? null : fmtUsd(s.lastPrice),
            s.fit === null ? null : fmtFactorShort(s.fit.annualDeclineFactor),
            s.fit?.halvingMonths == null ? null : Number(s.fit.halvingMonths.toFixed(1)),
            s.fit?.r2 == null ? null : Number(s.fit.r2.toFixed(3)),
            s.points.length,
          ]),
        }
      : (() => {
          const steps = [...(main?.steps ?? [])].reverse();
          const { rows, caption } = capped(steps, 'price changes');
          return {
            columns: ['Date', 'Cheapest $/M (blended)', 'Listing'],
            rows: rows.map((p): Cell[] => [p.date, fmtUsd(p.price), `${p.provider} ${p.model}`]),
            ...(caption === undefined ? {} : { caption }),
          };
        })();
  const tierSources = result.series.flatMap((s) => (s.tier?.sourceUrl ? [{ title: `Tier threshold: ${s.tier.referenceModel ?? s.tier.name} (${s.tier.benchmark} ${s.tier.minScore})`, url: s.tier.sourceUrl }] : []));
  const published = data.raw.published.rows.map((r) => ({ title: `${r.source} (${r.published})`, url: r.url }));
  return {
    title,
    chartTitle: `价格走势 · ${title}`,
    headline,
    lines,
    table,
    citations: [...published, ...tierSources, LITELLM, PROVENANCE],
    data: {
      mode: result.mode,
      blend: formatRatio(result.blend),
      since: result.since ?? null,
      until: result.until,
      sampling: 'monthly (1st of each month) samples of the cheapest blended price in effect',
      series: result.series,
    },
  };
}

// ── cuts ──────────────────────────────────────────────────────────────────
function sideText(s: SideChange): string | null {
  if (s.old === null && s.new === null) return null;
  if (s.old === null) return `→ ${fmtCny(s.new)}`;
  return `${fmtCny(s.old)} → ${fmtCny(s.new)}`;
}

function changeText(c: PriceCut): string {
  if (c.madeFree) return c.input.changePct === null && c.output.changePct === null ? 'made free' : 'made free (−100%)';
  const parts = [c.input.changePct === null ? null : `in ${fmtPct(c.input.changePct)}`, c.output.changePct === null ? null : `out ${fmtPct(c.output.changePct)}`].filter((x) => x !== null);
  return parts.length > 0 ? parts.join(', ') : c.kind;
}

export function explainCuts(result: CutsResult): Summary {
  const s = result.summary;
  const range = result.from || result.to ? ` (${result.from ?? 'start'} → ${result.to ?? 'end'})` : '';
  const free = result.cuts.filter((c) => c.madeFree);
  const deepest = s.deepestInputCut;
  const headline =
    result.cuts.length === 0
      ? `No recorded price changes${range}${result.provider ? ` for ${result.provider}` : ''}.`
      : `${s.rows} dated price change(s) from ${s.vendors.length} vendor(s)${range}: ${s.cuts} cut(s), ${s.madeFree} made free, ${s.rises} rise(s), ${s.launches} launch price(s).`;
  const lines: string[] = [];
  if (free.length > 0) lines.push(`Made free: ${free.slice(0, 6).map((c) => `${c.model} (${c.providerZh}, ${c.date})`).join('; ')}${free.length > 6 ? `; and ${free.length - 6} more` : ''}.`);
  if (deepest !== undefined && deepest.input.changePct !== null && !deepest.madeFree) {
    lines.push(`Deepest input cut with both prices known: ${deepest.model} (${deepest.providerZh}) ${fmtCny(deepest.input.old)} → ${fmtCny(deepest.input.new)} per M input tokens, ${fmtPct(deepest.input.changePct)} on ${deepest.date}.`);
  }
  const deepestPaid = deepestInputCut(result.cuts.filter((c) => !c.madeFree && c.input.changePct !== null && c.input.changePct < 0));
  if (deepestPaid !== undefined && deepestPaid !== deepest) {
    lines.push(`Deepest cut to a price above zero: ${deepestPaid.model} (${deepestPaid.providerZh}) ${fmtCny(deepestPaid.input.old)} → ${fmtCny(deepestPaid.input.new)}, ${fmtPct(deepestPaid.input.changePct)} on ${deepestPaid.date}.`);
  }
  lines.push('Prices in CNY (¥) per million tokens; an empty cell means no source gave the number. Confidence is the data file’s grade of its sources; a date like 2024-09 is known to the month only.');
  const { rows, caption } = capped(result.cuts, 'rows');
  const urls = [...new Set(result.cuts.flatMap((c) => c.sources.map((u) => u.split(' ')[0] as string)))];
  return {
    title: `China’s 2024 LLM API price war${range}`,
    chartTitle: "2024 中国大模型降价潮 · China's LLM price war",
    headline,
    lines,
    table: {
      columns: ['Date', 'Vendor 厂商', 'Model', 'Input ¥/M', 'Output ¥/M', 'Change', 'Confidence'],
      rows: rows.map((c): Cell[] => [c.date, c.providerZh, c.model, sideText(c.input), sideText(c.output), changeText(c), c.confidence]),
      ...(caption === undefined ? {} : { caption }),
    },
    citations: [...urls.slice(0, 6).map((url) => ({ title: url.replace(/^https?:\/\//, '').split('/')[0] as string, url })), PROVENANCE],
    data: { currency: result.currency, unit: result.unit, from: result.from ?? null, to: result.to ?? null, provider: result.provider ?? null, summary: { ...s, deepestInputCut: s.deepestInputCut ?? null }, cuts: result.cuts },
  };
}

// ── cost ──────────────────────────────────────────────────────────────────
function check(label: string, published: number | undefined, ours: number, format: (v: number) => string, tolerance = 0.005): string | null {
  if (published === undefined) return null;
  const close = Math.abs(ours - published) <= Math.max(tolerance, Math.abs(published) * 1e-9);
  const diff = ((ours - published) / published) * 100;
  return `${label}: published ${format(published)}, ours ${format(ours)} ${close ? '✓ (same to the cent)' : `(${fmtPct(diff, 3)})`}`;
}

export function explainCost(result: CostResult, preset: CostPreset | undefined): Summary {
  const r = result;
  const i = r.inputs;
  const usd = (v: number): string => fmtUsd(v);
  const headline =
    r.verdict === null
      ? `Serving costs ${fmtUsd(r.costPerMillionTokens)} per million tokens at ${fmtShare(i.utilization, 0)} utilisation (${fmtUsd(r.costPerDay)}/day of GPU rent for ${fmtTokens(r.tokensPerDay)} tokens/day). Give --price for a verdict.`
      : `Verdict: ${r.verdict}. At ${fmtShare(i.utilization, 0)} utilisation, ${fmtUsd(r.effectivePricePerMillion)} per M tokens earns ${usd(r.revenuePerDay as number)}/day against ${usd(r.costPerDay)}/day of GPU rent: margin ${usd(r.marginPerDay as number)}/day (${fmtPct((r.grossMargin as number) * 100)} of revenue, ${fmtPct((r.markupOnCost as number) * 100)} on cost).`;
  const lines: string[] = [
    `Cost per million tokens: ${fmtUsd(r.costPerMillionTokens)}${r.breakEvenUtilization === null ? '' : `; break-even utilisation ${r.breakEvenUtilization > 1 ? `${fmtShare(r.breakEvenUtilization, 0)} (impossible: below cost even at full load)` : fmtShare(r.breakEvenUtilization)}`}.`,
  ];
  if (preset?.published !== undefined) {
    const p = preset.published;
    const checks = [
      check('Revenue/day', p.revenuePerDay, r.revenuePerDay ?? Number.NaN, (v) => fmtUsd(v)),
      check('GPU cost/day', p.costPerDay, r.costPerDay, (v) => fmtUsd(v)),
    ].filter((x): x is string => x !== null);
    if (p.markupOnCost !== undefined && p.revenuePerDay !== undefined && p.costPerDay !== undefined) {
      const fromPublished = (p.revenuePerDay - p.costPerDay) / p.costPerDay;
      checks.push(`Profit on cost: published ${fmtShare(p.markupOnCost, 0)}; from the published figures (${fmtUsd(p.revenuePerDay)} − ${fmtUsd(p.costPerDay)}) / ${fmtUsd(p.costPerDay)} = ${fmtShare(fromPublished)}; ours ${fmtShare(r.markupOnCost ?? Number.NaN)}`);
    }
    lines.push(`Check against the published calculation: ${checks.join('; ')}.`);
  }
  if (preset !== undefined) lines.push(`Inputs (${preset.id}): ${preset.derivation.join('; ')}.`);
  else lines.push(`Inputs: ${i.gpus} GPU(s) at ${fmtUsd(i.gpuHourly)}/GPU-hour, ${fmtTokens(i.tokensPerSecond)} tokens/s at full load, input:output ${Number(i.inputPerOutput.toFixed(3))}:1, utilisation ${fmtShare(i.utilization)}.`);
  const bands = verdictBands(r);
  if (bands !== undefined) lines.push(`How the verdict moves with utilisation: ${bands}.`);
  lines.push(`GPU rent is only part of the cost (staff, networking, storage, research and spare capacity come on top); "thin" means a gross margin on GPU rent below ${fmtShare(THIN_MARGIN, 0)}.`);
  for (const c of preset?.caveats ?? []) lines.push(`Caveat: ${c}`);
  const shown = r.sensitivity.filter((s) => Math.abs(s.utilization * 10 - Math.round(s.utilization * 10)) < 1e-9 || s.utilization === i.utilization);
  return {
    title: `Serving unit economics${preset ? `: ${preset.title}` : ''}`,
    chartTitle: '服务成本与利用率 · Serving cost vs utilisation',
    headline,
    lines,
    table: {
      columns: ['Utilisation', 'Cost $/M tokens', 'Margin $/day', 'Verdict'],
      rows: shown.map((s): Cell[] => [fmtShare(s.utilization, 0), fmtUsd(s.costPerMillionTokens), s.marginPerDay === null ? null : fmtUsd(s.marginPerDay), s.verdict]),
    },
    citations: [...(preset?.sources ?? []), PROVENANCE],
    data: { preset: preset === undefined ? null : { id: preset.id, title: preset.title, published: preset.published ?? null, derivation: preset.derivation, caveats: preset.caveats }, ...r },
  };
}

const band = (b: { verdict: string; from: number; to: number }): string => `${b.verdict} ${b.from === b.to ? fmtShare(b.from, 0) : `${fmtShare(b.from, 0)}–${fmtShare(b.to, 0)}`}`;

function verdictBands(r: CostResult): string | undefined {
  if (r.verdict === null) return undefined;
  const parts: string[] = [];
  let current: { verdict: string; from: number; to: number } | undefined;
  for (const s of r.sensitivity) {
    if (current !== undefined && current.verdict === s.verdict) current.to = s.utilization;
    else {
      if (current !== undefined) parts.push(band(current));
      current = { verdict: s.verdict as string, from: s.utilization, to: s.utilization };
    }
  }
  if (current !== undefined) parts.push(band(current));
  return parts.join(', ');
}

export function explainPresets(list: readonly PresetLookup[]): Summary {
  return {
    title: 'Cost presets',
    headline: `${list.filter((p) => p.ok).length} preset(s) built from serving_cost_inputs.csv; use /pricewar cost --preset <id>, and override any input with its flag.`,
    lines: list.filter((p) => !p.ok).map((p) => (p.ok ? '' : `${p.id} is unavailable: ${p.reason}.`)),
    table: { columns: ['Preset', 'What'], rows: list.map((p): Cell[] => (p.ok ? [p.preset.id, p.preset.title] : [p.id, `${p.title} (unavailable)`])) },
    citations: [PROVENANCE],
    data: { presets: list.map((p) => (p.ok ? { id: p.preset.id, title: p.preset.title, inputs: p.preset.inputs, published: p.preset.published ?? null } : { id: p.id, title: p.title, unavailable: p.reason })) },
  };
}

// ── compare ───────────────────────────────────────────────────────────────
export function explainCompare(result: CompareResult): Summary {
  const priced = result.models.filter((m) => m.blended !== null).sort((a, b) => (a.blended as number) - (b.blended as number));
  const cheap = priced[0];
  const dear = priced[priced.length - 1];
  const headline =
    cheap !== undefined && dear !== undefined && cheap !== dear
      ? `Cheapest blended: ${cheap.query} at ${fmtUsd(cheap.blended)} per M tokens; dearest: ${dear.query} at ${fmtUsd(dear.blended)}, ${fmtFactorShort((dear.blended as number) / Math.max(cheap.blended as number, 1e-12))} as much.`
      : `${result.models.map((m) => `${m.query}: ${fmtUsd(m.input)} in / ${fmtUsd(m.output)} out per M tokens`).join('; ')}.`;
  const lines = result.models
    .filter((m) => m.otherListings > 0 || !m.inLatestSnapshot)
    .map((m) => {
      const range = m.blendedRange !== null && m.blendedRange.min !== m.blendedRange.max ? `; blended across its ${m.otherListings + 1} listings ${fmtUsd(m.blendedRange.min)}–${fmtUsd(m.blendedRange.max)}` : '';
      const gone = m.inLatestSnapshot ? '' : `; not in the ${result.snapshotDate ?? 'latest'} snapshot any more (last seen ${m.lastSeen})`;
      return `${m.query}: shown ${m.provider} ${m.model} (${m.chosenBecause})${range}${gone}.`;
    });
  lines.push(`Blended = (${result.blend.input}·input + ${result.blend.output}·output)/${result.blend.input + result.blend.output}. "Price since" is when LiteLLM recorded the price; "last seen" is the newest snapshot listing it.`);
  return {
    title: 'Current prices (USD per million tokens)',
    chartTitle: '当前价格对比 · Current prices',
    headline,
    lines,
    table: {
      columns: ['Model', 'Listing', 'Input $/M', 'Output $/M', `Blended ${formatRatio(result.blend)}`, 'Price since', 'Last seen'],
      rows: result.models.map((m): Cell[] => [m.query, `${m.provider} ${m.model}`, fmtUsd(m.input), fmtUsd(m.output), fmtUsd(m.blended), m.priceSince, m.lastSeen]),
    },
    citations: [LITELLM, PROVENANCE],
    data: { blend: formatRatio(result.blend), snapshotDate: result.snapshotDate ?? null, models: result.models },
  };
}

// ── simulate ──────────────────────────────────────────────────────────────
export function explainSimulation(result: SimulationResult): Summary {
  const lowest = result.rounds.reduce((b, r) => (r.marketPrice < b.marketPrice ? r : b), result.rounds[0] as SimulationResult['rounds'][number]);
  const end = result.finalMarketPrice;
  const exits = result.exits.length === 0 ? 'no firm ran out of cash' : result.exits.map((e) => `firm ${e.firm} left in round ${e.round}`).join(', ');
  const verdict =
    end > result.startPrice * 1.001
      ? 'Consumers paid less during the war but more at the end than before it.'
      : end < lowest.marketPrice * 1.05 && result.exits.length === 0
        ? 'The war had not ended by the last round: prices were still at their low.'
        : `At the end consumers paid ${fmtShare(end / result.startPrice, 0)} of the pre-war price.`;
  const headline = `Market price ${fmtUsd(result.startPrice)} → lowest ${fmtUsd(lowest.marketPrice)} (round ${lowest.round}) → ${fmtUsd(end)} per M tokens after ${result.rounds.length} rounds; ${exits}; survivors: ${result.survivors.length === 0 ? 'none' : result.survivors.map((f) => `firm ${f}`).join(', ')}. ${verdict}`;
  const o = result.options;
  const lines = [
    'This is a model to think with, not a forecast. Assumptions:',
    ...result.assumptions.map((a) => `• ${a}`),
    `Inputs: ${o.firms} firms; costs ${result.firmCosts.map((c) => fmtUsd(c)).join(', ')} per M tokens; cash ${result.firmStartingCash.map((c) => `$${c.toFixed(1)}M`).join(', ')}; elasticity ${o.elasticity}; start price ${fmtUsd(o.startPrice)}; demand ${fmtTokens(o.demand * 1e9)} tokens/round; capacity ${fmtShare(o.capacity, 0)} of it per firm; fixed cost $${o.fixedCost}M/round; undercut ${fmtShare(o.undercut, 0)}; floor ${fmtShare(o.floor, 0)} of cost; seed ${o.seed}.`,
  ];
  const { rows, caption } = capped(result.rounds, 'rounds');
  return {
    title: `Price-war simulation: ${o.firms} firms, ${result.rounds.length} rounds (seed ${o.seed})`,
    chartTitle: '价格战模拟 · Price-war simulation',
    headline,
    lines,
    table: {
      columns: ['Round', 'Market $/M', 'Firms selling', 'Lowest price', 'Worst margin', 'Exits'],
      rows: rows.map((r): Cell[] => {
        const active = r.firms.filter((f) => f.active);
        const low = active.reduce<number | null>((m, f) => (f.price !== null && (m === null || f.price < m) ? f.price : m), null);
        const worst = active.reduce<number | null>((m, f) => (f.margin !== null && (m === null || f.margin < m) ? f.margin : m), null);
        const left = result.exits.filter((e) => e.round === r.round).map((e) => `firm ${e.firm}`);
        return [r.round, fmtUsd(r.marketPrice), r.activeFirms, low === null ? null : fmtUsd(low), worst === null ? null : fmtPct(worst * 100, 0), left.join(', ') || null];
      }),
      ...(caption === undefined ? {} : { caption }),
    },
    citations: [],
    data: { ...result },
  };
}

// ── alerts ────────────────────────────────────────────────────────────────
export function explainAlerts(result: AlertsResult): Summary {
  const cuts = result.alerts.filter((a) => a.direction === 'cut').length;
  const headline =
    result.alerts.length === 0
      ? `No price changes of ${fmtShare(result.minChange, 0)} or more between ${result.since} and ${result.until}.`
      : `${result.alerts.length} price change(s) of ${fmtShare(result.minChange, 0)} or more between ${result.since} and ${result.until}: ${cuts} cut(s), ${result.alerts.length - cuts} rise(s), newest first.`;
  const { rows, caption } = capped(result.alerts, 'changes');
  const pair = (a: (typeof result.alerts)[number], i: number | null, o: number | null): string => {
    const f = a.currency === 'USD' ? (v: number | null) => fmtUsd(v) : (v: number | null) => fmtCny(v);
    return o === null ? f(i) : i === null ? f(o) : `${f(i)} / ${f(o)}`;
  };
  return {
    title: `Price changes since ${result.since}`,
    chartTitle: '价格变动 · Price changes',
    headline,
    lines: [
      'Compared on the blended price (3·input + output)/4 where both are known. LiteLLM dates are when its price map changed (it can lag a vendor, and some changes are corrections); CNY rows come from the dated China price-war table.',
    ],
    table: {
      columns: ['Date', 'Provider', 'Model', 'Before (in / out)', 'After (in / out)', 'Change'],
      rows: rows.map((a): Cell[] => [
        a.date,
        a.provider,
        a.listings.length > 1 ? `${a.model} (${a.listings.length} ids)` : a.listings[0] ?? a.model,
        pair(a, a.oldInput, a.oldOutput),
        pair(a, a.newInput, a.newOutput),
        a.madeFree ? 'made free' : a.wasFree ? 'no longer free' : fmtPct(a.changePct),
      ]),
      ...(caption === undefined ? {} : { caption }),
    },
    citations: [LITELLM, PROVENANCE],
    data: { since: result.since, until: result.until, minChange: result.minChange, count: result.alerts.length, alerts: result.alerts, lines: result.alerts.slice(0, 50).map(formatAlert) },
  };
}

// ── /pricewar with no subcommand ──────────────────────────────────────────
export function explainOverview(data: PriceData): Summary {
  const t = data.raw;
  return {
    title: '/pricewar: the LLM API price war in numbers',
    headline: `Loaded ${t.history.rows.length.toLocaleString('en-US')} price-history rows (${data.listings.size.toLocaleString('en-US')} listings, ${dayToIso(data.firstDay)} → ${dayToIso(data.lastDay)}), ${t.cuts.rows.length} dated Chinese price changes and ${t.serving.rows.length} serving-cost figures${t.userDir ? ` (your files from ${t.userDir} where present)` : ''}.`,
    lines: [
      'trend: how fast prices fall (decline per year, halving time, R²) for a model or a capability tier',
      'cuts: who cut what when in China’s 2024 price war',
      'cost: serving cost per million tokens, margin and verdict (presets: --preset list)',
      'compare: current prices side by side',
      'simulate: a price-war model with cash and capacity',
      'alerts: price changes since a date',
      'Type /help pricewar for every option.',
    ].map((l) => `• ${l}`),
    citations: [PROVENANCE],
    data: {
      files: [t.history, t.latest, t.cuts, t.serving, t.scores, t.tiers, t.published].map((x) => ({ file: x.file, origin: x.origin, rows: x.rows.length, records: x.records, issues: x.issues.length })),
    },
  };
}
